"""The conversation: prepbot asks, the candidate notes what they heard, prepbot reacts."""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, OptionList, Static, TextArea

from prepbot.bank import Question
from prepbot.interview import Interview
from prepbot.service import SaveResult, Service, ServiceError
from prepbot.textsafe import safe
from prepbot.tui.autosave import Autosaver, SaveEvent, SaveState
from prepbot.tui.palette import Entry, ScreenCommands
from prepbot.tui.screens import SCREENS_CSS, chat_edits
from prepbot.tui.screens.chat_reading import NoteReading
from prepbot.tui.screens.corrections import CorrectionActions
from prepbot.tui.text import one_line
from prepbot.tui.widgets.chat_log import ChatLog
from prepbot.tui.widgets.chat_message import ChatMessage
from prepbot.tui.widgets.flag_panel import MARKERS, FindingList, FlagPanel
from prepbot.tui.widgets.note_editor import NoteEditor
from prepbot.tui.widgets.plan_list import PlanList

if TYPE_CHECKING:
    from prepbot.tui.app import PrepbotApp

SAVE_CHECK_EVERY = 0.1  # seconds: how often the chat asks its Autosaver whether a save is due


class ChatCommands(ScreenCommands):
    """Command palette entries for the chat: jump to a category, summary, copy, export, and the
    candidate's own changes. Listed as soon as the palette opens (`discover`), filtered as typed."""

    def entries(self) -> list[Entry]:
        screen = self.screen
        if not isinstance(screen, ChatScreen):
            return []
        # Actions first, then the jumps (one per category of the plan), which would crowd them out.
        entries: list[Entry] = [
            ("Show summary", screen.action_summary, "Red and green flags so far, and a verdict (F2)"),
            ("Export report", screen.action_export, "Save the report as Markdown, HTML, JSON or text (F3)"),
            ("Copy current question", screen.action_copy, "Put the question on the clipboard (Ctrl+T)"),
            ("Add my own question", screen.action_add_question, "Typed by you, after the current one (F4)"),
            ("Add a flag prepbot missed", screen.action_add_flag, "Pick one of the 24 flags (F5)"),
            ("Edit details", screen.action_edit_details, "Company, role, date, persona, time box (F6)"),
            ("General note", screen.action_general_note, "A note for the whole interview (F7)"),
            ("Paste what I read", screen.action_import_source, "A review, an e-mail, a job ad: its flags join the summary (F8)"),
            ("Correct a flag", screen.action_focus_flags, "Select a flag heard: why, confirm, dismiss (Ctrl+F)"),
            ("Plan: choose, move, remove", screen.action_focus_plan, "The list of questions (Ctrl+L)"),
        ]
        entries += [
            (f"Jump to: {title}", partial(screen.jump_to_category, cid), f"First open question about {title}")
            for cid, title in screen.conversation.plan_categories()
        ]
        return entries


class ChatScreen(CorrectionActions, NoteReading, Screen[None]):
    CSS_PATH = SCREENS_CSS  # (see screens/__init__.py)
    if TYPE_CHECKING:  # self.app typed as the PrepbotApp (the app imports the screens: no import back)
        app = getters.app(PrepbotApp)
    COMMANDS = {ChatCommands}
    # Below 70 columns the side panel (plan and flags) hides; Ctrl+L / Ctrl+F show it in place of the chat.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-normal"), (110, "-wide")]
    BINDINGS = [
        Binding("ctrl+n", "next", "Next"),
        Binding("ctrl+b", "previous", "Back"),
        Binding("ctrl+s", "skip", "Skip"),
        Binding("ctrl+o", "mark_asked", "Asked", show=False),  # footer room at 80 columns; F1 lists it
        Binding("ctrl+t", "copy", "Copy", show=False),
        Binding("f2", "summary", "Summary"),
        Binding("f4", "add_question", "Own question", show=False, priority=True),
        Binding("f5", "add_flag", "Add flag", show=False, priority=True),
        Binding("f6", "edit_details", "Details", show=False, priority=True),
        Binding("f7", "general_note", "Note", show=False, priority=True),
        Binding("f8", "import_source", "Paste read", show=False, priority=True),
        Binding("ctrl+l", "focus_plan", "Plan", show=False),
        Binding("ctrl+f", "focus_flags", "Flags", show=False),
        Binding("f1", "app.help", "Help"),
        Binding("escape", "home", "Home"),
        Binding("f3", "export", "Export"),  # last: on a narrow terminal the footer cuts the least needed key
    ]

    def __init__(self, service: Service, interview: Interview):
        super().__init__()
        self.service = service
        self.conversation = service.open(interview)
        self.interview = interview
        self.autosaver = Autosaver(self.write)  # when the note being typed is saved, and the retries
        self._classify_timer: Timer | None = None
        self._read_timer: Timer | None = None  # the live reading due while keys keep coming
        self._last_read = 0.0  # monotonic time the note was last read
        self._opened = time.monotonic()  # the clock counts from when this chat opened

    # -- layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="header"):
            yield Static(id="progress")
            yield Static(id="clock")
        with Horizontal(id="body"):
            with Vertical(id="conversation"):
                yield ChatLog(id="log")
                yield NoteEditor(
                    id="note", soft_wrap=True, tab_behavior="focus", placeholder="Type what you heard… (Ctrl+N when done)"
                )
            with Vertical(id="side"):
                yield Static(Content.assemble("Plan ", ("▶now ✓done –skip ·open", "dim")), classes="panel-title")
                yield PlanList(id="plan")
                yield FlagPanel(id="flags")
        yield Footer()

    def on_mount(self) -> None:
        self.app.apply_cursor_blink(self)
        if not self.questions:
            self.post(
                ChatMessage("prepbot", "This interview has no questions left in the bank. Press Esc to go back.", kind="bot")
            )
            return
        # Replay what was already noted, so a resumed interview reads like the conversation it was.
        for index, question in self.conversation.answered_before():
            self.post_question(index, question, brief=True)
            self.post_answer(question)
        self.post_question(self.interview.current, self.current_question)
        self.load_note()
        self.refresh_panels()
        self.query_one("#note", TextArea).focus()
        self.set_interval(15, self.update_clock)
        self.set_interval(SAVE_CHECK_EVERY, self.save_if_due)
        if self.service.use_model:
            self.warm_up_classifier()

    # -- the data this screen shows

    @property
    def questions(self) -> list[Question]:
        return self.conversation.questions

    @property
    def current_question(self) -> Question:
        return self.conversation.current_question

    # -- messages

    def post(self, message: ChatMessage) -> None:
        self.query_one("#log", ChatLog).post(message)

    def post_question(self, index: int, question: Question, brief: bool = False) -> None:
        heading = f"Q{index + 1} · {self.conversation.category_title(question)}"
        parts: list = [(heading, "dim"), "\n", (question.ask, "bold")]
        if not brief:
            parts += ["\n", ("Why it matters: ", "italic"), question.why]
            parts += ["\n", ("Listen for: ", "italic"), "; ".join(question.listen_for)]
        self.post(ChatMessage("prepbot", Content.assemble(*parts), kind="bot", copy_text=question.ask))

    def post_answer(self, question: Question) -> None:
        answer = self.interview.answer_for(question.id)
        if answer.status == "skipped" and not answer.note.strip():
            self.post(ChatMessage("You", Content("(skipped)"), kind="user"))
            return
        if not answer.note.strip():
            self.post(ChatMessage("You", Content("(asked, no notes)"), kind="user"))
            return
        self.post(ChatMessage("You", Content(answer.note), kind="user"))
        self.post(self.reaction(question))

    def reaction(self, question: Question) -> ChatMessage:
        reaction = self.conversation.react(question)
        follow = reaction.follow_up
        if not reaction.matches:
            if not follow:
                return ChatMessage("prepbot", Content("No flags in that."), kind="reaction")
            body = Content.assemble("No flags in that. If you want more detail, ask: ", (follow, "bold"))
            return ChatMessage("prepbot", body, kind="reaction", copy_text=follow)
        parts: list = ["I heard:"]
        for match in reaction.matches:
            label, style = MARKERS[match.kind]
            quote = one_line(match.evidence[0].text, 70) if match.evidence else ""
            parts += ["\n", (label, style), " ", (match.flag.title, "bold"), " — “", (quote, "italic"), "”"]
        if follow:
            parts += ["\n", ("Worth asking next: ", "italic"), (follow, "bold")]
        return ChatMessage("prepbot", Content.assemble(*parts), kind="reaction", copy_text=follow)

    # -- note editing, live flags, autosave

    def load_note(self) -> None:
        note = self.query_one("#note", TextArea)
        with note.prevent(TextArea.Changed):
            note.load_text(self.conversation.note())
        self.update_live_flags(note.text)

    # A terminal without bracketed paste delivers a paste as one key per character: reading the whole
    # note at each of them took seconds per thousand. The note is kept at every key (what is saved is
    # always the full text); it is read when no more keys are waiting, and while they keep coming at
    # most every READ_EVERY seconds, always as it is at that moment (never a stale text).
    READ_EVERY = 0.1

    @on(TextArea.Changed, "#note")
    def note_changed(self, event: TextArea.Changed) -> None:
        self.conversation.keep(event.text_area.text)
        self.autosaver.typed()
        if self._read_timer is None:  # else a reading is due already, and reads the note as it is then
            wait = self._last_read + self.READ_EVERY - time.monotonic()
            if wait <= 0 or not self.app.keys_waiting(event.text_area):
                self.read_note()
            else:
                self._read_timer = self.set_timer(wait, self.read_note)

    def refresh_panels(self) -> None:
        total = len(self.questions)
        question = self.current_question
        in_category = [q for q in self.questions if q.category == question.category]
        position = in_category.index(question) + 1
        answered = self.interview.answered_count
        self.query_one("#progress", Static).update(
            Content.assemble(
                (one_line(self.interview.company, 24 if self.size.width >= 90 else 14), "bold"),
                f" · Q{self.interview.current + 1}/{total}",
                f" · {one_line(self.conversation.category_title(question), 24)} {position}/{len(in_category)}",
                f" · ~{question.minutes:g} min",
                f" · {answered} answered",
            )
        )
        self.query_one(FlagPanel).show_all(self.conversation.flags_so_far(), self.conversation.question_numbers())
        self.query_one(PlanList).show(
            self.questions,
            [self.conversation.status_of(q) for q in self.questions],
            self.interview.current,
            highlight=self.interview.current,
        )
        self.update_clock()

    def update_clock(self) -> None:
        """Minutes since this chat opened, against the interview's time box."""
        elapsed = int((time.monotonic() - self._opened) // 60)
        minutes = self.interview.minutes
        if self.has_class("-wide"):
            text = f"{elapsed} of {minutes:g} min since opened" if minutes else f"{elapsed} min since opened"
        else:
            text = f"{elapsed}/{minutes:g} min" if minutes else f"{elapsed} min"
        if minutes:
            left = minutes - elapsed
            text += f", {left:g} left" if left >= 0 else f", {-left:g} over"
        clock = self.query_one("#clock", Static)
        clock.update(Content(text))
        clock.tooltip = "Minutes since you opened this chat, against your time box"

    # -- saving: the Autosaver decides when; this screen writes and tells the user

    def write(self, everything: bool) -> SaveResult:
        """The Autosaver's write: the current note, or after a failure every answer."""
        if not self.questions:
            return SaveResult()
        return self.conversation.save_all() if everything else self.conversation.save()

    def save_if_due(self) -> None:
        if self.autosaver.due():
            self.save_now()

    def save_now(self) -> bool:
        """Write the note being typed; True when it is on disk.

        When the write fails (a full disk, a locked database) nothing is lost: the text stays in
        the editor and in memory, a status line says so, and saving is retried every few
        seconds and on the next keystroke or move, writing every answer noted meanwhile.
        """
        event = self.autosaver.save()
        self.save_state_changed(event)
        return event.state is SaveState.SAVED

    def save_state_changed(self, event: SaveEvent) -> None:
        """The one place that tells the user what a save did."""
        if event.failure is not None:  # said once, not on every retry
            self.notify(event.failure, title="Not saved", severity="error", timeout=15, markup=False)
            self.show_save_status(event.failure)
        if event.recovered:
            self.show_save_status(None)
            self.notify("Your notes are saved now.", title="Saved", timeout=5, markup=False)
        result = event.result
        if result is None:
            return
        if self.questions and any(c.question_id == self.current_question.id for c in result.conflicts):
            self.reload_note()
        if result.message:
            self.notify(safe(result.message, keep_layout=False), title="Saved", severity="warning", timeout=15, markup=False)

    def reload_note(self) -> None:
        """Show what is stored after another window's save, without that counting as typing (no new save)."""
        note = self.query_one("#note", TextArea)
        self.load_note()
        note.move_cursor(note.document.end)

    def show_save_status(self, message: str | None) -> None:
        """A line above the editor while notes are unsaved (None: remove it)."""
        for old in self.query("#save-status"):
            old.remove()
        if message is not None:
            self.query_one("#conversation").mount(Static(Content(message), id="save-status"), before="#note")

    def take_editor_text(self) -> bool:
        """Hand the editor's text to the conversation if its Changed event is still queued
        (Ctrl+Q pressed right after typing); True when there was such text. Not while moving:
        between `move` and `load_note` the editor still shows the previous question."""
        try:
            text = self.query_one("#note", TextArea).text
        except NoMatches:
            return False
        if not self.questions or text == self.conversation.note():
            return False
        self.conversation.type(text)
        return True

    @property
    def unsaved(self) -> bool:
        """Notes typed here that are not on disk yet."""
        return self.take_editor_text() or self.autosaver.unsaved

    # -- moving through the plan

    def go_to(self, index: int) -> None:
        self.save_now()
        self.conversation.move(index)
        self.save_now()
        self.post_question(self.interview.current, self.current_question)
        self.load_note()
        self.refresh_panels()

    def action_next(self) -> None:
        if not self.questions:
            return
        question = self.current_question
        self.post_answer(question)
        following = self.conversation.next_open()
        if following is not None and following != self.interview.current:
            # The next question still open, wrapping to the top: jumping ahead leaves none behind.
            self.go_to(following)
        else:
            self.save_now()
            self.refresh_panels()
            self.post(ChatMessage("prepbot", Content("No open question left. Here is the summary."), kind="bot"))
            self.action_summary()

    def action_previous(self) -> None:
        if self.questions and self.interview.current > 0:
            self.go_to(self.interview.current - 1)

    def action_skip(self) -> None:
        if self.questions:
            self.conversation.set_status("skipped")
            self.action_next()

    def action_mark_asked(self) -> None:
        if self.questions:
            self.conversation.set_status("asked")
            self.action_next()

    def jump_to_category(self, category_id: str) -> None:
        self.go_to(self.conversation.first_open_in_category(category_id))

    def action_copy(self) -> None:
        if not self.questions:
            return
        self.app.copy_to_clipboard(self.current_question.ask)
        self.notify(
            "Copied the question. If your terminal has no clipboard support, export the prep checklist instead.", title="Copied"
        )

    def action_summary(self) -> None:
        from prepbot.tui.screens.summary import SummaryScreen

        self.save_now()
        self.app.push_screen(SummaryScreen(self.service, self.interview))

    def action_export(self) -> None:
        self.save_now()
        self.app.export_interview(self.interview)

    def action_home(self) -> None:
        self.save_now()
        self.app.pop_screen()

    # -- the plan is the candidate's

    def plan_list(self) -> PlanList:
        return self.query_one(PlanList)

    @on(OptionList.OptionSelected, "#plan")
    def plan_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index != self.interview.current:
            self.go_to(event.option_index)
        self.query_one("#note", TextArea).focus()

    def action_focus_plan(self) -> None:
        self.toggle_side(self.plan_list())

    def action_focus_flags(self) -> None:
        self.toggle_side(self.finding_list())

    def toggle_side(self, target) -> None:
        if target.has_focus:  # the same key again: back to the note
            self.remove_class("-side-open")
            self.query_one("#note", TextArea).focus()
            return
        self.add_class("-side-open")  # only matters below 70 columns, where the side panel is hidden
        target.focus()

    def on_screen_resume(self) -> None:
        log = self.query_one("#log", VerticalScroll)
        if log.is_anchored:
            self.call_after_refresh(log.scroll_end, animate=False)

    def on_resize(self) -> None:
        if self.questions:  # the header's cuts and the clock's wording follow the width
            self.call_after_refresh(self.refresh_panels)
        footer = self.query_one(Footer)
        footer.compact = self.size.width < 80  # the keys stay in view on a narrow terminal
        footer.show_command_palette = self.size.width >= 70

    def on_descendant_focus(self, event) -> None:
        if event.widget.id == "note":
            self.remove_class("-side-open")

    def replan(self, highlight: int | None = None) -> None:
        """The plan changed: show it, and the current question if it is not the one shown."""
        self.refresh_panels()
        if highlight is not None:
            self.plan_list().highlighted = highlight

    def plan_change(self, change, *args) -> bool:
        self.save_now()
        try:
            change(*args)
        except ServiceError as exc:
            self.notify(str(exc), title="Plan not changed", severity="error", markup=False)
            return False
        return True

    def action_move_question(self, step: int) -> None:
        index = self.plan_list().selected_index()
        if index is None or not 0 <= index + step < len(self.questions):
            return
        question_id = self.questions[index].id
        if self.plan_change(self.conversation.move_question, question_id, index + step):
            self.replan(index + step)

    def action_remove_question(self) -> None:
        from prepbot.tui.screens.confirm import ConfirmScreen

        index = self.plan_list().selected_index()
        if index is None:
            return
        if len(self.questions) == 1:
            self.notify("This is the only question left in the plan.", title="Not removed")
            return
        question = self.questions[index]
        was_current = index == self.interview.current

        def done(yes: bool | None) -> None:
            if yes and self.plan_change(self.conversation.remove_question, question.id):
                if was_current:
                    self.post_question(self.interview.current, self.current_question)
                    self.load_note()
                self.replan(min(index, len(self.questions) - 1))

        self.app.push_screen(
            ConfirmScreen(
                f"Remove Q{index + 1} from the plan? Its note, if any, is kept.\n\n{one_line(question.ask, 200)}", yes="Remove"
            ),
            done,
        )

    def action_skip_selected(self) -> None:
        """S in the plan: skip the selected question, or take its skip back. A question with notes
        (or marked asked) is skipped only after a yes: its note is kept, the summary lists it as skipped."""
        from prepbot.tui.screens.confirm import ConfirmScreen

        index = self.plan_list().selected_index()
        if index is None:
            return
        question = self.questions[index]
        status = self.conversation.status_of(question)
        if status == "skipped":
            # house: "the answer was touched" (Answer.touched) decides what a skip taken back returns to.
            back = "asked" if self.interview.answer_for(question.id).note.strip() else "open"
            self.set_status_of(index, back)
            self.notify(f"Q{index + 1} is no longer skipped.", title="Plan", markup=False)
            return
        if status != "answered":
            self.skip(index)
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.skip(index)

        self.app.push_screen(
            ConfirmScreen(
                f"Q{index + 1} has your notes. Skip it anyway? The notes are kept; "
                f"the summary lists it as skipped.\n\n{one_line(question.ask, 200)}",
                yes="Skip",
            ),
            done,
        )

    def skip(self, index: int) -> None:
        if index == self.interview.current:
            self.action_skip()
        else:
            self.set_status_of(index, "skipped")

    def set_status_of(self, index: int, status: str) -> None:
        self.save_now()
        self.interview.set_status(self.questions[index].id, status)
        try:
            self.service.save(self.interview)
        except ServiceError as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
        self.replan(index)

    def action_add_question(self) -> None:
        chat_edits.add_question(self)

    def action_edit_details(self) -> None:
        chat_edits.edit_details(self)

    def action_general_note(self) -> None:
        chat_edits.general_note(self)

    def reload_from_elsewhere(self) -> None:
        """Read what another window or a shell saved meanwhile, and show it."""
        try:
            changed = self.conversation.refresh().underneath
        except ServiceError:
            return  # deleted or unreadable: the next save says so (and writes it back)
        if changed:
            self.refresh_panels()

    def action_import_source(self) -> None:
        chat_edits.import_source(self)

    # -- corrections (CorrectionActions)

    def finding_list(self) -> FindingList:
        return self.query_one(FindingList)

    def current_question_id(self) -> str | None:
        return self.current_question.id if self.questions else None

    def after_correction(self) -> None:
        self.refresh_panels()

    @on(OptionList.OptionSelected, "#all-flags")
    def flag_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_why_flag()

    def on_unmount(self) -> None:
        # Widgets are going away: save without touching them; the app keeps what will not save.
        if not self.questions or not self.unsaved:
            return
        if self.autosaver.save().state is SaveState.FAILED:
            self.app.keep_unsaved(self.conversation)  # kept in memory, retried, printed at quit

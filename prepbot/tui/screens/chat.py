"""The conversation: prepbot asks, the candidate notes what they heard, prepbot reacts."""

from __future__ import annotations

import time
from functools import partial

from textual import on, work
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
from prepbot.service import Service, ServiceError
from prepbot.store import DiskFullError, SaveResult, StoreError
from prepbot.textsafe import safe
from prepbot.tui.palette import ScreenCommands
from prepbot.tui.screens.corrections import CorrectionActions
from prepbot.tui.text import one_line, show_controls_in
from prepbot.tui.widgets.chat_message import ChatMessage
from prepbot.tui.widgets.flag_panel import MARKERS, FindingList, FlagPanel
from prepbot.tui.widgets.plan_list import PlanList

AUTOSAVE_DELAY = 0.5  # seconds after the last keystroke; the promise to users is "within a second"
RETRY_SAVE_EVERY = 3.0  # seconds between attempts while notes could not be saved (a full disk)


class ChatCommands(ScreenCommands):
    """Command palette entries for the chat: jump to a category, summary, copy, export, and the
    candidate's own changes. Listed as soon as the palette opens (`discover`), filtered as typed."""

    def entries(self) -> list[tuple[str, object, str]]:
        screen = self.screen
        if not isinstance(screen, ChatScreen):
            return []
        entries = [
            (f"Jump to: {title}", partial(screen.jump_to_category, cid), f"First open question about {title}")
            for cid, title in screen.conversation.plan_categories()
        ]
        entries += [
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
        return entries


class ChatScreen(CorrectionActions, Screen):
    COMMANDS = {ChatCommands}
    _unsaved: str | None = None  # why the notes are not saved (the status line shown), or None
    _retry: Timer | None = None  # retries saving while _unsaved
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
        self._autosave: Timer | None = None  # pending save of the note being typed
        self._opened = time.monotonic()  # the clock counts from when this chat opened

    # -- layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="header"):
            yield Static(id="progress")
            yield Static(id="clock")
        with Horizontal(id="body"):
            with Vertical(id="conversation"):
                yield VerticalScroll(id="log")
                yield TextArea(
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
        log = self.query_one("#log", VerticalScroll)
        log.mount(message)
        # Anchored: the log stays at the bottom as the message is laid out, even when it is posted while
        # the command palette covers the screen (a jump to a category), until the user scrolls up.
        log.anchor()

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

    @on(TextArea.Changed, "#note")
    def note_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        self.query_one(FlagPanel).show_live(self.conversation.type(text))
        self.classify_later(text)
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.set_timer(AUTOSAVE_DELAY, self.save_now)

    # -- the classifier: loaded and run in a worker thread, never on the keystroke path

    CLASSIFY_DELAY = 0.3  # seconds after the last keystroke

    def classify_later(self, text: str) -> None:
        if not self.service.use_model:
            return
        timer = getattr(self, "_classify_timer", None)
        if timer is not None:
            timer.stop()
        self._classify_timer = self.set_timer(self.CLASSIFY_DELAY, partial(self.run_classifier, text))

    @work(thread=True, exclusive=True, group="classifier")
    def warm_up_classifier(self) -> None:
        problem = self.service.warm_up()
        if problem and not self.service.classifier_warned:  # said once per session, not per interview
            self.service.classifier_warned = True
            self.app.call_from_thread(
                self.app.notify,
                f"{safe(problem, keep_layout=False)}; reading with the cues alone.",
                title="Classifier off",
                severity="warning",
                timeout=20,
                markup=False,
            )

    @work(thread=True, exclusive=True, group="classifier")
    def run_classifier(self, text: str) -> None:
        self.service.classify(text)
        self.app.call_from_thread(self.classified, text)

    def classified(self, text: str) -> None:
        """The classifier has read `text`: show what it adds, if the note is still that text."""
        if self.is_mounted and self.query_one("#note", TextArea).text == text:
            self.update_live_flags(text)

    def update_live_flags(self, text: str) -> None:
        self.query_one(FlagPanel).show_live(self.conversation.live_flags(text))

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

    def save_now(self) -> bool:
        """Write the note being typed; True when it is on disk.

        When the write fails (a full disk, a locked database) nothing is lost: the text stays in
        the editor and in memory, a status line says so, and saving is retried every few
        seconds and on the next keystroke or move, writing every answer noted meanwhile.
        """
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        if not self.questions:
            return True
        try:
            result = self.conversation.save_all() if self._unsaved else self.conversation.save()
        except StoreError as exc:
            self.save_failed(exc)
            return False
        self.save_succeeded(result)
        return True

    def save_failed(self, exc: StoreError) -> None:
        if isinstance(exc, DiskFullError):
            message = "The disk is full: your notes are not saved yet. They stay here; prepbot retries every few seconds."
        else:
            message = f"Not saved: {safe(exc, keep_layout=False)}. Your notes stay here; prepbot retries every few seconds."
        if message != self._unsaved:  # said once, not on every retry
            self.notify(message, title="Not saved", severity="error", timeout=15, markup=False)
            self.show_save_status(message)
        self._unsaved = message
        if self._retry is None:
            self._retry = self.set_interval(RETRY_SAVE_EVERY, self.save_now)

    def save_succeeded(self, result: SaveResult) -> None:
        if self._retry is not None:
            self._retry.stop()
            self._retry = None
        if self._unsaved is not None:
            self._unsaved = None
            self.show_save_status(None)
            self.notify("Your notes are saved now.", title="Saved", timeout=5, markup=False)
        if any(c.question_id == self.current_question.id for c in result.conflicts):
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
        return self.take_editor_text() or self._autosave is not None or self._unsaved is not None

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
        # A note pasted or imported with escape sequences: drawn as "␛[2J", never sent raw.
        for note in self.query("#note").results(TextArea):
            show_controls_in(note)
        log = self.query_one("#log", VerticalScroll)
        if log._anchored:
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
        index = self.plan_list().selected_index()
        if index is None:
            return
        if index == self.interview.current:
            self.action_skip()
            return
        self.save_now()
        self.interview.set_status(self.questions[index].id, "skipped")
        try:
            self.service.save(self.interview)
        except ServiceError as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
        self.replan(index)

    def action_add_question(self) -> None:
        from prepbot.tui.screens.dialogs import OwnQuestionDialog

        def done(result) -> None:
            if result is None:
                return
            ask, bank_path = result
            if not self.plan_change(self.conversation.add_question, ask):
                return
            self.replan(self.interview.current + 1)
            message = f"Added as Q{self.interview.current + 2}."
            if bank_path:
                from prepbot.own_bank import OwnBankError, append_own_question

                try:
                    append_own_question(bank_path, ask)
                    self.app.own_bank_path = bank_path
                    message += f" Also saved to {bank_path} (use it with --bank)."
                except OwnBankError as exc:
                    self.notify(str(exc), title="Not saved to your bank file", severity="error", markup=False)
            self.notify(message, title="Your question", markup=False)

        self.app.push_screen(OwnQuestionDialog(getattr(self.app, "own_bank_path", "")), done)

    def action_edit_details(self) -> None:
        from prepbot.tui.screens.dialogs import DetailsDialog

        def done(details) -> None:
            if details is None:
                return
            current_id = self.current_question.id if self.questions else None
            self.save_now()
            try:
                self.service.update_details(self.interview, replan=True, categories=self.interview.categories, **details)
            except ServiceError as exc:
                self.notify(str(exc), title="Details not changed", severity="error", markup=False)
                return
            if self.questions and self.current_question.id != current_id:
                self.post_question(self.interview.current, self.current_question)
                self.load_note()
            self.refresh_panels()
            self.notify(f"Saved. The plan has {len(self.questions)} questions; every note is kept.", title="Details")

        self.app.push_screen(DetailsDialog(self.interview), done)

    def action_general_note(self) -> None:
        from prepbot.tui.screens.dialogs import NoteDialog

        def done(text: str | None) -> None:
            if text is None:
                return
            try:
                self.conversation.set_general_note(text)
            except ServiceError as exc:
                self.notify(str(exc), title="Note not saved", severity="error", markup=False)
                return
            self.notify("Saved the general note.", title="Note")

        self.app.push_screen(NoteDialog(self.interview.general_note), done)

    def action_import_source(self) -> None:
        from prepbot.tui.screens.dialogs import ImportDialog

        def done(result) -> None:
            if result is None:
                return
            label, text = result
            try:
                source = self.service.import_source(self.interview, label, text)
            except ServiceError as exc:
                self.notify(str(exc), title="Not imported", severity="error", markup=False)
                return
            self.refresh_panels()
            self.notify(f"Imported “{one_line(source.label, 40)}”: its flags are in the summary (F2).", markup=False)

        self.app.push_screen(ImportDialog(), done)

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
        if not self.unsaved or not self.questions:
            return
        for timer in (self._autosave, self._retry):
            if timer is not None:
                timer.stop()
        try:
            self.conversation.save_all() if self._unsaved else self.conversation.save()
        except StoreError:
            self.app.keep_unsaved(self.conversation)  # kept in memory, retried, printed at quit

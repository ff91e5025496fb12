"""The conversation: prepbot asks, the candidate notes what they heard, prepbot reacts."""

from __future__ import annotations

from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static, TextArea

from prepbot.bank import Question
from prepbot.interview import Interview
from prepbot.service import Service
from prepbot.store import DiskFullError, SaveResult, StoreError
from prepbot.textsafe import safe
from prepbot.tui.text import one_line, show_controls_in
from prepbot.tui.widgets.chat_message import ChatMessage
from prepbot.tui.widgets.flag_panel import MARKERS, FlagPanel

AUTOSAVE_DELAY = 0.5  # seconds after the last keystroke; the promise to users is "within a second"
RETRY_SAVE_EVERY = 3.0  # seconds between attempts while notes could not be saved (a full disk)


class ChatCommands(Provider):
    """Command palette entries for the chat: jump to a category, summary, copy."""

    async def search(self, query: str) -> Hits:
        screen = self.screen
        if not isinstance(screen, ChatScreen):
            return
        matcher = self.matcher(query)
        entries = [(f"Jump to: {title}", partial(screen.jump_to_category, cid), f"First open question about {title}")
                   for cid, title in screen.conversation.plan_categories()]
        entries += [
            ("Show summary", screen.action_summary, "Red and green flags so far, and a verdict"),
            ("Copy current question", screen.action_copy, "Put the question on the clipboard"),
            ("Export report", screen.action_export, "Save the report as Markdown, HTML, JSON or text"),
        ]
        for text, callback, help_text in entries:
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)


class ChatScreen(Screen):
    COMMANDS = {ChatCommands}
    _unsaved: str | None = None  # why the notes are not saved (the status line shown), or None
    _retry: Timer | None = None  # retries saving while _unsaved
    BINDINGS = [
        Binding("ctrl+n", "next", "Next"),
        Binding("ctrl+b", "previous", "Back"),
        Binding("ctrl+s", "skip", "Skip"),
        Binding("ctrl+o", "mark_asked", "Asked", show=False),  # footer room at 80 columns; F1 lists it
        Binding("ctrl+t", "copy", "Copy", show=False),
        Binding("f2", "summary", "Summary"),
        Binding("f3", "export", "Export"),
        Binding("f1", "app.help", "Help"),
        Binding("escape", "home", "Home"),
    ]

    def __init__(self, service: Service, interview: Interview):
        super().__init__()
        self.service = service
        self.conversation = service.open(interview)
        self.interview = interview
        self._autosave: Timer | None = None  # pending save of the note being typed

    # -- layout

    def compose(self) -> ComposeResult:
        yield Static(id="progress")
        with Horizontal():
            with Vertical(id="conversation"):
                yield VerticalScroll(id="log")
                yield TextArea(id="note", soft_wrap=True, tab_behavior="focus", placeholder="Type what you heard… (Ctrl+N when done)")
            yield FlagPanel(id="flags")
        yield Footer()

    def on_mount(self) -> None:
        self.app.apply_cursor_blink(self)
        if not self.questions:
            self.post(ChatMessage("prepbot", "This interview has no questions left in the bank. Press Esc to go back.", kind="bot"))
            return
        # Replay what was already noted, so a resumed interview reads like the conversation it was.
        for index, question in self.conversation.answered_before():
            self.post_question(index, question, brief=True)
            self.post_answer(question)
        self.post_question(self.interview.current, self.current_question)
        self.load_note()
        self.refresh_panels()
        self.query_one("#note", TextArea).focus()
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
        log.scroll_end(animate=False)

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
            body = Content.assemble("No flags in that. If you want more detail, ask: ", (follow, "bold"))
            return ChatMessage("prepbot", body, kind="reaction", copy_text=follow)
        parts: list = ["I heard:"]
        for match in reaction.matches:
            label, style = MARKERS[match.kind]
            quote = one_line(match.evidence[0].text, 70) if match.evidence else ""
            parts += ["\n", (label, style), " ", (match.flag.title, "bold"), " — “", (quote, "italic"), "”"]
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
        self.service.warm_up()

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
                (one_line(self.interview.company, 24), "bold"),
                f" · Q{self.interview.current + 1}/{total}",
                f" · {one_line(self.conversation.category_title(question), 24)} {position}/{len(in_category)}",
                f" · {answered} answered",
            )
        )
        self.query_one(FlagPanel).show_all(self.conversation.flags_so_far(), self.conversation.question_numbers())

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
            self.notify(safe(result.message, keep_layout=False), title="Saved", severity="warning", timeout=15,
                        markup=False)

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
        if self.conversation.has_next():
            self.go_to(self.interview.current + 1)
        else:
            self.save_now()
            self.refresh_panels()
            self.post(ChatMessage("prepbot", Content("That was the last question. Here is the summary."), kind="bot"))
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
        self.notify("Copied the question. If your terminal has no clipboard support, export the prep checklist instead.",
                    title="Copied")

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

    def on_screen_resume(self) -> None:
        # A note pasted or imported with escape sequences: drawn as "␛[2J", never sent raw.
        for note in self.query("#note").results(TextArea):
            show_controls_in(note)

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

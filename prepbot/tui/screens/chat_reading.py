"""The chat's reading of the note being typed: live flags from the cues, then the classifier in a
worker thread, never on the keystroke path; kept apart so that chat.py stays about the conversation."""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.timer import Timer
from textual.widgets import TextArea

from prepbot.tui.widgets.flag_panel import FlagPanel

if TYPE_CHECKING:
    from prepbot.service import Conversation, Service


class NoteReading:
    """Mixed into ChatScreen (which keeps the Changed handler that calls read_note)."""

    if TYPE_CHECKING:
        conversation: Conversation
        service: Service
        _read_timer: Timer | None
        _classify_timer: Timer | None
        _last_read: float

        def query_one(self, *args, **kwargs): ...
        def set_timer(self, *args, **kwargs) -> Timer: ...
        def run_worker(self, *args, **kwargs): ...
        @property
        def app(self): ...
        @property
        def is_mounted(self) -> bool: ...

    def read_note(self) -> None:
        """Show the live flags of the current note as it is now, and have the classifier read it."""
        self._read_timer = None
        text = self.conversation.note()
        self.update_live_flags(text)
        self.classify_later(text)
        self._last_read = time.monotonic()

    # -- the classifier: loaded and run in a worker thread, never on the keystroke path

    CLASSIFY_DELAY = 0.3  # seconds after the last keystroke

    def classify_later(self, text: str) -> None:
        if not self.service.use_model:
            return
        if self._classify_timer is not None:
            self._classify_timer.stop()
        self._classify_timer = self.set_timer(self.CLASSIFY_DELAY, partial(self.run_classifier, text))

    @work(thread=True, exclusive=True, group="classifier")
    def warm_up_classifier(self) -> None:
        notice = self.service.classifier_notice()  # why the classifier is off: once per session
        if notice:
            notify = self.app.notify
            self.app.call_from_thread(notify, notice, title="Classifier off", severity="warning", timeout=20, markup=False)

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

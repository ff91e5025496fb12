"""The chat's log: every message kept as data, only the last ones mounted as widgets.

A message's widget keeps its rendering (Content, strips, style caches: ~0.1 MiB apiece); its data is a
few hundred bytes. The log mounts the last SHOWS messages; scrolling back to its top mounts the SHOWS
before them (what was on screen stays in place), and so on to the first; the next message posted (the
log is then at its end again) lets the older widgets go.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from prepbot.tui.widgets.chat_message import ChatMessage, Said

EARLIER = "↑ Earlier questions and answers: scroll up to show them (every note: F3, the report)"


class ChatLog(VerticalScroll):
    SHOWS = 15  # messages mounted at the end of the log: the last five questions with their answers

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self._said: list[Said] = []  # every message of the log, in order, as data
        self._shown_from = 0  # the index in _said of the first message mounted as a widget
        self._mounted: list[ChatMessage] = []  # the widgets of _said[_shown_from:], in order

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._scrolled, init=False)

    def post(self, message: ChatMessage) -> None:
        self._said.append(message.said)
        self.mount(message)
        self._mounted.append(message)
        self._show_from(max(self._shown_from, len(self._said) - self.SHOWS))
        # Anchored: the log stays at the bottom as the message is laid out, even when it is posted while
        # the command palette covers the screen (a jump to a category), until the user scrolls up.
        self.anchor()
        self.call_after_refresh(self._fill)

    def show_earlier(self) -> None:
        """Mount the SHOWS messages before the first one shown, keeping what is on screen in place."""
        if not self._shown_from:
            return
        first = max(0, self._shown_from - self.SHOWS)
        widgets = [ChatMessage.from_said(said) for said in self._said[first : self._shown_from]]
        below = self.max_scroll_y - self.scroll_y  # the distance to the end stays the same
        mounting = self.mount_all(widgets, before=self._mounted[0])
        self._mounted[:0] = widgets
        self._shown_from = first
        self._show_from(first)

        async def keep_place() -> None:
            await mounting
            self.call_after_refresh(lambda: self.scroll_to(y=max(0, self.max_scroll_y - below), animate=False, immediate=True))
            self.call_after_refresh(self._fill)

        self.run_worker(keep_place(), group="earlier")

    def _scrolled(self, y: float) -> None:
        if y <= 0 and self._shown_from:
            self.show_earlier()

    def _fill(self) -> None:
        """A log too short to scroll (a tall terminal) cannot be scrolled back: show earlier messages."""
        if self._shown_from and self.max_scroll_y <= 0:
            self.show_earlier()

    def _show_from(self, first: int) -> None:
        """Let the widgets of the messages before `first` go (their data stays), and say what is above."""
        if first > self._shown_from:
            going = self._mounted[: first - self._shown_from]
            del self._mounted[: len(going)]
            self.remove_children(going)
            self._shown_from = first
        earlier = self.query_children("#earlier")
        if self._shown_from and not earlier:
            self.mount(Static(Content(EARLIER), id="earlier"), before=0)
        elif not self._shown_from and earlier:
            earlier.remove()

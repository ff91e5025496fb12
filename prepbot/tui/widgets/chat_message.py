"""One message in the conversation: from prepbot or from the candidate."""

from __future__ import annotations

from typing import NamedTuple

from textual.content import Content
from textual.widgets import Static

from prepbot.tui.text import safe_content


class Said(NamedTuple):
    """A message as data: what the chat log keeps for the messages it shows no widget for."""

    author: str
    body: Content | str
    kind: str
    copy_text: str | None


class ChatMessage(Static):
    """A message whose body is literal text (user notes never become markup)."""

    DEFAULT_CSS = """
    ChatMessage { margin: 0 0 1 0; padding: 0 1; height: auto; }
    """

    def __init__(self, author: str, body: Content | str, *, kind: str = "bot", copy_text: str | None = None):
        self.author = author
        self.kind = kind
        self.copy_text = copy_text if copy_text is not None else str(body)
        self.said = Said(author, body, kind, copy_text)
        content = safe_content(body)  # notes and bank text may hold escape sequences: shown, never obeyed
        super().__init__(Content.assemble((author, "bold"), "\n", content), classes=f"message {kind}")

    @classmethod
    def from_said(cls, said: Said) -> "ChatMessage":
        return cls(said.author, said.body, kind=said.kind, copy_text=said.copy_text)

"""One message in the conversation: from prepbot or from the candidate."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from prepbot.tui.text import safe_content


class ChatMessage(Static):
    """A message whose body is literal text (user notes never become markup)."""

    DEFAULT_CSS = """
    ChatMessage { margin: 0 0 1 0; padding: 0 1; height: auto; }
    """

    def __init__(self, author: str, body: Content | str, *, kind: str = "bot", copy_text: str | None = None):
        self.author = author
        self.kind = kind
        self.copy_text = copy_text if copy_text is not None else str(body)
        content = safe_content(body)  # notes and bank text may hold escape sequences: shown, never obeyed
        super().__init__(Content.assemble((author, "bold"), "\n", content), classes=f"message {kind}")

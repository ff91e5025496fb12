"""Every key, on one screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("Everywhere", [("F1", "this help"), ("Ctrl+P", "command palette: jump to a category, summary, copy, export"),
                    ("Ctrl+Q", "quit (everything is already saved)")]),
    ("Home", [("N", "new interview"), ("Enter", "resume the selected interview"), ("D", "delete it (asks first)"),
              ("?", "this help")]),
    ("New interview", [("Tab / Shift+Tab", "move between fields"), ("Ctrl+S", "start the interview"),
                       ("Esc", "cancel")]),
    ("Chat", [("Ctrl+N", "done with this question: see the flags heard, go to the next one"),
              ("Ctrl+B", "back to the previous question"), ("Ctrl+S", "skip this question"),
              ("Ctrl+O", "mark as asked without notes"), ("Ctrl+T", "copy the question to the clipboard"),
              ("F2", "summary"), ("F3", "export the report"), ("Esc", "back home (your notes are saved as you type)")]),
    ("Summary", [("E", "export the report"), ("Esc", "back to the chat")]),
]


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,f1,question_mark,q", "app.pop_screen", "Close")]

    def compose(self) -> ComposeResult:
        parts: list = [("prepbot keys", "bold"), "\n"]
        for section, keys in KEYS:
            parts += ["\n", (section, "bold underline"), "\n"]
            for key, what in keys:
                parts += [(f"  {key:<16}", "bold"), what, "\n"]
        parts += ["\n", ("Flags are marked ✗ RED and ✓ GREEN, never by colour alone.", "italic"), "\n",
                  "Press Esc to close."]
        with VerticalScroll(id="help"):
            yield Static(Content.assemble(*parts))

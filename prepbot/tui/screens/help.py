"""Every key, on one screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from prepbot.tui.screens import SCREENS_CSS

KEYS = [
    (
        "Everywhere",
        [
            ("F1", "this help"),
            ("Ctrl+P", "command palette: jump to a category, summary, export, and every action below"),
            ("Ctrl+Q", "quit (everything is already saved)"),
        ],
    ),
    (
        "Home",
        [
            ("N", "new interview"),
            ("Enter", "resume the selected interview"),
            ("D / Delete", "delete it (asks first)"),
            ("Y", "the company file: all rounds, flags, verdict"),
            ("P", "your weights: deal-breakers, what to ignore"),
            ("?", "this help"),
            ("Q", "quit"),
        ],
    ),
    (
        "New interview",
        [
            ("Tab / Shift+Tab", "move between fields"),
            ("Enter", "next field (does not start)"),
            ("Space", "tick a category to focus on"),
            ("Ctrl+S", "start the interview"),
            ("Esc", "cancel"),
        ],
    ),
    (
        "Chat",
        [
            ("Ctrl+N", "done with this question: see the flags heard, go to the next open one"),
            ("Ctrl+B", "back to the previous question"),
            ("Ctrl+S", "skip this question"),
            ("Ctrl+O", "mark as asked without notes"),
            ("Ctrl+T", "copy the question to the clipboard"),
            ("Ctrl+L", "the plan: choose a question, move, remove or skip it"),
            ("Ctrl+F", "the flags heard so far: why, confirm, dismiss, undo"),
            ("F2", "summary"),
            ("F3", "export the report"),
            ("F4", "add your own question (and save it to a bank file)"),
            ("F5", "add a flag prepbot missed"),
            ("F6", "edit details: company, role, date, persona, time box"),
            ("F7", "general note for the interview"),
            ("F8", "paste what you read: a review, an e-mail, a job ad"),
            ("Esc", "back home (your notes are saved as you type)"),
        ],
    ),
    (
        "Plan list (Ctrl+L)",
        [
            ("Enter", "go to that question"),
            ("Shift+Up / Ctrl+Up", "move it up"),
            ("Shift+Down / Ctrl+Down", "move it down"),
            ("X / Delete", "remove it (its note is kept)"),
            ("S", "skip it (asks first when it has notes); S again takes the skip back"),
            ("A", "add your own question"),
        ],
    ),
    (
        "Flags heard (Ctrl+F, and the summary)",
        [
            ("Enter / W", "why: the words, the rule, the context"),
            ("C", "confirm it"),
            ("D", "dismiss it, with a reason: it counts for nothing"),
            ("U", "undo your correction"),
            ("A", "add a flag prepbot missed"),
        ],
    ),
    (
        "Summary",
        [
            ("E", "export the report"),
            ("I / F8", "paste what you read"),
            ("X / Delete", "remove the selected source (in the list of what you read)"),
            ("Tab", "move between flags and sources"),
            ("Home / End", "top (the verdict) / bottom of the summary"),
            ("PageUp / PageDown", "scroll the summary a page"),
            ("Up", "previous entry; above the first flag, back to the verdict"),
            ("Esc", "back to the chat"),
        ],
    ),
    ("Dialogs", [("Ctrl+S", "OK / save"), ("Esc", "cancel"), ("Y / N", "answer a yes/no question")]),
]


class HelpScreen(ModalScreen):
    CSS_PATH = SCREENS_CSS  # (see screens/__init__.py)
    BINDINGS = [Binding("escape,f1,question_mark,q", "app.pop_screen", "Close")]

    def compose(self) -> ComposeResult:
        parts: list = [("prepbot keys", "bold"), "\n"]
        for section, keys in KEYS:
            parts += ["\n", (section, "bold underline"), "\n"]
            for key, what in keys:
                parts += [(f"  {key:<23}", "bold"), what, "\n"]
        parts += [
            "\n",
            ("Flags are marked ✗ RED and ✓ GREEN, never by colour alone.", "italic"),
            "\n",
            "The clock in the chat counts from when you opened the chat, against your time box.",
            "\n",
            "Press Esc to close.",
        ]
        with VerticalScroll(id="help"):
            yield Static(Content.assemble(*parts))

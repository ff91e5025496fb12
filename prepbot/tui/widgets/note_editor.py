"""The editor of the note being typed: a TextArea that draws control characters as pictures.

A note pasted or imported with escape sequences is drawn as "␛[2J", never sent to the terminal
raw; the text itself (what is saved) is unchanged, one picture per character so that the cursor
and wrapping still match (posting's `widgets/text_area.py` subclasses the same way).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from prepbot.tui.text import control_pictures


class NoteEditor(TextArea):
    def get_line(self, line_index: int) -> Text:
        return Text(control_pictures(self.document.get_line(line_index)), end="", no_wrap=True)

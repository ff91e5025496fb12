"""The plan beside the chat: every question with its status, the current one marked."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from prepbot.tui.text import one_line

# Status in words' stead a symbol, never a colour alone; the panel title explains them.
STATUS_MARKS = {"open": "·", "answered": "✓", "skipped": "–"}


class PlanList(OptionList):
    """Enter jumps to a question; Shift+Up/Down move it; X removes it; S skips it (or takes the skip back); A adds one."""

    MOVE = Binding.Group("Move", compact=True)
    # Shown in the footer first (the focused widget's keys lead), so they stay in view at 80 columns.
    BINDINGS = [
        Binding("enter", "select", "Go to"),
        Binding("s", "screen.skip_selected", "Skip"),
        Binding("shift+up,ctrl+up", "screen.move_question(-1)", "Move up", key_display="⇧↑", group=MOVE),
        Binding("shift+down,ctrl+down", "screen.move_question(1)", "Move down", key_display="⇧↓", group=MOVE),
        Binding("x,delete", "screen.remove_question", "Remove"),
        Binding("a", "screen.add_question", "Add"),
    ]

    _shown: tuple = ()

    def on_resize(self) -> None:
        if self._shown:
            self.show(*self._shown)

    def show(self, questions, statuses: list[str], current: int, highlight: int | None = None) -> None:
        self._shown = (questions, statuses, current)
        keep = self.highlighted if highlight is None else highlight
        limit = max(12, self.size.width - 10) if self.size.width else 20
        self.clear_options()
        options = []
        for index, (question, status) in enumerate(zip(questions, statuses, strict=True)):
            here = "▶" if index == current else " "
            prompt = Content.assemble(
                (here, "bold"),
                f"Q{index + 1} {STATUS_MARKS[status]} ",
                (one_line(question.ask, limit), "bold" if index == current else ""),
            )
            options.append(Option(prompt, id=question.id))
        self.add_options(options)
        if options:
            self.highlighted = min(keep if keep is not None else current, len(options) - 1)

    def selected_index(self) -> int | None:
        return self.highlighted if self.option_count else None

    def lines(self) -> str:
        return "\n".join(str(self.get_option_at_index(i).prompt) for i in range(self.option_count))

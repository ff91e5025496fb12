"""Companies side by side: rows are flags, columns are interviews; E exports the comparison."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from prepbot.compare import Cell, Comparison, compare
from prepbot.export import comparison_name, render_comparison
from prepbot.interview import Interview
from prepbot.service import Service
from prepbot.tui.screens import SCREENS_CSS
from prepbot.tui.screens.export import ExportScreen
from prepbot.tui.text import cell, one_line

# Words first, colour second: the cell reads the same in NO_COLOR and 16-colour terminals.
STYLES = {
    "red": "bold red",
    "green": "bold green",
    "conflicting": "bold yellow",
    "overruled": "strike dim",
    "dismissed": "strike dim",
    "not-heard": "dim",
    "not-asked": "dim",
}


if TYPE_CHECKING:
    from prepbot.tui.app import PrepbotApp


def cell_text(item: Cell) -> Text:
    suffix = f" ({len(item.evidence)})" if item.evidence else ""
    return Text(item.label + suffix, style=STYLES[item.state], no_wrap=True)


def company_pairs(service: Service, interviews: list[Interview], by_company: bool) -> list:
    """The comparison's columns: each interview, or (by company) each company's file, once."""
    pairs = [service.compare_pair(i, by_company) for i in interviews]
    seen: set[str] = set()
    unique = []
    for interview, summary in pairs:
        if interview.id not in seen:
            seen.add(interview.id)
            unique.append((interview, summary))
    return unique


class CompareScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS  # (see screens/__init__.py)
    if TYPE_CHECKING:  # self.app typed as the PrepbotApp (the app imports the screens: no import back)
        app = getters.app(PrepbotApp)
    DEFAULT_CSS = """
    #compare { padding: 0 1; }
    #compare-title { text-style: bold; margin-top: 1; }
    #compare-verdicts { height: auto; margin-bottom: 1; }
    #compare-table { height: 1fr; }
    #compare-detail { height: auto; max-height: 9; border-top: solid $primary; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "export", "Export"),
        Binding("b", "by_company", "By company"),
        Binding("f1,question_mark", "app.help", "Help"),
    ]

    def __init__(self, service: Service, interviews: list[Interview], by_company: bool = False):
        super().__init__()
        self.service = service
        self.interviews = interviews
        self.by_company = by_company
        self.comparison: Comparison = compare(service.bank, company_pairs(service, interviews, by_company))

    def action_by_company(self) -> None:
        """Compare the companies' whole processes (all rounds) instead of the interviews, or back."""
        from prepbot.compare import CompareError

        try:
            screen = CompareScreen(self.service, self.interviews, not self.by_company)
        except CompareError:
            self.notify("These interviews are with fewer than two companies: nothing to compare by company.", severity="warning")
            return
        self.app.switch_screen(screen)

    def compose(self) -> ComposeResult:
        columns = self.comparison.columns
        with Vertical(id="compare"):
            what = "companies (all rounds): " if self.by_company else ""
            title = "Comparing " + what + " vs ".join(one_line(c.company, 40) for c in columns)
            yield Static(Content(title), id="compare-title")
            lines = [
                f"[{n}] {one_line(c.company, 30)}: {one_line(c.verdict, 60)} (score {c.score:+d})"
                for n, c in enumerate(columns, 1)
            ]
            yield Static(Content("\n".join(lines)), id="compare-verdicts")
            yield DataTable(id="compare-table", cursor_type="cell", zebra_stripes=True)
            yield Static(Content(""), id="compare-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("Flag"), key="flag")
        for number, column in enumerate(self.comparison.columns, 1):
            table.add_column(Text(f"[{number}] {one_line(column.company, 16)}"), key=column.id)
        for row in self.comparison.rows:
            marker = "✗ " if row.kind == "red" else "✓ "
            table.add_row(cell(marker + row.flag.title, 34), *(cell_text(c) for c in row.cells), key=row.id)
        table.focus()
        if self.comparison.rows:
            table.move_cursor(row=0, column=1)
        self.show_detail()

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        """The highlighted cell's quoted words, and what to ask next at that company."""
        table = self.query_one(DataTable)
        detail = self.query_one("#compare-detail", Static)
        columns = self.comparison.columns
        if not self.comparison.rows:
            detail.update(Content("No flag heard or asked about yet in these interviews."))
            return
        row_index, column_index = table.cursor_coordinate
        column = columns[max(column_index - 1, 0)]
        row = self.comparison.rows[min(row_index, len(self.comparison.rows) - 1)]
        item = row.cells[max(column_index - 1, 0)]
        lines = [f"{one_line(column.company, 30)} · {row.flag.title}: {item.label}"]
        lines += [f"  “{one_line(quote, 110)}”" for quote in item.evidence[:3]]
        ahead = self.comparison.next_questions.get(column.id, ())
        if ahead:
            lines.append(f"Ask next at {one_line(column.company, 30)}:")
            lines += [f"  • {one_line(n.question.ask, 110)}" for n in ahead]
        detail.update(Content("\n".join(lines)))

    def action_export(self) -> None:
        def done(path) -> None:
            if path is not None:
                self.notify(f"Saved the comparison to {path}", title="Exported", timeout=8, markup=False)

        self.app.push_screen(ComparisonExportScreen(self.service, self.comparison, self.app.last_export_folder), done)


class ComparisonExportScreen(ExportScreen):
    """The report's export dialog, for a comparison: format and path, asks before it overwrites."""

    KIND = "comparison"

    def __init__(self, service: Service, comparison: Comparison, folder: Path | None = None):
        super().__init__(service, comparison.columns[0].interview, folder)
        self.comparison = comparison

    @property
    def name_part(self) -> str:
        return comparison_name(self.comparison.companies)

    def document(self, fmt: str) -> str:
        return render_comparison(self.service.bank, self.comparison, fmt)

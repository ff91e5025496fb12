"""Your weights: how much each flag matters to you. 1 deal-breaker, 2 important, 3 normal,
4 ignore; Enter cycles. Saved at once, used by every verdict and plan."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from prepbot.prefs import WEIGHTS
from prepbot.service import Service, ServiceError
from prepbot.tui.screens import SCREENS_CSS
from prepbot.tui.text import cell

STYLES = {"deal-breaker": "bold red", "important": "bold", "normal": "dim", "ignore": "strike dim"}
HELP = "How much each flag matters to you. A heard deal-breaker leads the verdict and every plan probes it first."


class PrefsScreen(Screen):
    CSS_PATH = SCREENS_CSS  # (see screens/__init__.py)
    DEFAULT_CSS = """
    #prefs { padding: 0 1; }
    #prefs-title { text-style: bold; margin-top: 1; }
    #prefs-help { margin-bottom: 1; }
    #prefs-table { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("1", "weigh('deal-breaker')", "Deal-breaker"),
        Binding("2", "weigh('important')", "Important"),
        Binding("3", "weigh('normal')", "Normal"),
        Binding("4", "weigh('ignore')", "Ignore"),
        Binding("f1,question_mark", "app.help", "Help"),
    ]

    def __init__(self, service: Service):
        super().__init__()
        self.service = service

    def compose(self) -> ComposeResult:
        with Vertical(id="prefs"):
            yield Static(Content("Your weights"), id="prefs-title")
            yield Static(Content(HELP), id="prefs-help")
            yield DataTable(id="prefs-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("Weight"), key="weight", width=12)
        table.add_columns("Flag", "Id")
        preferences = self.service.preferences()
        for flag in self.service.bank.flags.values():
            marker = "✗ " if flag.kind == "red" else "✓ "
            table.add_row(self.weight_text(preferences.of(flag.id)), cell(marker + flag.title, 40), Text(flag.id), key=flag.id)
        table.focus()

    @staticmethod
    def weight_text(weight: str) -> Text:
        return Text(weight, style=STYLES[weight])

    def selected(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def weight_of(self, flag_id: str) -> str:
        return self.service.preferences().of(flag_id)

    def action_weigh(self, weight: str) -> None:
        flag_id = self.selected()
        if flag_id is None:
            return
        try:
            self.service.set_preference(flag_id, weight)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.query_one(DataTable).update_cell(flag_id, "weight", self.weight_text(weight))

    def action_cycle(self) -> None:
        flag_id = self.selected()
        if flag_id is not None:
            self.action_weigh(WEIGHTS[(WEIGHTS.index(self.weight_of(flag_id)) + 1) % len(WEIGHTS)])

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_cycle()

"""The company file: every round with one company, its sources, each flag across the rounds,
conflicts between rounds, what is still unknown, and a verdict. E exports it."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from prepbot.service import Service
from prepbot.tui.screens import SCREENS_CSS
from prepbot.tui.screens.export import ExportScreen

STYLES = {"✗ RED": "bold red", "✓ GREEN": "bold green", "⚠ CONFLICT": "bold yellow"}
HEADINGS = (
    "VERDICT",
    "ROUNDS",
    "SOURCES",
    "CONFLICTS",
    "RED FLAGS",
    "GREEN FLAGS",
    "CONFLICTING",
    "DISMISSED OR OVERRULED",
    "ASKED, NOTHING HEARD",
    "STILL UNKNOWN",
    "COMPANY FILE",
)


def styled(text: str) -> Content:
    """The plain-text company file with headings in bold and the red/green marks coloured; the
    user's words are never read as markup."""
    parts: list = []
    for line in text.splitlines():
        if line.startswith(HEADINGS):
            parts += [(line, "bold"), "\n"]
            continue
        mark = next((m for m in STYLES if line.lstrip().startswith(m)), None)
        if mark is not None:
            head, _, rest = line.partition(mark)
            parts += [head, (mark, STYLES[mark]), rest, "\n"]
        else:
            parts += [line, "\n"]
    return Content.assemble(*parts)


class CompanyScreen(Screen):
    CSS_PATH = SCREENS_CSS  # (see screens/__init__.py)
    DEFAULT_CSS = """
    #company-file { padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "export", "Export"),
        Binding("r", "reload", "Reload", show=False),
        Binding("f1,question_mark", "app.help", "Help"),
    ]

    def __init__(self, service: Service, company: str):
        super().__init__()
        self.service = service
        self.company = company
        self.process = service.process(company)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="company-file"):
            yield Static(self.render_file(), id="company-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#company-file").focus()

    def render_file(self) -> Content:
        return styled(self.service.render_company(self.process, "txt"))

    def text(self) -> str:
        """What the screen shows, as plain text (tests and screen readers)."""
        return str(self.query_one("#company-text", Static).visual)

    def action_reload(self) -> None:
        self.process = self.service.process(self.company)
        self.query_one("#company-text", Static).update(self.render_file())

    def action_export(self) -> None:
        def done(path) -> None:
            if path is not None:
                self.notify(f"Saved the company file to {path}", title="Exported", timeout=8, markup=False)

        folder = getattr(self.app, "last_export_folder", None)
        self.app.push_screen(CompanyExportScreen(self.service, self.process, folder), done)


class CompanyExportScreen(ExportScreen):
    """The report's export dialog, for a company file."""

    KIND = "company"

    def __init__(self, service: Service, process, folder: Path | None = None):
        super().__init__(service, process.rounds[-1].interview, folder)
        self.process = process

    @property
    def name_part(self) -> str:
        return self.process.company

    def document(self, fmt: str) -> str:
        return self.service.render_company(self.process, fmt)

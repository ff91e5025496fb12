"""The prepbot Textual app: screens on top of the bank, matcher, interview and store modules."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from prepbot.bank import Bank
from prepbot.matcher import matcher_for
from prepbot.store import Store


class PrepbotApp(App):
    TITLE = "prepbot"
    CSS_PATH = "prepbot.tcss"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, show=False)]

    def __init__(self, bank: Bank, store: Store | None = None):
        super().__init__()
        self.bank = bank
        self.matcher = matcher_for(bank)
        self.store = store if store is not None else Store()

    def on_mount(self) -> None:
        from prepbot.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        if self.store.recovered_from:
            self.notify(
                f"Your database was damaged. It was moved to {self.store.recovered_from} and a new one started.",
                title="Database recovered", severity="warning", timeout=20,
            )

    def action_help(self) -> None:
        from prepbot.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def export_interview(self, interview) -> None:
        from prepbot.tui.screens.export import ExportScreen

        def done(path) -> None:
            if path is not None:
                self.notify(f"Saved the report to {path}", title="Exported", timeout=8)

        self.push_screen(ExportScreen(interview), done)

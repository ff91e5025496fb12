"""The prepbot Textual app: screens on top of one `Service` (bank, matcher, interviews, store)."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from prepbot.service import Service


class PrepbotApp(App):
    TITLE = "prepbot"
    CSS_PATH = "prepbot.tcss"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, show=False)]

    def __init__(self, service: Service, cursor_blink: bool = True):
        super().__init__()
        self.service = service
        self.cursor_blink = cursor_blink  # False: a steady text cursor (calmer, and stable in snapshots)
        self.last_export_folder = None  # where the last export went, offered again for this session
        self.own_bank_path = ""  # the bank file the candidate last saved an own question to

    def apply_cursor_blink(self, screen) -> None:
        """Give every text field of `screen` the app's cursor blink setting."""
        for field in screen.query("Input, TextArea"):
            field.cursor_blink = self.cursor_blink

    def on_mount(self) -> None:
        from prepbot.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen(self.service))
        if self.service.store.recovered_from:
            self.notify(
                f"Your database was damaged. It was moved to {self.service.store.recovered_from} and a new one started.",
                title="Database recovered", severity="warning", timeout=20, markup=False,
            )

    def action_help(self) -> None:
        from prepbot.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def export_interview(self, interview) -> None:
        from prepbot.tui.screens.export import ExportScreen

        def done(path) -> None:
            if path is not None:
                self.notify(f"Saved the report to {path}", title="Exported", timeout=8, markup=False)

        self.push_screen(ExportScreen(self.service, interview, self.last_export_folder), done)

    async def action_quit(self) -> None:
        """Quit at once, but first write any note typed within the autosave delay."""
        for screen in self.screen_stack:
            save_now = getattr(screen, "save_now", None)
            if save_now is not None:
                save_now()
        self.exit()

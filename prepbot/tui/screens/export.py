"""Export the report of an interview: choose a format and a path; never overwrite silently."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from prepbot.export import EXTENSIONS, ExportError, default_filename, resolve_target, write_export
from prepbot.interview import Interview
from prepbot.service import Service
from prepbot.textsafe import safe
from prepbot.tui.screens import SCREENS_CSS

if TYPE_CHECKING:
    from prepbot.tui.app import PrepbotApp

FORMATS = [("Markdown (.md)", "md"), ("HTML, printable (.html)", "html"), ("JSON (.json)", "json"), ("Plain text (.txt)", "txt")]


class ExportScreen(ModalScreen[Path | None]):
    """Export a document: a report here; subclasses say what (`KIND`, `name_part`, `document`)."""

    CSS_PATH = SCREENS_CSS  # (see screens/__init__.py)

    if TYPE_CHECKING:  # self.app typed as the PrepbotApp (the app imports the screens: no import back)
        app = getters.app(PrepbotApp)

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "export", "Export")]
    KIND = "report"

    def __init__(self, service: Service, interview: Interview, folder: Path | None = None):
        super().__init__()
        self.service = service
        self.interview = interview
        self.folder = folder or Path.cwd()

    @property
    def name_part(self) -> str:
        """What the default file name is made from (a company's name)."""
        return self.interview.company

    def document(self, fmt: str) -> str:
        return self.service.render_report(self.interview, fmt)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Static(Content(f"Export the {self.KIND}"), id="export-title")
            yield Label("Format")
            yield Select(FORMATS, value="md", allow_blank=False, id="export-format")
            yield Label("Save to (a file, or a folder for a default name)")
            yield Input(str(self.folder / default_filename(self.name_part, self.KIND, "md")), id="export-path")
            yield Static("", id="export-error")
            with Horizontal(id="export-buttons"):
                yield Button("Export (Ctrl+S)", variant="primary", id="do-export")
                yield Button("Cancel (Esc)", id="cancel-export")

    def on_mount(self) -> None:
        self.app.apply_cursor_blink(self)

    def on_select_changed(self, event: Select.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        path = Path(path_input.value)
        if path.suffix in EXTENSIONS.values():
            path_input.value = str(path.with_suffix(EXTENSIONS[str(event.value)]))

    def on_input_changed(self, event: Input.Changed) -> None:
        """A file name ending in another format's extension ("report.html") chooses that format."""
        if event.input.id != "export-path" or event.value.endswith(("/", os.sep)):
            return
        fmt = {ext: name for name, ext in EXTENSIONS.items()}.get(Path(event.value).suffix.lower())
        select = self.query_one("#export-format", Select)
        if fmt is not None and fmt != select.value:
            select.value = fmt

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "do-export":
            self.action_export()
        else:
            self.dismiss(None)

    def on_input_submitted(self) -> None:
        self.action_export()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        from prepbot.tui.screens.confirm import ConfirmScreen

        fmt = str(self.query_one("#export-format", Select).value)
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.query_one("#export-error", Static).update("Give a file or folder to save to.")
            return
        target = resolve_target(raw, self.name_part, self.KIND, fmt)
        if target.exists():

            def answer(overwrite: bool | None) -> None:
                if overwrite:
                    self.write(target, fmt, force=True)

            self.app.push_screen(ConfirmScreen(f"{target} already exists. Overwrite it?", yes="Overwrite"), answer)
            return
        self.write(target, fmt, force=False)

    def write(self, target: Path, fmt: str, force: bool) -> None:
        text = self.document(fmt)
        try:
            write_export(target, text, force=force)
        except ExportError as exc:
            self.query_one("#export-error", Static).update(Content(safe(str(exc))))
            return
        self.app.last_export_folder = target.parent  # offered again next time, for this session
        self.dismiss(target)

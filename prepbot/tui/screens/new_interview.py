"""A new interview: who, when, with whom, how long; the planner picks the questions."""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Button, Footer, Input, Label, Select, SelectionList, Static

from prepbot.bank import PERSONA_LABELS
from prepbot.bank import PERSONAS as BANK_PERSONAS
from prepbot.service import Service, ServiceError
from prepbot.textsafe import safe
from prepbot.tui.screens import SCREENS_CSS
from prepbot.tui.screens.dialogs import ENTER_ON_SELECT, FormSelect, enter_on_select

if TYPE_CHECKING:
    from prepbot.tui.app import PrepbotApp

MAX_MINUTES = 24 * 60  # like the CLI's --minutes
ROUND_DELAY = 0.25  # seconds after the last keystroke before the form says which round this is
PERSONAS = [(PERSONA_LABELS[persona], persona) for persona in BANK_PERSONAS]


class CheckList(SelectionList[str]):
    """A SelectionList whose boxes read [✓] when checked and [ ] when not: different without colour."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        index = self.scroll_offset.y + y
        if index >= self.option_count:
            return strip
        segments = list(strip)
        if len(segments) < 3:
            return strip
        checked = self.get_option_at_index(index).value in self.selected
        plain = segments[3].style
        return Strip(
            [Segment("[", plain), Segment("✓" if checked else " ", segments[1].style), Segment("]", plain), *segments[3:]]
        )


class NewInterviewScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS  # (see screens/__init__.py)
    if TYPE_CHECKING:  # self.app typed as the PrepbotApp (the app imports the screens: no import back)
        app = getters.app(PrepbotApp)
    AUTO_FOCUS = "#company"  # focused as the screen appears, so fast typing lands in Company
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]
    BINDINGS = [
        Binding("ctrl+s", "start", "Start"),
        Binding("escape", "app.pop_screen", "Cancel"),
        Binding("f1", "app.help", "Help"),
        # Priority: focus moves when the key arrives, not when the field gets to it, so keys typed
        # right after a Tab (a fast typist, a paste) land in the next field, never in this one.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
        ENTER_ON_SELECT,
    ]

    def __init__(self, service: Service):
        super().__init__()
        self.service = service

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static("New interview — prepbot picks the questions that fit", id="form-title")
            with Horizontal(classes="row"):
                yield Label("Company")
                yield Input(placeholder="The company's name, e.g. Acme", id="company")
            with Horizontal(classes="row"):
                yield Label("Role")
                yield Input(placeholder="e.g. Backend engineer", id="role")
            with Horizontal(classes="row"):
                yield Label("Date")
                yield Input(value=date.today().isoformat(), placeholder="YYYY-MM-DD", id="date")
            with Horizontal(classes="row"):
                yield Label("Talking to")
                yield FormSelect(PERSONAS, value="engineer", allow_blank=False, id="persona", compact=True)
            with Horizontal(classes="row"):
                yield Label("Minutes")
                yield Input(value="20", placeholder="empty: no limit", id="minutes", type="number")
            with Horizontal(classes="row categories"):
                yield Label("Focus on\n(none: all)")
                yield CheckList(*[(c.title, c.id) for c in self.service.bank.categories.values()], id="categories")
            yield Static("", id="round-info", classes="-empty")
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Button("Start (Ctrl+S)", variant="primary", id="start", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.app.apply_cursor_blink(self)
        self.query_one("#company", Input).focus()

    def action_enter_on_select(self) -> None:
        enter_on_select(self)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        else:
            self.app.pop_screen()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter moves on to the next field; only the Start button or Ctrl+S starts the interview.
        event.stop()
        self.focus_next()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("company", "minutes"):
            self.round_soon()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.round_soon()

    def round_soon(self) -> None:
        """Say which round this is once typing pauses (it reads the company's saved interviews)."""
        timer = getattr(self, "_round_timer", None)
        if timer is not None:
            timer.stop()
        self._round_timer = self.set_timer(ROUND_DELAY, self.show_round)

    def show_round(self) -> None:
        """Which round this will be with that company, and what it will follow up."""
        try:
            minutes = float(self.query_one("#minutes", Input).value)
        except ValueError:
            minutes = None
        minutes = minutes if minutes is not None and math.isfinite(minutes) and 0 < minutes <= MAX_MINUTES else None
        persona = self.query_one("#persona", Select).value
        lines = self.service.preview_round(self.query_one("#company", Input).value, str(persona), minutes)
        info = self.query_one("#round-info", Static)
        info.update(Content(safe("\n".join(lines))))
        info.display = bool(lines)

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Content(safe(message)))  # may quote what was typed

    def action_start(self) -> None:
        from prepbot.tui.screens.chat import ChatScreen

        minutes_text = self.query_one("#minutes", Input).value.strip()
        try:
            minutes = float(minutes_text) if minutes_text else None
        except ValueError:
            minutes = math.nan
        if minutes is not None and not (math.isfinite(minutes) and 0 < minutes <= MAX_MINUTES):
            self.show_error(f"Minutes must be a number above 0 and at most {MAX_MINUTES}, or empty for no limit.")
            return
        try:
            interview = self.service.start_interview(
                company=self.query_one("#company", Input).value,
                role=self.query_one("#role", Input).value,
                date=self.query_one("#date", Input).value.strip() or None,
                persona=str(self.query_one("#persona", Select).value),  # never blank (allow_blank=False)
                minutes=minutes,
                categories=self.query_one("#categories", SelectionList).selected,
            )
        except ServiceError as exc:
            self.show_error(str(exc))
            return
        lines = self.service.round_lines(interview)
        if lines and (lines[1:] or not lines[0].endswith("the first round.")):
            self.app.notify(safe("\n".join(lines)), title="This round", timeout=12, markup=False)
        self.app.switch_screen(ChatScreen(self.service, interview))

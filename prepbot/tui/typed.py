"""Typed seams of the TUI: the contract of the correction actions.

`CorrectionHost` is what `CorrectionActions` needs from the screen it is mixed into. (Screens
get `self.app` typed as the `PrepbotApp` with Textual's `app = getters.app(PrepbotApp)`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel

    from prepbot.interview import Interview
    from prepbot.service import Service
    from prepbot.tui.app import PrepbotApp
    from prepbot.tui.widgets.flag_panel import FindingList


class CorrectionHost(Protocol):
    """What a screen provides to `CorrectionActions` (the chat and the summary do)."""

    service: Service
    interview: Interview

    @property
    def app(self) -> PrepbotApp | App: ...

    def finding_list(self) -> FindingList: ...

    def current_question_id(self) -> str | None: ...

    def after_correction(self) -> None: ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...

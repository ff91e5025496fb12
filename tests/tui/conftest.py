from __future__ import annotations

import pytest

from prepbot.bank import load_bank
from prepbot.store import Store


@pytest.fixture
def make_app():
    from prepbot.tui.app import PrepbotApp

    def make():
        return PrepbotApp(bank=load_bank(), store=Store())

    return make


def text_of(widget) -> str:
    """The plain text a Static shows (its Content, without styles)."""
    return str(widget.visual)

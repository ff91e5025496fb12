from __future__ import annotations

import pytest

from prepbot.catalogue import load_catalogue
from prepbot.store import Store


@pytest.fixture
def make_app():
    from prepbot.tui.app import PrepbotApp

    def make(cursor_blink: bool = True):
        from prepbot.service import Service

        return PrepbotApp(Service(load_catalogue(), Store()), cursor_blink=cursor_blink)

    return make


def text_of(widget) -> str:
    """The plain text a Static shows (its Content, without styles)."""
    return str(widget.visual)

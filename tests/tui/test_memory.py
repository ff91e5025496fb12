"""Memory over a long interview: what the chat lets go is freed, not kept by a cache (bench.startup's
40-question interview has a peak-memory target)."""

from __future__ import annotations

import gc
import sys
import weakref

import pytest
from textual.widgets import Input

from prepbot.tui.screens.chat import ChatScreen
from prepbot.tui.widgets.chat_log import ChatLog
from prepbot.tui.widgets.chat_message import ChatMessage
from tests.tui.test_in_charge import answer


async def test_the_messages_the_chat_log_lets_go_take_their_rendered_lines_with_them(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        pilot.app.screen.query_one("#company", Input).value = "Acme"
        pilot.app.screen.query_one("#minutes", Input).value = ""  # no time box: every question
        await pilot.press("ctrl+s")
        await pilot.pause()
        chat = pilot.app.screen
        assert isinstance(chat, ChatScreen) and len(chat.questions) >= 12
        await answer(pilot, chat, "note number 0: nobody reviews code")
        log = chat.query_one("#log", ChatLog)
        first = list(log.query_children(ChatMessage))
        assert first and all(message._styles_cache._cache for message in first)  # drawn: their lines are cached
        lines = [weakref.ref(message._styles_cache) for message in first]
        messages = [weakref.ref(message) for message in first]
        del first
        for n in range(1, 12):
            await answer(pilot, chat, f"note number {n}: standups take an hour")
        assert not any(ref() is not None and ref().is_attached for ref in messages)  # let go by the log
        gc.collect()
        assert [ref() for ref in lines] == [None] * len(lines)  # ... and so are the lines they drew
        assert "note number 11" in "\n".join(str(m.visual) for m in log.query_children(ChatMessage))


def test_the_mended_styles_cache_gives_the_same_background_styles():
    from textual._styles_cache import StylesCache
    from textual.color import Color
    from textual.style import Style

    from prepbot.tui.memory import unpin_styles_caches

    unpin_styles_caches()
    assert not unpin_styles_caches()  # once is enough
    base, background = Color(10, 20, 30), Color(200, 100, 50, 0.5)
    inner, outer = StylesCache().get_inner_outer(base, background)
    assert (inner, outer) == (Style(background=base + background), Style(background=base))
    assert StylesCache().get_inner_outer(base, background) == (inner, outer)


def _resident_file_kib() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("RssFile:"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status (Linux)")
def test_the_pages_the_classifier_load_read_once_are_let_go_and_it_reads_the_same():
    from prepbot.matching.model import Classifier, available
    from prepbot.tui.memory import drop_runtime_pages

    if not available():
        pytest.skip("the classifier is not installed")
    classifier = Classifier.load(threads=1)
    texts = ["Nobody reviews code and people push straight to prod.", "Standups take 40 minutes.", "We ship on Fridays."]
    before = classifier.scores(texts)
    resident = _resident_file_kib()
    dropped = drop_runtime_pages()
    assert dropped > 1024  # onnxruntime's session build alone reads several MiB of its library once
    assert _resident_file_kib() < resident - 1024
    assert classifier.scores(texts) == before  # the same readings, to the bit
    assert classifier.scores(texts) == before


async def test_once_the_chat_has_loaded_the_classifier_its_runtime_pages_are_let_go_and_it_still_reads(monkeypatch):
    from prepbot import catalogue
    from prepbot.matching.model import available
    from prepbot.service import Service
    from prepbot.store import Store
    from prepbot.tui.app import PrepbotApp

    if not available():
        pytest.skip("the classifier is not installed")
    monkeypatch.setenv("PREPBOT_MODEL", "on")
    with_model = catalogue._load.__wrapped__(())  # a catalogue of its own (the suite's has the classifier off)
    app = PrepbotApp(Service(with_model, Store()), cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        app.screen.query_one("#company", Input).value = "Acme"
        await pilot.press("ctrl+s")
        chat = app.screen
        assert isinstance(chat, ChatScreen)
        for _ in range(500):  # the chat loads the classifier in a worker as it opens
            await pilot.pause(0.02)
            if app._runtime_pages_released:
                break
        assert app._runtime_pages_released
        slot = app.service.catalogue.matcher.model
        note = "Nobody reviews code and people push straight to prod."
        app.service.classify(note)
        assert slot.error is None and slot.cached(note) is not None  # the classifier read it

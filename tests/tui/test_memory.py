"""Memory over a long interview: what the chat lets go is freed, not kept by a cache (bench.startup's
40-question interview has a peak-memory target)."""

from __future__ import annotations

import gc
import weakref

from prepbot.tui.widgets.chat_log import ChatLog
from prepbot.tui.widgets.chat_message import ChatMessage
from tests.tui.conftest import open_chat_with_every_question
from tests.tui.test_in_charge import answer


async def test_the_messages_the_chat_log_lets_go_take_their_rendered_lines_with_them(make_app):
    async with make_app().run_test(size=(100, 30)) as pilot:
        chat = await open_chat_with_every_question(pilot)
        assert len(chat.questions) >= 12
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

"""Quitting the TUI closes its database: nothing is left beside it, and what was saved is there."""

from __future__ import annotations

import sqlite3

from textual.widgets import Input, TextArea

from prepbot import locations
from prepbot.store import Store


async def test_quitting_leaves_no_wal_or_shm_and_keeps_the_notes(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("PREPBOT_HOME", str(tmp_path))
    database = locations.database_path()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        app.screen.query_one("#company", Input).value = "Acme"
        await pilot.press("ctrl+s")
        await pilot.pause()
        chat = app.screen
        first = chat.questions[0].id
        chat.query_one("#note", TextArea).load_text("nobody reviews code")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert database.with_name(database.name + "-wal").exists()  # the app is writing in WAL mode
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert database.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(database.name)) == [database.name]
    # The notes are in the database file itself (nothing was left in a WAL to replay).
    with sqlite3.connect(f"file:{database}?mode=ro&immutable=1", uri=True) as raw:
        assert raw.execute("SELECT count(*) FROM interviews").fetchone()[0] == 1
    (interview,) = Store().rows()
    assert Store().load(interview.id).answers[first].note == "nobody reviews code"

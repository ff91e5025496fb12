"""prepbot makes no network connection: any socket connect during the journey fails the test."""

from __future__ import annotations

import socket

import pytest
from textual.widgets import Input, TextArea

from prepbot.tui.screens.chat import ChatScreen


@pytest.fixture
def no_network(monkeypatch):
    attempts: list[tuple] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("prepbot must not use the network")

    monkeypatch.setattr(socket.socket, "connect", lambda self, *a, **k: refuse("connect", *a))
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, *a, **k: refuse("connect_ex", *a))
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse("create_connection", *a))
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: refuse("getaddrinfo", *a))
    return attempts


async def test_the_whole_journey_opens_no_connection(no_network, make_app, run_cli, tmp_path):
    async with make_app().run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        pilot.app.screen.query_one("#company", Input).value = "Acme"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChatScreen)
        pilot.app.screen.query_one("#note", TextArea).load_text("nobody reviews code")
        await pilot.press("ctrl+n", "ctrl+t", "f2")
        await pilot.pause(0.6)
        interview_id = pilot.app.screen.interview.id
    assert run_cli("analyze", stdin="no tests").code == 0
    assert run_cli("prep", "--company", "Acme", "-f", "html").code == 0
    assert run_cli("export", interview_id, "-f", "html", "-o", str(tmp_path)).code == 0
    assert run_cli("sessions", "list").code == 0
    assert no_network == []

"""`prepbot serve` refuses what a hostile web page can send: a WebSocket from another site's page
(cross-site WebSocket hijacking), a Host header that is not this machine (DNS rebinding), more app
processes than it allows, and a terminal size that would pin a CPU. A real server runs on a free
port of 127.0.0.1 and a real WebSocket client (aiohttp) connects to it; all traffic stays local."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import pytest

from prepbot.serving import MAX_HEIGHT, MAX_WIDTH, allowed_hosts, clamp_size
from tests.test_serve import free_port, listening

aiohttp = pytest.importorskip("aiohttp")


@pytest.fixture
def server(tmp_path):
    """Start `prepbot serve` (one session at most) and yield its port; Ctrl+C stops it."""
    port = free_port()
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "PREPBOT_HOME": str(tmp_path / "data"), "HOME": str(home), "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "prepbot", "serve", "--port", str(port), "--max-sessions", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 60
    while not listening(port):
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the server did not start listening"
        time.sleep(0.1)
    yield port
    process.send_signal(signal.SIGINT)
    try:
        process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail("the server did not stop on SIGINT")
    assert not any(home.iterdir())


async def handshake(port: int, headers: dict[str, str], query: str = "") -> tuple[int, bytes]:
    """Open the app's WebSocket with these headers: (HTTP status, first bytes the app sent)."""
    async with aiohttp.ClientSession(skip_auto_headers=["Origin"]) as session:
        try:
            async with session.ws_connect(f"http://127.0.0.1:{port}/ws{query}", headers=headers) as ws:
                received = b""
                end = time.monotonic() + 30
                while len(received) < 200 and time.monotonic() < end:
                    try:
                        message = await asyncio.wait_for(ws.receive(), timeout=end - time.monotonic())
                    except TimeoutError:
                        break
                    if message.type == aiohttp.WSMsgType.BINARY:
                        received += message.data
                    elif message.type == aiohttp.WSMsgType.TEXT:
                        received += message.data.encode()
                    else:
                        break
                return 101, received
        except aiohttp.WSServerHandshakeError as error:
            return error.status, b""


def test_the_page_s_own_origin_gets_the_app(server):
    status, received = asyncio.run(handshake(server, {"Origin": f"http://127.0.0.1:{server}"}))
    assert status == 101
    assert received  # the app process started and drew something


def test_a_page_from_localhost_may_use_the_127_address(server):
    status, _ = asyncio.run(handshake(server, {"Origin": f"http://localhost:{server}"}))
    assert status == 101


@pytest.mark.parametrize(
    "origin",
    ["http://evil.example", "https://evil.example", "http://127.0.0.1.evil.example:{port}", "http://127.0.0.1:1", "null", ""],
)
def test_a_foreign_or_missing_origin_is_refused(server, origin):
    headers = {"Origin": origin.format(port=server)} if origin else {}
    status, received = asyncio.run(handshake(server, headers))
    assert status == 403
    assert received == b""


@pytest.mark.parametrize("host", ["evil.example:{port}", "rebind.attacker.test", "127.0.0.1.nip.io:{port}"])
def test_a_foreign_host_is_refused_on_the_page_and_the_socket(server, host):
    host = host.format(port=server)
    status, _ = asyncio.run(handshake(server, {"Host": host, "Origin": f"http://{host}"}))
    assert status == 421

    async def page() -> int:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{server}/", headers={"Host": host}) as response:
                return response.status

    assert asyncio.run(page()) == 421


def test_sessions_are_capped(server):
    async def two() -> tuple[int, int]:
        origin = {"Origin": f"http://127.0.0.1:{server}"}
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"http://127.0.0.1:{server}/ws", headers=origin) as first:
                await first.receive(timeout=30)
                try:
                    async with session.ws_connect(f"http://127.0.0.1:{server}/ws", headers=origin):
                        second = 101
                except aiohttp.WSServerHandshakeError as error:
                    second = error.status
        return 101, second

    assert asyncio.run(two()) == (101, 503)
    # and the slot is given back when the first tab closes
    deadline = time.monotonic() + 20
    while True:
        status, _ = asyncio.run(handshake(server, {"Origin": f"http://127.0.0.1:{server}"}))
        if status == 101 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert status == 101


def test_a_huge_terminal_still_connects_at_a_bounded_size(server):
    status, received = asyncio.run(handshake(server, {"Origin": f"http://127.0.0.1:{server}"}, "?width=3000&height=3000"))
    assert status == 101 and received


def test_terminal_sizes_are_clamped():
    assert clamp_size("3000", "3000") == (MAX_WIDTH, MAX_HEIGHT)
    assert clamp_size(120, 40) == (120, 40)
    assert clamp_size("-5", "0") == (10, 5)
    assert clamp_size("wide", None) == (80, 24)


def test_allowed_hosts_are_loopback_names_and_the_named_ones():
    hosts = allowed_hosts("0.0.0.0", 8000, ["laptop.local"])
    assert {"127.0.0.1:8000", "localhost:8000", "[::1]:8000", "laptop.local:8000"} <= hosts
    assert "0.0.0.0:8000" not in hosts
    assert not any("evil" in h for h in hosts)


def test_an_empty_host_is_refused(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "prepbot", "serve", "--host", "", "--port", str(free_port())],
        capture_output=True,
        timeout=60,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert result.returncode == 2
    assert "--host needs an address" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


def test_a_port_in_use_prints_no_banner(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "prepbot", "serve", "--port", str(port)],
            capture_output=True,
            timeout=60,
            env={**os.environ, "HOME": str(tmp_path)},
        )
    err = result.stderr.decode()
    assert result.returncode == 2
    assert "cannot listen" in err
    assert "serving the app" not in err

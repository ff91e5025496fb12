"""`prepbot serve` in a real browser: the server starts on a free port of 127.0.0.1, headless Chromium
opens the page, the app draws its home screen (with an interview saved in the same data directory)
over the page's websocket, and Ctrl+C (SIGINT) stops the server and frees the port.

The terminal is drawn on a canvas, so the page's DOM has no text to read: the test drives Chromium
through the DevTools protocol (aiohttp's websocket client, which textual-serve brings) and reads
what the app sent to the page's websocket. All traffic stays on 127.0.0.1."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from prepbot.catalogue import load_catalogue
from prepbot.interview import start_interview
from prepbot.store import Store
from tests.test_browser import browser_env, chromium

pytest.importorskip("textual_serve")
aiohttp = pytest.importorskip("aiohttp")

ANSI = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b.")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


async def what_the_page_receives(url: str, tmp_path: Path, needles: tuple[str, ...], timeout: float = 90) -> tuple[str, bytes]:
    """Open `url` in headless Chromium and collect what its websockets receive until every needle
    has arrived (or `timeout`); returns that text, without escape sequences, and a screenshot."""
    browser = await asyncio.create_subprocess_exec(
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
        "--window-size=1000,700",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "about:blank",
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        env=browser_env(tmp_path),
    )
    try:
        devtools = None
        deadline = time.monotonic() + 60
        while devtools is None and time.monotonic() < deadline:
            line = await asyncio.wait_for(browser.stderr.readline(), timeout=60)
            if not line:
                break
            found = re.search(rb"DevTools listening on (ws://127\.0\.0\.1:(\d+)/\S+)", line)
            if found:
                devtools = int(found.group(2))
        assert devtools, "Chromium did not open its DevTools port"
        asyncio.ensure_future(_drain(browser.stderr))

        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{devtools}/json/list") as response:
                pages = [t for t in await response.json(content_type=None) if t["type"] == "page"]
            async with session.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as cdp:
                ids = iter(range(1, 10_000))

                async def send(method: str, **params) -> int:
                    number = next(ids)
                    await cdp.send_str(json.dumps({"id": number, "method": method, "params": params}))
                    return number

                await send("Network.enable")
                await send("Page.enable")
                await send("Page.navigate", url=url)
                received = b""
                shot_id, screenshot = None, b""
                end = time.monotonic() + timeout
                while time.monotonic() < end:
                    try:
                        message = await asyncio.wait_for(cdp.receive(), timeout=max(0.1, end - time.monotonic()))
                    except TimeoutError:
                        break
                    if message.type != aiohttp.WSMsgType.TEXT:
                        break
                    data = json.loads(message.data)
                    if data.get("method") == "Network.webSocketFrameReceived":
                        frame = data["params"]["response"]
                        payload = frame["payloadData"]
                        received += base64.b64decode(payload) if frame.get("opcode") == 2 else payload.encode()
                        text = ANSI.sub(b"", received).decode("utf-8", "replace")
                        if shot_id is None and all(n in text for n in needles):
                            await asyncio.sleep(0.5)  # let the page paint what it received
                            shot_id = await send("Page.captureScreenshot", format="png")
                    elif shot_id is not None and data.get("id") == shot_id:
                        screenshot = base64.b64decode(data.get("result", {}).get("data", ""))
                        break
                await send("Browser.close")
        return ANSI.sub(b"", received).decode("utf-8", "replace"), screenshot
    finally:
        if browser.returncode is None:
            try:
                await asyncio.wait_for(browser.wait(), timeout=10)
            except TimeoutError:
                browser.kill()
                await browser.wait()


async def _drain(stream) -> None:
    while await stream.readline():
        pass


def test_serve_shows_the_app_in_a_browser_and_stops_on_ctrl_c(tmp_path):
    chromium()  # skips (or fails under PREPBOT_REQUIRE_BROWSER) before a server is started
    data = tmp_path / "data"
    env = {**os.environ, "PREPBOT_HOME": str(data), "HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    (tmp_path / "home").mkdir()
    os.environ["PREPBOT_HOME"], saved = str(data), os.environ["PREPBOT_HOME"]
    try:
        bank = load_catalogue().bank
        Store().save(start_interview(bank, "Servedco Labs", "Backend", "2026-12-01", "engineer", 10))
    finally:
        os.environ["PREPBOT_HOME"] = saved

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "prepbot", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while not listening(port):
            assert server.poll() is None, server.stderr.read().decode()
            assert time.monotonic() < deadline, "the server did not start listening"
            time.sleep(0.2)
        text, screenshot = asyncio.run(
            what_the_page_receives(f"http://127.0.0.1:{port}/", tmp_path, ("interview the company back", "Servedco Labs"))
        )
        assert "interview the company back" in text, text[-2000:]
        assert "Servedco Labs" in text  # the same data directory as the command that started the server
        assert screenshot[:8] == b"\x89PNG\r\n\x1a\n"
        (tmp_path / "served.png").write_bytes(screenshot)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            out, err = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            out, err = server.communicate()
            pytest.fail("the server did not stop on SIGINT")
    said = err.decode() + out.decode()
    assert f"http://127.0.0.1:{port}" in said and "Ctrl+C to stop" in said
    assert server.returncode == 0, said[-2000:]
    assert not listening(port)
    with socket.socket() as probe:  # and the port can be taken again
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))
    assert not any((tmp_path / "home").iterdir())  # nothing written to HOME


def test_serve_refuses_a_port_in_use(tmp_path):
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
    assert result.returncode == 2
    assert f"prepbot: error: cannot listen on 127.0.0.1:{port}" in result.stderr.decode()

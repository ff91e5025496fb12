"""`prepbot serve`: the TUI in a web browser through textual-serve, made safe to leave running.

textual-serve starts one `prepbot tui` process per WebSocket connection and checks nothing about
who connects. A page on any other site can open a WebSocket to 127.0.0.1 (browsers do not apply
the same-origin policy to WebSockets), and a DNS-rebinding host name can point at this machine, so
without checks any web page the user visits could drive the app and read saved interviews. Here:

- every request must carry a Host this server answers to: a loopback name with our port, or a
  host the user named with --host / --allow-host (this stops DNS rebinding);
- the WebSocket must come from a page of that same set of origins (this stops cross-site
  WebSockets; a missing Origin is refused too);
- at most `max_sessions` app processes run at once, and the terminal size a page asks for is
  clamped, so a page cannot start processes without limit or pin a CPU with a huge terminal;
- the port is bound before anything is printed, so a port in use is reported without a banner,
  and the page fetches nothing from the internet (textual-serve's page links a web font).

Imported only by the `serve` command: it pulls in aiohttp and textual-serve.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import signal
import socket
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

log = logging.getLogger("prepbot.serve")

LOCAL_NAMES = ("127.0.0.1", "localhost", "::1")
MAX_WIDTH, MAX_HEIGHT = 400, 150  # a 4K screen at a small font; beyond that is a CPU to pin
MIN_WIDTH, MIN_HEIGHT = 10, 5
DEFAULT_MAX_SESSIONS = 4


def is_local(host: str) -> bool:
    """True for a name or address that only this machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """True for an address that listens on every interface (0.0.0.0, ::)."""
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """The terminal size a page asked for, bounded; anything that is not a number gets 80x24."""

    def number(value: object, default: int) -> int:
        try:
            return int(str(value))
        except (TypeError, ValueError):
            return default

    return (
        min(MAX_WIDTH, max(MIN_WIDTH, number(width, 80))),
        min(MAX_HEIGHT, max(MIN_HEIGHT, number(height, 24))),
    )


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def allowed_hosts(host: str, port: int, extra: Iterable[str] = ()) -> frozenset[str]:
    """Every Host header value this server answers to: the loopback names and the named hosts,
    with the port (and without it when the port is the scheme's default, 80)."""
    names = {*LOCAL_NAMES, *extra}
    if not is_wildcard(host):
        names.add(host)
    values = set()
    for name in names:
        name = _bracketed(name.strip().lower())
        values.add(f"{name}:{port}")
        if port == 80:
            values.add(name)
    return frozenset(values)


class GuardedServer(Server):
    """textual-serve's Server with the checks above. `hosts` are the Host header values allowed."""

    def __init__(self, command: str, *, host: str, port: int, hosts: frozenset[str], max_sessions: int, **kwargs: Any):
        super().__init__(command, host=host, port=port, **kwargs)
        self.hosts = hosts
        self.origins = frozenset(f"http://{value}" for value in hosts)
        self.max_sessions = max_sessions
        self.sessions = 0

    # -- checks ----------------------------------------------------------------------------------

    @web.middleware
    async def _guard(self, request: web.Request, handler):
        if request.headers.get("Host", "").strip().lower() not in self.hosts:
            log.warning("refused a request for host %r", request.headers.get("Host", ""))
            return web.Response(status=421, text="prepbot serve: this server does not answer to that host name\n")
        if request.path == "/ws":
            origin = request.headers.get("Origin", "").strip().lower().rstrip("/")
            if origin not in self.origins:
                log.warning("refused a WebSocket from origin %r", origin)
                return web.Response(status=403, text="prepbot serve: only its own page may connect\n")
        return await handler(request)

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        folder = Path(self.templates_path)

        def load(name: str):
            path = folder / name
            if not path.is_file():
                return None
            text = re.sub(r"<link[^>]*href=\"https?://[^\"]*\"[^>]*>", "", path.read_text(encoding="utf-8"))
            return text, str(path), lambda: True

        aiohttp_jinja2.setup(app, loader=jinja2.FunctionLoader(load))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.app_socket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints its banner here; the command prints its own once the port is bound."""

    # -- the app's WebSocket ---------------------------------------------------------------------

    async def app_socket(self, request: web.Request) -> web.StreamResponse:
        """One browser tab: one `prepbot tui` process, within the session cap."""
        if self.sessions >= self.max_sessions:
            return web.Response(
                status=503, text=f"prepbot serve: {self.max_sessions} sessions are open already; close one first\n"
            )
        self.sessions += 1
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=1024 * 1024)
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))
        service: AppService | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await service.start(width, height)
            await self._relay(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # one bad page must not stop the server
            log.warning("a session ended: %s", error)
        finally:
            self.sessions -= 1
            if service is not None:
                await service.stop()
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, service: AppService) -> None:
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
                kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await service.set_terminal_size(*clamp_size(data.get("width"), data.get("height")))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    # -- running ---------------------------------------------------------------------------------

    def bind(self) -> socket.socket:
        """Bind the listening socket now, so that a port in use is known before the banner."""
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.host, self.port))
            sock.listen(128)
        except OSError:
            sock.close()
            raise
        return sock

    def serve_on(self, sock: socket.socket) -> None:
        """Run until Ctrl+C or SIGTERM, on a socket from bind()."""
        self.debug = False
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, self.request_exit)
            except NotImplementedError:  # pragma: no cover - not on Windows
                pass
        web.run_app(self._make_app(), sock=sock, handle_signals=False, loop=loop, print=lambda *args: None)

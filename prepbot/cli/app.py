"""`prepbot tui` (the default command) and `prepbot serve`: the interview chatbot, in a terminal
or in a browser.

Registered by build_cli() in prepbot.cli. Nothing here imports textual at module level: `tui`
imports the app inside the command, and `serve` runs it in a child process.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from prepbot.cli.base import bank_option, catalogue, open_service
from prepbot.textsafe import safe


@click.command("tui")
@bank_option
def tui_command(banks: tuple[Path, ...]) -> None:
    """Open the interview chatbot (the default command).

    \b
    Example:
      prepbot
      prepbot tui --bank ~/my-questions.yaml
    """
    service = open_service(banks)
    served = "TEXTUAL_DRIVER" in os.environ  # `prepbot serve` runs this with a browser's driver, no terminal
    if not served and not all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout)):
        raise click.ClickException(
            "the interview chatbot needs a terminal (standard input and output are not one); "
            "the commands in 'prepbot --help' work without one"
        )
    from prepbot.tui.app import PrepbotApp  # deferred: textual is heavy and CLI paths never need it

    PrepbotApp(service).run()


# --------------------------------------------------------------------------- serve

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but localhost lets other machines open your interviews.",
)
@click.option("--port", default=8000, type=click.IntRange(1, 65535), show_default=True, help="Port to listen on.")
@bank_option
def serve_command(host: str, port: int, banks) -> None:
    """The interview chatbot in a web browser (the same app, the same saved interviews).

    Each browser tab runs its own `prepbot tui` on this machine, with the same data directory
    (PREPBOT_HOME) and --bank options. Ctrl+C stops the server.

    \b
    Examples:
      prepbot serve
      prepbot serve --port 8080 --bank ~/my-questions.yaml
    """
    import shlex

    catalogue(banks)  # a broken bank is reported here, once, not in every browser tab
    try:
        from textual_serve.server import Server
    except ImportError:  # pragma: no cover - a dependency
        raise click.ClickException("serving needs the textual-serve package: pip install textual-serve") from None

    command = [sys.executable, "-m", "prepbot", "tui"]
    for bank in banks:
        command += ["--bank", str(Path(bank).expanduser().resolve())]
    environment = os.environ  # the served app inherits it: PREPBOT_HOME, NO_COLOR and the rest
    if "PREPBOT_HOME" in environment:
        environment["PREPBOT_HOME"] = str(Path(environment["PREPBOT_HOME"]).expanduser().resolve())
    url_host = f"[{host}]" if ":" in host else host
    url = f"http://{url_host}:{port}"
    if host not in LOCAL_HOSTS:
        click.echo(
            f"prepbot: warning: listening on {safe(host, keep_layout=False)}: anyone who can reach this "
            "machine can open your interviews",
            err=True,
        )
    click.echo(f"prepbot: serving the app on {safe(url, keep_layout=False)} — open it in a browser; Ctrl+C to stop", err=True)
    server = _local_server(Server)(shlex.join(command), host=host, port=port, title="prepbot", public_url=url)
    try:
        server.serve()
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    click.echo("prepbot: stopped", err=True)


def _local_server(base):
    """textual-serve's server, with a page that fetches nothing from the internet (its page links
    a web font from a font service; the terminal falls back to a local monospace font)."""
    import re

    import aiohttp_jinja2
    import jinja2

    class LocalServer(base):
        async def _make_app(self):
            app = await super()._make_app()
            folder = Path(self.templates_path)

            def load(name: str):
                path = folder / name
                if not path.is_file():
                    return None
                text = re.sub(r"<link[^>]*href=\"https?://[^\"]*\"[^>]*>", "", path.read_text(encoding="utf-8"))
                return text, str(path), lambda: True

            aiohttp_jinja2.setup(app, loader=jinja2.FunctionLoader(load))
            return app

    return LocalServer

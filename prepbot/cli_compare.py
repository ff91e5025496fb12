"""`prepbot compare` and `prepbot serve`: companies side by side, and prepbot in a browser.

Registered on the `cli` group by one import at the end of cli.py. Heavy imports happen inside the
commands; nothing here imports textual (`serve` runs the TUI in a child process).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from prepbot.cli import _bank_option, _find, _service, cli
from prepbot.textsafe import safe

COMPARE_FORMATS = click.Choice(["text", "md", "html", "json"])


@cli.command("compare")
@click.argument("sessions", nargs=-1, metavar="SESSION SESSION [SESSION...]")
@click.option("--format", "-f", "fmt", type=COMPARE_FORMATS, default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="File or folder to write (default: stdout).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@_bank_option
def compare_command(sessions: tuple[str, ...], fmt: str, output: Path | None, force: bool, banks) -> None:
    """Two to four saved interviews side by side: verdicts, every flag, what to ask next.

    Each SESSION is an id, an id prefix or a company name, as for `prepbot export`.

    \b
    Examples:
      prepbot compare Acme Globex
      prepbot compare 3f2a9c 7b01de Initech --format html -o ~/Desktop/
    """
    from prepbot.compare import MAX_INTERVIEWS, MIN_INTERVIEWS, CompareError, compare
    from prepbot.export import ExportError, comparison_name, render_comparison, resolve_target, write_export

    if not MIN_INTERVIEWS <= len(sessions) <= MAX_INTERVIEWS:
        raise click.ClickException(
            f"compare takes {MIN_INTERVIEWS} to {MAX_INTERVIEWS} interviews, not {len(sessions)} (see 'prepbot sessions list')"
        )
    service = _service(banks)
    interviews = [_find(service, session) for session in sessions]
    try:
        comparison = compare(service.bank, [(i, service.summary(i)) for i in interviews])
    except CompareError as exc:
        raise click.ClickException(str(exc)) from None
    text = render_comparison(service.bank, comparison, fmt, _terminal_width() if output is None else None)
    if output is None:
        click.echo(text, nl=False)
        return
    target = resolve_target(output, comparison_name(comparison.companies), "comparison", "txt" if fmt == "text" else fmt)
    try:
        write_export(target, text, force=force)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Wrote {safe(str(target), keep_layout=False)}", err=True)


def _terminal_width() -> int | None:
    """The terminal's columns when the text goes to one (or COLUMNS says), else None: a fixed width."""
    if not (os.environ.get("COLUMNS") or sys.stdout.isatty()):
        return None
    return shutil.get_terminal_size().columns


# --------------------------------------------------------------------------- serve

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@cli.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but localhost lets other machines open your interviews.",
)
@click.option("--port", default=8000, type=click.IntRange(1, 65535), show_default=True, help="Port to listen on.")
@_bank_option
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

    from prepbot.cli import _catalogue

    _catalogue(banks)  # a broken bank is reported here, once, not in every browser tab
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

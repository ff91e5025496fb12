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
    import gc

    collecting = gc.isenabled()
    gc.disable()  # until the first screen is up and the bank read: see prepbot.tui.app.collect_garbage_again
    try:
        _run_tui(banks)
    finally:
        if collecting:
            gc.enable()  # also when it could not start (no terminal): a caller in this process keeps collecting


def _run_tui(banks: tuple[Path, ...]) -> None:
    service = open_service(banks, later=True)  # the home screen is drawn first, then the bank read
    served = "TEXTUAL_DRIVER" in os.environ  # `prepbot serve` runs this with a browser's driver, no terminal
    if not served and not all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout)):
        raise click.ClickException(
            "the interview chatbot needs a terminal (standard input and output are not one); "
            "the commands in 'prepbot --help' work without one"
        )
    from prepbot.tui.app import PrepbotApp  # deferred: textual is heavy and CLI paths never need it

    app = PrepbotApp(service)
    app.run()
    if app.bank_error is not None:  # the bank could not be read: its one-line error, exit 2 (as before)
        raise app.bank_error
    if app.return_code:  # ended by SIGTERM or SIGHUP (after saving): the usual 128 + signal number
        sys.exit(app.return_code)


# --------------------------------------------------------------------------- serve


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but localhost lets other machines open your interviews.",
)
@click.option("--port", default=8000, type=click.IntRange(1, 65535), show_default=True, help="Port to listen on.")
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Another host name the browser may use to reach this server (repeatable); loopback names always work.",
)
@click.option(
    "--max-sessions",
    default=4,
    type=click.IntRange(1, 32),
    show_default=True,
    help="Browser tabs that may run the app at once (each is a process).",
)
@bank_option
def serve_command(host: str, port: int, allow_hosts: tuple[str, ...], max_sessions: int, banks) -> None:
    """The interview chatbot in a web browser (the same app, the same saved interviews).

    Each browser tab runs its own `prepbot tui` on this machine, with the same data directory
    (PREPBOT_HOME) and --bank options. Only pages served by this server may connect, and only
    through a loopback name or a host you named (--host, --allow-host): other web sites and
    DNS-rebinding names are refused. Ctrl+C stops the server.

    \b
    Examples:
      prepbot serve
      prepbot serve --port 8080 --bank ~/my-questions.yaml
      prepbot serve --host 0.0.0.0 --allow-host laptop.local
    """
    import shlex

    host = host.strip()
    if not host:
        raise click.UsageError("--host needs an address (127.0.0.1 for this machine only)")
    bad = [name for name in allow_hosts if not name.strip() or any(c in name for c in "/ @\\")]
    if bad:
        raise click.UsageError(f"--allow-host takes a host name, got {safe(bad[0], keep_layout=False)!r}")
    catalogue(banks)  # a broken bank is reported here, once, not in every browser tab
    from prepbot.serving import GuardedServer, allowed_hosts, is_local, is_wildcard

    command = [sys.executable, "-m", "prepbot", "tui"]
    for bank in banks:
        command += ["--bank", str(Path(bank).expanduser().resolve())]
    environment = os.environ  # the served app inherits it: PREPBOT_HOME, NO_COLOR and the rest
    if "PREPBOT_HOME" in environment:
        environment["PREPBOT_HOME"] = str(Path(environment["PREPBOT_HOME"]).expanduser().resolve())
    shown = "127.0.0.1" if is_wildcard(host) else host
    url_host = f"[{shown}]" if ":" in shown else shown
    url = f"http://{url_host}:{port}"
    hosts = allowed_hosts(host, port, [name.strip() for name in allow_hosts])
    server = GuardedServer(
        shlex.join(command), host=host, port=port, hosts=hosts, max_sessions=max_sessions, title="prepbot", public_url=url
    )
    try:
        sock = server.bind()
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {safe(host, keep_layout=False)}:{port}: {exc.strerror or exc}") from None
    if not is_local(host):
        click.echo(
            f"prepbot: warning: listening on {safe(host, keep_layout=False)}: anyone who can reach this "
            "machine can open your interviews",
            err=True,
        )
        if is_wildcard(host) and not allow_hosts:
            click.echo(
                "prepbot: other machines must reach it by a name given with --allow-host (the Host check refuses the rest)",
                err=True,
            )
    click.echo(f"prepbot: serving the app on {safe(url, keep_layout=False)} — open it in a browser; Ctrl+C to stop", err=True)
    server.serve_on(sock)
    click.echo("prepbot: stopped", err=True)

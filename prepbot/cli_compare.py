"""`prepbot compare` and `prepbot serve`: companies side by side, and prepbot in a browser.

Registered on the `cli` group by one import at the end of cli.py. Heavy imports happen inside the
commands; nothing here imports textual (`serve` runs the TUI in a child process).
"""

from __future__ import annotations

import os
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
    text = render_comparison(service.bank, comparison, fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    target = resolve_target(output, comparison_name(comparison.companies), "comparison", "txt" if fmt == "text" else fmt)
    try:
        write_export(target, text, force=force)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Wrote {safe(str(target), keep_layout=False)}", err=True)


# --------------------------------------------------------------------------- serve


@cli.command("serve")
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
@_bank_option
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

    from prepbot.cli import _catalogue

    host = host.strip()
    if not host:
        raise click.UsageError("--host needs an address (127.0.0.1 for this machine only)")
    bad = [name for name in allow_hosts if not name.strip() or any(c in name for c in "/ @\\")]
    if bad:
        raise click.UsageError(f"--allow-host takes a host name, got {safe(bad[0], keep_layout=False)!r}")
    _catalogue(banks)  # a broken bank is reported here, once, not in every browser tab
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

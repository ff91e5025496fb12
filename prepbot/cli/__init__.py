"""The command line. Bare `prepbot` opens the TUI; everything else needs no screen.

`build_cli()` makes the group (prepbot.cli.base) and registers every command explicitly, one
module per family: imports go one way, command modules -> base, never back to this package.
Nothing here imports textual, the service or the store at module level: `prepbot analyze` and
friends start fast and work where no terminal UI could.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from prepbot.textsafe import safe

if TYPE_CHECKING:
    import click


def build_cli(only: str | None = None) -> click.Group:
    """The `prepbot` group with every command on it; `only="analyze"` or `only="tui"`: with that one
    alone, for a command line that runs it (the other command modules are not imported: ~10 ms of
    the start of `analyze` and of the TUI's first screen)."""
    from prepbot.cli.base import make_group

    group = make_group()
    if only == "analyze":
        from prepbot.cli import prep

        group.add_command(prep.analyze_command)
        return group
    if only == "tui":
        from prepbot.cli import app

        group.add_command(app.tui_command)
        return group
    from prepbot.cli import app, bank, company, compare, interviews, prep, sessions

    for command in (
        app.tui_command,
        app.serve_command,
        prep.questions_command,
        prep.analyze_command,
        prep.prep_command,
        bank.bank_group,
        sessions.export_command,
        sessions.sessions_group,
        interviews.new_command,
        interviews.edit_command,
        interviews.note_command,
        interviews.flags_command,
        interviews.import_command,
        compare.compare_command,
        company.company_command,
        company.prefs_group,
    ):
        group.add_command(command)
    return group


def undecodable(args: list[str]) -> str | None:
    """The first argument holding bytes that are not UTF-8 (Python keeps them as lone surrogates,
    which nothing can save or print), shown with those bytes escaped; None when all are text."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return os.fsencode(arg).decode("utf-8", errors="backslashreplace")
    return None


def _start_classifier() -> None:
    """`analyze` reads with the classifier: its process starts first thing, so that importing its
    runtime and building its session run beside everything else (prepbot.matching.model_worker);
    the command picks it up (or stops it when it has no use for it)."""
    from prepbot import locations
    from prepbot.matching import model_worker

    model_worker.start_early(locations.cache_dir())


def _end_now() -> None:
    """End `analyze` now that its report is out: its output flushed, the classifier's process
    already stopped (the command's close callback), nothing else to do. Skips the interpreter's
    teardown, which would free the catalogue's ~300,000 objects one by one (~15-20 ms)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):  # a closed pipe (`| head`): not an error, as below
            pass
    os._exit(0)


def _only(args: list[str]) -> str | None:
    """The one command a command line runs, when the group needs no other to run it: `analyze`,
    or the TUI (bare `prepbot`, or `prepbot tui`); None for anything else (help, --version, ...)."""
    if args[:1] == ["analyze"]:
        return "analyze"
    if not args or args[0] == "tui":
        return "tui"
    return None


def main(argv: list[str] | None = None) -> None:
    """Run the CLI with one-line errors: `prepbot: error: ...` on stderr and a non-zero exit."""
    try:
        _main(argv)
    except KeyboardInterrupt:  # Ctrl-C while it starts, before a command runs: as quiet as during one
        sys.exit(130)


def _main(argv: list[str] | None) -> None:
    args = sys.argv[1:] if argv is None else argv
    only = _only(args)
    if only == "analyze":
        _start_classifier()
    import click  # (after the classifier's process started: importing click takes ~50 ms)

    from prepbot.matching.model import setting

    try:
        setting()  # an unknown PREPBOT_MODEL value is refused before anything runs
    except ValueError as exc:
        click.echo(f"prepbot: error: {safe(str(exc), keep_layout=False)}", err=True)
        sys.exit(2)
    bad = undecodable(sys.argv[1:] if argv is None else argv)
    if bad is not None:
        click.echo(f"prepbot: error: an argument is not UTF-8 text: '{safe(bad, keep_layout=False)}'", err=True)
        sys.exit(2)
    try:
        build_cli(only=only).main(args=argv, prog_name="prepbot", standalone_mode=False)
        if argv is None and only == "analyze":
            _end_now()
    except getattr(click.exceptions, "NoArgsIsHelpError", ()) as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
        sys.exit(2)
    except click.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        click.echo(f"prepbot: error: {safe(exc.format_message(), keep_layout=False)}{hint}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"prepbot: error: {safe(exc.format_message())}", err=True)
        sys.exit(exc.exit_code if exc.exit_code != 1 else 2)
    except click.exceptions.Abort:
        click.echo("prepbot: aborted", err=True)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.stderr.close()  # output piped into `head` and friends: not an error
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug: still one line for the user, the traceback on request
        if os.environ.get("PREPBOT_DEBUG"):
            raise
        click.echo(
            f"prepbot: internal error: {type(exc).__name__}: {safe(str(exc), keep_layout=False)} (set PREPBOT_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(1)

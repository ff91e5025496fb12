"""The pieces every command module shares: the group, its options, one error wrapper, helpers.

Command modules import from here, never from `prepbot.cli` (the package's `__init__` imports
them to register their commands: imports go one way). Nothing heavy is imported at module level:
the service, the store and the exports are imported inside the functions, so start-up stays fast
and textual is never loaded outside the `tui` command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from click_default_group import DefaultGroup

from prepbot import __version__
from prepbot.bank import PERSONAS
from prepbot.errors import DiskFullError, PrepbotError
from prepbot.textsafe import json_safe, safe

MAX_ANALYZE_BYTES = 4 * 1024 * 1024
BANK_OPTION_HELP = "Extra bank file or folder layered over the built-in one (repeatable)."
PERSONA_CHOICE = click.Choice(list(PERSONAS))
FORMAT_CHOICE = click.Choice(["md", "html", "json", "txt"])
FORMAT_HELP = "md, html, json or txt; default: the --output file's extension, else md."


def output_format(fmt: str | None, output: str | None, default: str = "md") -> str:
    """The format asked for; without one, the one the output file's name ends in (report.html), else `default`."""
    if fmt:
        return fmt
    if output and not output.endswith(("/", os.sep)):
        suffix = os.path.splitext(output)[1].lower().lstrip(".")
        suffix = {"markdown": "md", "htm": "html", "text": "txt"}.get(suffix, suffix)
        if suffix in FORMAT_CHOICE.choices:
            return suffix
    return default


# --------------------------------------------------------------------------- errors


@contextmanager
def user_errors() -> Iterator[None]:
    """Every domain error becomes one line on stderr and exit 2 (see `main`); nothing else does.

    A full disk gets its own message: nothing was saved, free some space and run it again.
    """
    from prepbot.bank import BankError

    try:
        yield
    except DiskFullError as exc:
        raise click.ClickException(f"the disk is full; nothing was saved ({safe(str(exc), keep_layout=False)})") from None
    except BankError as exc:
        first = exc.problems[0]
        more = len(exc.problems) - 1
        suffix = f" (and {more} more problem{'s' if more != 1 else ''}; run 'prepbot bank validate')" if more else ""
        raise click.ClickException(f"invalid bank: {safe(str(first), keep_layout=False)}{suffix}") from None
    except PrepbotError as exc:
        raise click.ClickException(safe(str(exc), keep_layout=False)) from None


# --------------------------------------------------------------------------- the group


class Group(DefaultGroup):
    """A default group whose bare invocation runs the TUI command; domain errors are one line.

    Unlike plain DefaultGroup, a mistyped command name is reported as such instead of being
    handed to the TUI command as a stray argument.
    """

    def resolve_command(self, ctx, args):
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            raise click.UsageError(f"No such command '{args[0]}'.", ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx):
        with user_errors():
            return super().invoke(ctx)


def make_group() -> Group:
    """The `prepbot` group, with no command yet (build_cli in prepbot.cli adds them)."""

    def prepbot_group() -> None:
        """prepbot: interview the company back.

        Run `prepbot` with no command to open the interview chatbot. The commands below work
        without a screen.
        """

    command = click.version_option(__version__, "--version", "-V", prog_name="prepbot")(prepbot_group)
    group = click.group(
        "prepbot", cls=Group, default="tui", default_if_no_args=True, context_settings={"help_option_names": ["-h", "--help"]}
    )(command)
    assert isinstance(group, Group)
    return group


# --------------------------------------------------------------------------- shared options


class MinutesType(click.ParamType):
    """A time box in minutes, checked by the one rule for minutes (prepbot.values)."""

    name = "minutes"

    def convert(self, value, param, ctx):
        from prepbot.values import parse_minutes

        try:
            return parse_minutes(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def bank_option(func):
    return click.option(
        "--bank",
        "banks",
        multiple=True,
        type=click.Path(path_type=Path, readable=False),  # the bank loader says what is wrong, with file:line:col
        metavar="PATH",
        help=BANK_OPTION_HELP,
    )(func)


# --------------------------------------------------------------------------- helpers


def catalogue(banks: tuple[Path, ...]):
    from prepbot.catalogue import load_catalogue

    return load_catalogue(banks)


def open_service(banks: tuple[Path, ...] = (), later: bool = False):
    """The catalogue and the store, as one service object (what the TUI gets too). later: the
    catalogue is read on first need (the TUI draws its first screen, then reads it in a thread)."""
    from prepbot.service import Service

    service = Service.opening(lambda: catalogue(banks)) if later else Service.connect(catalogue(banks))
    if service.recovered_from:
        moved = safe(str(service.recovered_from), keep_layout=False)
        click.echo(f"prepbot: warning: the database was damaged; it was moved to {moved} and a new one started", err=True)
    return service


def to_json(data, indent: int | None = 2) -> str:
    """Standard JSON only: NaN and Infinity are refused, never printed."""
    import json

    return json_safe(json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False))


def one_line(text: str) -> str:
    """User text on one terminal line: whitespace folded, control characters shown, never obeyed."""
    return safe(" ".join(text.split()), keep_layout=False)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def paste_prompt() -> None:
    if sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty():
        click.echo("Paste or type the text, then press Ctrl-D on a new line (Ctrl-Z then Enter on Windows).", err=True)


def read_input(name: str, limit: int = MAX_ANALYZE_BYTES) -> tuple[str, str]:
    """(label, text) of one input ('-' is standard input); a ReadError becomes one line."""
    from prepbot.reading import ReadError, read_file, read_stream

    try:
        if name == "-":
            if sys.stdin is None or sys.stdin.closed:
                raise click.ClickException("standard input is closed; give a FILE or pipe some text in")
            return "<stdin>", read_stream(sys.stdin.buffer, limit)
        return name, read_file(Path(name), limit)
    except ReadError as exc:
        label = "<stdin>" if name == "-" else safe(name, keep_layout=False)
        if exc.kind == "too-large":
            raise click.ClickException(
                f"{label}: input is larger than {limit // 1048576} MiB; split it into smaller files"
            ) from None
        raise click.ClickException(f"{label}: {exc}") from None


def emit(text: str, output: str | None, name: str, kind: str, fmt: str, force: bool) -> None:
    """Print to stdout, or write atomically to a file (or a safe default name inside a folder)."""
    from prepbot.export import resolve_target, write_export

    if output is None:
        click.echo(text, nl=False)
        return
    target = resolve_target(output, name, kind, fmt)
    write_export(target, text, force=force)
    click.echo(f"Wrote {safe(str(target), keep_layout=False)}", err=True)


def known_flag_id(service, flag_id: str) -> str:
    """The flag id as given when the bank has it; else one line, with a "did you mean"."""
    if flag_id in service.bank.flags:
        return flag_id
    from difflib import get_close_matches

    close = get_close_matches(flag_id, list(service.bank.flags), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else " (the flag ids are listed in the README and questions/flags.yaml)"
    raise click.ClickException(f"no flag with id '{safe(flag_id, keep_layout=False)}'{hint}")

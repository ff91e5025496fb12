"""Exports: a prep checklist before the interview, a report after it.

Markdown, HTML and plain text come from the jinja2 templates beside this file; JSON is built
here with a versioned schema (see README, "Export formats"). Rendering is pure: text in, text out.
Writing files (atomically, never overwriting by accident) is `write_export`.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepbot import __version__, locations
from prepbot.errors import PrepbotError
from prepbot.prefs import NORMAL, Preferences
from prepbot.textsafe import json_safe, safe

# What renders a report or a checklist (the summary, the interview, the shapes) is imported when it
# is first used: `prepbot analyze` imports this package for its submodules only (shapes, terminal),
# and importing it whole cost analyze ~25 ms.
if TYPE_CHECKING:
    from prepbot.bank import Bank, Question
    from prepbot.export.shapes import interview_from_report
    from prepbot.interview import Answer, Interview
    from prepbot.matching import Matcher
    from prepbot.planner import Plan


def __getattr__(name: str) -> Any:
    """`interview_from_report`, re-exported from `shapes` (imported on first use, PEP 562)."""
    if name == "interview_from_report":
        from prepbot.export.shapes import interview_from_report

        return interview_from_report
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


FORMATS = ("md", "html", "json", "txt")
EXTENSIONS = {"md": ".md", "html": ".html", "json": ".json", "txt": ".txt"}

__all__ = ["interview_from_report", "render_checklist", "render_report", "write_export", "resolve_target"]


class ExportError(PrepbotError):
    """A one-line reason an export could not be written."""


# --------------------------------------------------------------------------- templates

# Characters that could start emphasis, code, a link, HTML or a table cell anywhere in a line.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_inline(text: object) -> str:
    """Markdown-escape user text so it reads the same and cannot break a list or a table."""
    flat = " ".join(str(text).split())
    escaped = _MD_SPECIAL.sub(r"\\\1", flat)
    # At the start of a line, "-", "+", "#" or "1." would begin a list or a heading: escape them too.
    if escaped[:1] in ("-", "+", "#"):
        escaped = "\\" + escaped
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", escaped)


def md_block(text: object, indent: int = 0) -> str:
    """Like md_inline, keeping line breaks as Markdown hard breaks, indented under a list item."""
    lines = [md_inline(line) for line in str(text).splitlines() if line.strip()]
    pad = " " * indent
    return ("  \n" + pad).join(lines)


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=FileSystemLoader(str(locations.templates_dir())),
        autoescape=select_autoescape(enabled_extensions=("html.j2", "html"), default_for_string=False),
        undefined=StrictUndefined,  # a misspelt variable fails loudly instead of printing nothing
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["md"] = md_inline
    environment.filters["md_block"] = md_block
    environment.filters["minutes"] = lambda m: f"{m:g} min"
    return environment


def _render(template: str, **context) -> str:
    # Files keep the user's text but never a raw escape sequence or control character.
    return safe(_environment().get_template(template).render(version=__version__, **context))


# --------------------------------------------------------------------------- the prep checklist


@dataclass(frozen=True)
class ChecklistGroup:
    id: str
    title: str
    questions: tuple[Question, ...]

    @property
    def minutes(self) -> float:
        return sum(q.minutes for q in self.questions)


def _groups(bank: Bank, questions: list[Question]) -> list[ChecklistGroup]:
    order: dict[str, list[Question]] = {}
    for question in questions:
        order.setdefault(question.category, []).append(question)
    return [
        ChecklistGroup(cid, bank.categories[cid].title if cid in bank.categories else cid, tuple(qs)) for cid, qs in order.items()
    ]


def render_checklist(bank: Bank, plan: Plan, company: str, role: str, fmt: str, note: str = "") -> str:
    """The prep checklist; `note` says how the plan was made when the user did not say (a default)."""
    groups = _groups(bank, list(plan.questions))
    if fmt == "json":
        from prepbot.export.shapes import checklist_as_dict

        data = checklist_as_dict(bank, plan, company, role, groups)
        if note:
            data["note"] = note
        return json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
    return _render(f"checklist.{fmt}.j2", company=company, role=role, plan=plan, groups=groups, note=note)


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class ReportItem:
    number: int
    question: Question | None
    question_id: str
    answer: Answer


def render_report(
    bank: Bank, matcher: Matcher, interview: Interview, fmt: str, model: str = "auto", preferences: Preferences = NORMAL
) -> str:
    from prepbot.export.shapes import report_as_dict
    from prepbot.interview import Answer
    from prepbot.summary import summarize

    summary = summarize(interview, bank, matcher, model, preferences)
    questions = {q.id: q for q in interview.questions(bank)}
    items = [
        ReportItem(n, questions.get(qid), qid, interview.answers.get(qid) or Answer(qid))
        for n, qid in enumerate(interview.question_ids, 1)
    ]
    numbers = {item.question_id: item.number for item in items}
    where = Where(numbers, {s.id: s.label for s in interview.sources})
    if fmt == "json":
        return json_safe(json.dumps(report_as_dict(interview, summary, items, where), indent=2, ensure_ascii=False)) + "\n"
    return _render(
        f"report.{fmt}.j2",
        interview=interview,
        summary=summary,
        items=items,
        numbers=numbers,
        bank=bank,
        where=where,
        unknown=", ".join(bank.flags[f].title if f in bank.flags else f for f in summary.verdict.unknown),
    )


@dataclass(frozen=True)
class Where:
    """Where a flag was heard, as a reader says it: "Q3, Q5, from: review.txt"."""

    numbers: dict[str, int]
    sources: dict[str, str]

    def __call__(self, finding) -> str:
        places = [f"Q{self.numbers[q]}" for q in finding.questions if q in self.numbers]
        if not finding.heard and finding.question_id in self.numbers:
            places.append(f"Q{self.numbers[finding.question_id]}")
        places += [f"from: {self.sources[s]}" for s in finding.source_ids if s in self.sources]
        return ", ".join(places)


# --------------------------------------------------------------------------- files

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def slug(text: str, limit: int = 60) -> str:
    """A file-name-safe slug: ASCII letters, digits and dashes, never a reserved device name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")
    if not cleaned:
        return "interview"
    if cleaned.split("-")[0] in _RESERVED:
        cleaned = f"company-{cleaned}"
    return cleaned


def default_filename(company: str, kind: str, fmt: str) -> str:
    return f"{slug(company)}-{kind}{EXTENSIONS[fmt]}"


MAX_NAME_BYTES = 255  # what common file systems allow for one name


def resolve_target(output: str | Path, company: str, kind: str, fmt: str) -> Path:
    """`output` as given, or a safe default file name inside it when it is a folder. A name that
    ends with a slash is a folder: created when it does not exist yet (its parent must). Raises
    ExportError for a name no file system takes."""
    text = os.fspath(output)
    path = Path(text).expanduser()
    for part in path.parts:
        if len(os.fsencode(part)) > MAX_NAME_BYTES:
            raise ExportError(f"cannot write {path}: a name in it is longer than {MAX_NAME_BYTES} bytes")
    if text.endswith(("/", os.sep)) and not path.exists():
        try:
            path.mkdir()
        except FileNotFoundError:
            raise ExportError(f"cannot create the folder {path}: its parent folder does not exist") from None
        except OSError as exc:
            raise ExportError(f"cannot create the folder {path}: {exc.strerror or exc}") from None
    if path.is_dir():
        return path / default_filename(company, kind, fmt)
    return path


# Temporary files are `.{target name}.prepbot-XXXXXXXX.tmp` (8 hex digits) beside the target. One
# left behind by a killed prepbot is removed by the next export of the same target once it is
# older than STALE_TEMPORARY_SECONDS. (Earlier versions used mkstemp's `.{name}.XXXXXXXX.tmp`;
# those are not removed: a user's own `.{name}.backup12.tmp` would look the same.)
TEMPORARY_TAG = ".prepbot-"
STALE_TEMPORARY_SECONDS = 120


def _temporary_stem(name: str) -> str:
    """The target's name in its temporaries' names; a long name (the temporary would pass 255
    bytes) is replaced by a digest of it, so a 255-byte name can still be written atomically."""
    if len(os.fsencode(name)) <= MAX_NAME_BYTES - 24:
        return name
    import hashlib

    return "long-" + hashlib.sha256(os.fsencode(name)).hexdigest()[:24]


def temporary_pattern(name: str) -> re.Pattern[str]:
    """The names prepbot gives its temporary files for the target file `name`."""
    return re.compile(rf"\.{re.escape(_temporary_stem(name))}{re.escape(TEMPORARY_TAG)}[0-9a-f]{{8}}\.tmp")


def remove_stale_temporaries(path: Path, max_age: float = STALE_TEMPORARY_SECONDS) -> list[Path]:
    """Remove prepbot's own temporaries for `path` older than `max_age` seconds; returns them.

    Only regular files named by `temporary_pattern(path.name)` are touched, never a symlink,
    a folder or anyone else's file; a younger one may belong to an export still being written.
    """
    folder = path.parent if str(path.parent) else Path(".")
    pattern = temporary_pattern(path.name)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > max_age:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def _create_temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new, exclusive temporary file beside the target, created with mode 0666 so that the
    kernel applies the user's umask (and any default ACL): no umask is read or changed, which
    would be racy with threads."""
    from secrets import token_hex  # (imports random: not on analyze's path)

    for _ in range(100):
        candidate = folder / f".{_temporary_stem(name)}{TEMPORARY_TAG}{token_hex(4)}.tmp"
        try:
            return os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), candidate
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def write_export(path: Path, text: str, force: bool = False) -> Path:
    """Write atomically (temporary file in the same folder, then rename). Raises ExportError.

    The file gets the permissions the user's umask gives (0644 with umask 022, 0600 with 077).
    Stale temporaries of earlier, killed writes of the same target are removed first.
    """
    if path.exists() and not force:
        raise ExportError(f"{path} already exists; use --force to overwrite it")
    if path.is_dir():
        raise ExportError(f"{path} is a folder")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: the folder {folder} does not exist")
    # A lone surrogate (e.g. from an undecodable command-line byte) cannot be UTF-8: it becomes "?".
    data = text.encode("utf-8", errors="replace")
    remove_stale_temporaries(path)
    try:
        handle, temporary = _create_temporary(folder, path.name)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as exc:  # an error or an interrupt: never leave the temporary behind
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise
    return path


# --------------------------------------------------------------------------- the comparison


def comparison_name(companies) -> str:
    """The `company` part of a comparison's default file name: `acme-vs-globex` (each one safe)."""
    return "-vs-".join(slug(company, 24) for company in companies)


def _cells(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else (0 if unicodedata.combining(char) else 1)


def _fit(text: object, width: int) -> str:
    """One line of user text, cut (with "…") and padded to `width` terminal cells, the last one
    always blank (wide characters count 2; control characters as the escapes they are shown as)."""
    flat = safe(" ".join(str(text).split()), keep_layout=False)
    total = sum(_cells(char) for char in flat)
    if total <= width - 1:
        return flat + " " * (width - total)
    kept, used = [], 0
    for char in flat:
        if used + _cells(char) > width - 2:
            break
        kept.append(char)
        used += _cells(char)
    return "".join(kept) + "…" + " " * (width - used - 1)


COMPARISON_CELL = 16  # terminal cells per interview in the text comparison's table, at least


def comparison_cell(companies, width: int | None) -> int:
    """Cells per interview in the text table: 16, or on a wider terminal (`width` columns) as many
    as the longest "[n] company" needs, so that names are cut only when they must be."""
    if not width:
        return COMPARISON_CELL
    needed = max(
        (sum(_cells(c) for c in f"[{n}] {safe(' '.join(str(name).split()))}") + 2 for n, name in enumerate(companies, 1)),
        default=0,
    )
    room = (width - 34 - 1) // max(len(companies), 1)
    return max(COMPARISON_CELL, min(needed, room))


def render_comparison(bank: Bank, comparison, fmt: str, width: int | None = None) -> str:
    """Interviews side by side (a `prepbot.compare.Comparison`) as md, html, txt (or "text") or json.
    `width`: the terminal's columns, for the text table (None: a fixed width, as in a file)."""
    from prepbot.compare import LABELS
    from prepbot.export.shapes import comparison_as_dict

    fmt = "txt" if fmt == "text" else fmt
    if fmt == "json":
        return json.dumps(comparison_as_dict(comparison), indent=2, ensure_ascii=False) + "\n"
    groups = [
        (kind, heading, [row for row in comparison.rows if row.kind == kind])
        for kind, heading in (("red", "Red flags"), ("green", "Green flags"))
    ]

    def title(flag_id: str) -> str:
        return bank.flags[flag_id].title if flag_id in bank.flags else flag_id

    text = _render(
        f"comparison.{fmt}.j2",
        comparison=comparison,
        columns=comparison.columns,
        groups=groups,
        labels=LABELS,
        title=title,
        fit=_fit,
        cell_width=comparison_cell(comparison.companies, width),
        flat=lambda text: " ".join(str(text).split()),
        unknown={c.id: c.summary.verdict.unknown for c in comparison.columns},
    )
    if fmt == "html":
        return text
    # Padded columns leave blanks at the ends of lines; no line of these formats needs them.
    return "\n".join(line.rstrip() for line in text.split("\n"))

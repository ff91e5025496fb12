"""The side panel: flags heard in the note being typed, and everything heard so far (a list to
select a flag from and correct it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from prepbot.matching import Match
from prepbot.tui.text import one_line

# Meaning is never carried by colour alone: each flag also has a word and a symbol.
MARKERS = {"red": ("✗ RED", "bold $error"), "green": ("✓ GREEN", "bold $success")}
CORRECTION_KEYS = "Enter why · C confirm · D dismiss · U undo · A add"


def describe(matches: list[Match], limit: int = 6) -> Content:
    if not matches:
        return Content("nothing yet")
    parts: list = []
    for match in matches[:limit]:
        label, style = MARKERS[match.kind]
        quote = one_line(match.evidence[0].text, 40) if match.evidence else ""
        parts.extend([(label, style), " ", (match.flag.title, "bold"), "\n", (f"  “{quote}”", "italic"), "\n"])
    if len(matches) > limit:
        parts.append(f"…and {len(matches) - limit} more\n")
    return Content.assemble(*parts)


def finding_line(finding, question_numbers: dict[str, int]) -> Content:
    """One flag heard so far: ✗ RED / ✓ GREEN, its title (struck through and the word "dismissed"
    when the candidate dismissed it), where it was heard and the candidate's word on it."""
    label, style = MARKERS[finding.kind]
    places = [f"Q{question_numbers[q]}" for q in finding.questions if q in question_numbers]
    if finding.source_ids:
        places.append("read")
    if not finding.heard and finding.question_id in question_numbers:
        places.append(f"Q{question_numbers[finding.question_id]}")
    where = f" ({', '.join(places)})" if places else ""
    status = "" if finding.status == "detected" else f" [{finding.status}]"
    if finding.status == "conflicting":  # its opposite was heard too: open until the candidate confirms one
        return Content.assemble(
            (label, style), " ", (finding.flag.title, "italic"), (where, "dim"), (" [⚠ conflicting: confirm one]", "bold yellow")
        )
    title_style = "strike" if not finding.counts else ""
    return Content.assemble((label, style), " ", (finding.flag.title, title_style), (f"{where}{status}", "dim"))


class FindingList(OptionList):
    """Every flag heard so far, one option each (id = flag id). Its keys post `Correct`: the screen
    does the corrections (frogmouth's `Goto` pattern), the list knows no screen."""

    @dataclass
    class Correct(Message):
        """The candidate asks for a correction of the selected flag."""

        action: Literal["confirm", "dismiss", "undo", "add", "why"]
        flag_id: str | None

    BINDINGS = [
        Binding("c", "correct('confirm')", "Confirm"),
        Binding("d", "correct('dismiss')", "Dismiss"),
        Binding("u", "correct('undo')", "Undo", show=False),
        Binding("a", "correct('add')", "Add flag"),
        Binding("w", "correct('why')", "Why", show=False),
    ]

    def action_correct(self, action: Literal["confirm", "dismiss", "undo", "add", "why"]) -> None:
        self.post_message(self.Correct(action, self.selected_flag()))

    def show(self, findings, question_numbers: dict[str, int]) -> None:
        highlighted = self.selected_flag()
        self.clear_options()
        if not findings:
            self.add_option(Option(Content("nothing yet"), disabled=True))
            return
        self.add_options([Option(finding_line(f, question_numbers), id=f.id) for f in findings])
        ids = [f.id for f in findings]
        self.highlighted = ids.index(highlighted) if highlighted in ids else 0

    def selected_flag(self) -> str | None:
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def lines(self) -> str:
        """The plain text of every option (tests and screen readers)."""
        return "\n".join(str(self.get_option_at_index(i).prompt) for i in range(self.option_count))


class FlagPanel(Vertical):
    DEFAULT_CSS = """
    FlagPanel { height: 1fr; }
    FlagPanel .panel-title { text-style: bold; }
    FlagPanel #live-flags { height: auto; max-height: 8; }
    FlagPanel FindingList { height: 1fr; border: none; padding: 0; }
    FlagPanel FindingList:focus { background-tint: $foreground 5%; }
    """

    def compose(self):
        yield Static("Heard in this note", classes="panel-title")
        yield Static(Content("nothing yet"), id="live-flags")
        yield Static(Content.assemble("Heard so far ", ("(Ctrl+F: correct)", "dim")), classes="panel-title", id="all-title")
        yield FindingList(id="all-flags")

    def show_live(self, matches: list[Match]) -> None:
        self.query_one("#live-flags", Static).update(describe(matches))

    def show_all(self, findings, question_numbers: dict[str, int]) -> None:
        """Every flag heard so far, once each, with the questions it was heard in."""
        self.query_one(FindingList).show(findings, question_numbers)

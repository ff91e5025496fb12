"""The side panel: flags heard in the note being typed, and everything heard so far."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from prepbot.matching import Match
from prepbot.tui.text import one_line

# Meaning is never carried by colour alone: each flag also has a word and a symbol.
MARKERS = {"red": ("✗ RED", "bold $error"), "green": ("✓ GREEN", "bold $success")}


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


class FlagPanel(VerticalScroll):
    DEFAULT_CSS = """
    FlagPanel { width: 30; border-left: solid $primary; padding: 0 1; }
    FlagPanel .panel-title { text-style: bold; margin-top: 1; }
    """

    def compose(self):
        yield Static("Heard in this note", classes="panel-title")
        yield Static(Content("nothing yet"), id="live-flags")
        yield Static("Heard so far", classes="panel-title")
        yield Static(Content("nothing yet"), id="all-flags")

    def show_live(self, matches: list[Match]) -> None:
        self.query_one("#live-flags", Static).update(describe(matches))

    def show_all(self, findings, question_numbers: dict[str, int]) -> None:
        """Every flag heard so far, once each, with the questions it was heard in."""
        if not findings:
            self.query_one("#all-flags", Static).update(Content("nothing yet"))
            return
        parts: list = []
        for finding in findings:
            label, style = MARKERS[finding.kind]
            places = [f"Q{question_numbers[q]}" for q in finding.questions if q in question_numbers]
            if finding.source_ids:
                places.append("read")
            if not finding.heard and finding.question_id in question_numbers:
                places.append(f"Q{question_numbers[finding.question_id]}")
            where = f" ({', '.join(places)})" if places else ""
            status = "" if finding.status == "detected" else f" [{finding.status}]"
            title_style = "strike" if not finding.counts else ""
            parts.extend([(label, style), " ", (finding.flag.title, title_style), (f"{where}{status}", "dim"), "\n"])
        self.query_one("#all-flags", Static).update(Content.assemble(*parts))

"""After the interview: red then green flags with evidence, what is left to ask, a verdict."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from prepbot.interview import Interview
from prepbot.service import Service
from prepbot.tui.text import one_line
from prepbot.tui.widgets.flag_panel import MARKERS


class SummaryScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "export", "Export"),
        Binding("f1,question_mark", "app.help", "Help"),
    ]

    def __init__(self, service: Service, interview: Interview):
        super().__init__()
        self.service = service
        self.interview = interview

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary"):
            yield Static(self.render_summary(), id="summary-body")
        yield Footer()

    def render_summary(self) -> Content:
        bank, interview = self.service.bank, self.interview
        summary = self.service.summary(interview)
        numbers = {q.id: i + 1 for i, q in enumerate(interview.questions(bank))}
        sources = {s.id: s.label for s in interview.sources}
        questions = {q.id: q for q in interview.questions(bank)}

        def where(finding) -> str:
            places = [f"Q{numbers[q]}" for q in finding.questions if q in numbers]
            if not finding.heard and finding.question_id in numbers:
                places.append(f"Q{numbers[finding.question_id]}")
            places += [f"from: {one_line(sources[s], 40)}" for s in finding.source_ids if s in sources]
            return ", ".join(places)

        verdict = summary.verdict
        parts: list = [
            (f"Summary: {one_line(interview.company, 50)}", "bold"),
            f"  {one_line(interview.role, 40)} · {one_line(interview.date, 12)}\n\n",
            ("Verdict: ", "bold"), verdict.label, f"  (score {verdict.score:+d})\n",
        ]
        for finding in verdict.reasons:
            if finding.counts:
                label, style = MARKERS[finding.kind]
                parts += [f"  {finding.weight:+d}  ", (label, style), " ", finding.flag.title,
                          (f"  {finding.flag.severity}, {finding.status}", "dim"),
                          (f", {where(finding)}" if where(finding) else "", "dim"), "\n"]
        if verdict.unknown:
            parts += [("  Not probed yet (unknown, not green): ", "dim"), (", ".join(bank.flags[f].title if f in bank.flags else f for f in verdict.unknown), "dim"), "\n"]
        groups = (("Red flags", summary.red), ("Green flags", summary.green), ("Dismissed by you", summary.dismissed))
        for heading, found in groups:
            if heading.startswith("Dismissed") and not found:
                continue
            parts += ["\n", (f"{heading} ({len(found)})", "bold underline"), "\n"]
            if not found:
                parts.append("  none heard\n")
            for item in found:
                label, style = MARKERS[item.kind]
                status = "" if item.status == "detected" else f" [{item.status}]"
                place = where(item)
                parts += ["  ", (label, style), " ", (item.flag.title, "bold" if item.counts else "strike"),
                          (f"  ({place})" if place else "", "dim"), (status, "dim"), "\n"]
                for heard in item.heard[:3]:
                    parts += ["      “", (one_line(heard.evidence.text, 200), "italic"), "”\n"]
                if len(item.heard) > 3:
                    parts += [(f"      …and {len(item.heard) - 3} more\n", "dim")]
                if item.reason:
                    parts += [("      your note: ", "dim"), one_line(item.reason, 200), "\n"]
                question = questions.get(item.question_id or "")
                if question:
                    parts += [("      asked: ", "dim"), (one_line(question.ask, 200), "dim"), "\n"]
        if summary.follow_ups:
            parts += ["\n", ("Follow up in the next round", "bold underline"), "\n"]
            parts += [item for text in summary.follow_ups for item in ("  • ", text, "\n")]
        parts += ["\n", (f"Not asked yet ({len(summary.unanswered)})", "bold underline"), "\n"]
        if not summary.unanswered:
            parts.append("  every planned question has an answer\n")
        parts += [item for q in summary.unanswered for item in (f"  Q{numbers[q.id]} ", q.ask, "\n")]
        if summary.skipped:
            parts += ["\n", (f"Skipped ({len(summary.skipped)})", "bold underline"), "\n"]
            parts += [item for q in summary.skipped for item in (f"  Q{numbers[q.id]} ", q.ask, "\n")]
        return Content.assemble(*parts)

    def action_export(self) -> None:
        self.app.export_interview(self.interview)

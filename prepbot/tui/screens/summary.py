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
        parts: list = [
            (f"Summary: {one_line(interview.company, 50)}", "bold"),
            f"  {one_line(interview.role, 40)} · {interview.date}\n\n",
            ("Verdict: ", "bold"), summary.verdict, f"  (score {summary.score:+d})\n",
        ]
        for kind, heading, found in (("red", "Red flags", summary.red), ("green", "Green flags", summary.green)):
            parts += ["\n", (f"{heading} ({len(found)})", "bold underline"), "\n"]
            if not found:
                parts.append("  none heard\n")
            label, style = MARKERS[kind]
            for item in found:
                question = bank.questions.get(item.question_id)
                parts += ["  ", (label, style), " ", (item.match.flag.title, "bold"),
                          (f"  (Q{numbers.get(item.question_id, '?')})", "dim"), "\n"]
                for evidence in item.match.evidence[:3]:
                    parts += ["      “", (one_line(evidence.text, 200), "italic"), "”\n"]
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

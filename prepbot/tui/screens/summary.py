"""After the interview: red then green flags with evidence, what is left to ask, a verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from prepbot.interview import Interview
from prepbot.service import Service, ServiceError
from prepbot.tui.palette import Entry, ScreenCommands
from prepbot.tui.screens import SCREENS_CSS
from prepbot.tui.screens.corrections import CorrectionActions, findings, question_numbers
from prepbot.tui.screens.dialogs import came_back, dismissal_history
from prepbot.tui.text import one_line
from prepbot.tui.widgets.flag_panel import CORRECTION_KEYS, MARKERS, FindingList

if TYPE_CHECKING:
    from prepbot.tui.app import PrepbotApp


class SourceList(OptionList):
    """What the candidate read; X removes one (asks first)."""

    BINDINGS = [Binding("x,delete", "screen.remove_source", "Remove source")]

    def lines(self) -> str:
        return "\n".join(str(self.get_option_at_index(i).prompt) for i in range(self.option_count))


class SummaryCommands(ScreenCommands):
    """The summary's actions in the command palette, listed as soon as it opens."""

    def entries(self) -> list[Entry]:
        screen = self.screen
        if not isinstance(screen, SummaryScreen):
            return []
        return [
            ("Export report", screen.action_export, "Markdown, HTML, JSON or text (E)"),
            ("Paste what I read", screen.action_import_source, "A review, an e-mail, a job ad (I)"),
            ("Add a flag prepbot missed", screen.action_add_flag, "Pick one of the 24 flags (A)"),
            ("Why was this flag read", screen.action_why_flag, "The selected flag's words, rule and context (Enter)"),
            ("Back to the chat", screen.app.pop_screen, "Esc"),
        ]


class SummaryScreen(CorrectionActions, Screen[None]):
    CSS_PATH = SCREENS_CSS  # (see screens/__init__.py)
    if TYPE_CHECKING:  # self.app typed as the PrepbotApp (the app imports the screens: no import back)
        app = getters.app(PrepbotApp)
    COMMANDS = {SummaryCommands}
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("e", "export", "Export"),
        Binding("i,f8", "import_source", "Paste read"),
        Binding("f1,question_mark", "app.help", "Help"),
        # The page scrolls, whichever list has focus: the verdict at the top is always in reach.
        Binding("home", "scroll_page('home')", "Top", show=False, priority=True),
        Binding("end", "scroll_page('end')", "Bottom", show=False, priority=True),
        Binding("pageup", "scroll_page('up')", "Page up", show=False, priority=True),
        Binding("pagedown", "scroll_page('down')", "Page down", show=False, priority=True),
        Binding("up", "up_or_scroll", "Up", show=False, priority=True),
    ]

    def __init__(self, service: Service, interview: Interview):
        super().__init__()
        self.service = service
        self.interview = interview

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary"):
            yield Static(self.render_head(), id="summary-head")
            yield Static(Content.assemble(("Correct a flag", "bold underline"), "  ", (CORRECTION_KEYS, "dim")))
            yield FindingList(id="summary-flags")
            yield Static(self.render_summary(), id="summary-body")
            yield Static(
                Content.assemble(
                    ("What you read", "bold underline"), "  ", ("I or F8 pastes one · X removes the selected one", "dim")
                )
            )
            yield SourceList(id="sources")
        yield Footer()

    def on_mount(self) -> None:
        self.show_lists()
        self.query_one(FindingList).focus(scroll_visible=False)  # the verdict first, at any size
        self.call_after_refresh(self.query_one("#summary", VerticalScroll).scroll_home, animate=False)

    def action_scroll_page(self, where: str) -> None:
        page = self.query_one("#summary", VerticalScroll)
        if where == "home":
            page.scroll_home(animate=False)
        elif where == "end":
            page.scroll_end(animate=False)
        elif where == "up":
            page.scroll_page_up(animate=False)
        else:
            page.scroll_page_down(animate=False)

    def action_up_or_scroll(self) -> None:
        """↑ moves in the focused list; above its first entry, the page scrolls up (to the verdict)."""
        focused = self.focused
        if isinstance(focused, OptionList) and focused.highlighted:
            focused.action_cursor_up()
            return
        page = self.query_one("#summary", VerticalScroll)
        if isinstance(focused, FindingList):
            page.scroll_home(animate=False)
        else:
            page.scroll_up(animate=False)

    def show_lists(self) -> None:
        self.query_one(FindingList).show(findings(self), question_numbers(self))
        sources = self.query_one(SourceList)
        highlighted = sources.highlighted
        sources.clear_options()
        if not self.interview.sources:
            sources.add_option(Option(Content("none yet"), disabled=True))
            return
        sources.add_options(
            [
                Option(Content.assemble((one_line(s.label, 40), "bold"), "  ", (one_line(s.text, 60), "dim")), id=s.id)
                for s in self.interview.sources
            ]
        )
        sources.highlighted = min(highlighted or 0, len(self.interview.sources) - 1)

    # -- corrections (CorrectionActions)

    def finding_list(self) -> FindingList:
        return self.query_one(FindingList)

    def current_question_id(self) -> str | None:
        return None  # from the summary, an added flag belongs to the interview

    def after_correction(self) -> None:
        self.query_one("#summary-head", Static).update(self.render_head())
        self.query_one("#summary-body", Static).update(self.render_summary())
        self.show_lists()

    @on(OptionList.OptionSelected, "#summary-flags")
    def flag_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_why_flag()

    # -- sources

    def action_import_source(self) -> None:
        from prepbot.tui.screens.dialogs import ImportDialog, Pasted

        def done(result: Pasted | None) -> None:
            if result is None:
                return
            try:
                self.service.import_source(self.interview, result.label, result.text)
            except ServiceError as exc:
                self.notify(str(exc), title="Not imported", severity="error", markup=False)
                return
            self.after_correction()

        self.app.push_screen(ImportDialog(), done)

    def action_remove_source(self) -> None:
        from prepbot.tui.screens.confirm import ConfirmScreen

        sources = self.query_one(SourceList)
        if sources.highlighted is None or not self.interview.sources:
            return
        source = next((s for s in self.interview.sources if s.id == sources.get_option_at_index(sources.highlighted).id), None)
        if source is None:
            return
        source_id = source.id

        def done(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.service.remove_source(self.interview, source_id)
            except ServiceError as exc:
                self.notify(str(exc), title="Not removed", severity="error", markup=False)
                return
            self.after_correction()

        self.app.push_screen(
            ConfirmScreen(f"Remove “{one_line(source.label, 60)}” and the flags read in it?", yes="Remove"), done
        )

    def text(self) -> str:
        """The whole summary as plain text: head, flags, the rest (tests and screen readers)."""
        return "\n".join(str(self.query_one(f"#summary-{part}", Static).visual) for part in ("head", "body"))

    def render_head(self) -> Content:
        return self.render_summary(head=True)

    def render_summary(self, head: bool = False) -> Content:
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
            ("Verdict: ", "bold"),
            verdict.label,
            f"  (score {verdict.score:+d})\n",
        ]
        for finding in verdict.reasons:
            if finding.counts:
                label, style = MARKERS[finding.kind]
                parts += [
                    f"  {finding.weight:+d}  ",
                    (label, style),
                    " ",
                    finding.flag.title,
                    (f"  {finding.flag.severity}, {finding.status}", "dim"),
                    (f", {where(finding)}" if where(finding) else "", "dim"),
                    "\n",
                ]
        if verdict.unknown:
            parts += [
                ("  Not probed yet (unknown, not green): ", "dim"),
                (", ".join(bank.flags[f].title if f in bank.flags else f for f in verdict.unknown), "dim"),
                "\n",
            ]
        if head:
            return Content.assemble(*parts)
        parts = []
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
                parts += [
                    "  ",
                    (label, style),
                    " ",
                    (item.flag.title, "bold" if item.counts else "strike"),
                    (f"  ({place})" if place else "", "dim"),
                    (status, "dim"),
                    "\n",
                ]
                dismissal = came_back(item, interview)
                # A flag back after a dismissal: the new words, the old ones in its history below.
                shown = [h for h in item.heard if h.evidence.text not in dismissal.evidence] if dismissal else item.heard
                for heard in shown[:3]:
                    parts += ["      “", (one_line(heard.evidence.text, 200), "italic"), "”\n"]
                if len(shown) > 3:
                    parts += [(f"      …and {len(shown) - 3} more\n", "dim")]
                if dismissal is not None:
                    parts += ["      ", *dismissal_history(dismissal), "\n"]
                elif item.reason:
                    parts += [("      your note: ", "dim"), one_line(item.reason, 200), "\n"]
                question = questions.get(item.question_id or "")
                if question:
                    parts += [("      asked: ", "dim"), (one_line(question.ask, 200), "dim"), "\n"]
        if summary.conflicts:
            parts += ["\n", (f"Conflicting: heard both ways, counted neither way ({len(summary.conflicts)})", "bold underline")]
            parts += ["\n", ("  Confirm the side that is true (press Enter on it in the list above).", "dim"), "\n"]
            for conflict in summary.conflicts:
                parts += [
                    "  ",
                    ("⚠ CONFLICT", "bold yellow"),
                    " ",
                    conflict.red.flag.title,
                    " / ",
                    conflict.green.flag.title,
                    "\n",
                ]
                for finding, quotes in zip((conflict.red, conflict.green), conflict.quotes, strict=True):
                    label, style = MARKERS[finding.kind]
                    for text in quotes[:2]:
                        parts += ["      ", (label, style), " “", (one_line(text, 200), "italic"), "”"]
                        parts += [(f"  ({where(finding)})" if where(finding) else "", "dim"), "\n"]
                parts += [("      settle it: ", "dim"), one_line(conflict.ask, 200), "\n"]
        if summary.follow_ups:
            parts += ["\n", ("Follow up in the next round", "bold underline"), "\n"]
            parts += [item for text in summary.follow_ups for item in ("  • ", text, "\n")]
        parts += ["\n", (f"Not asked yet ({len(summary.unanswered)})", "bold underline"), "\n"]
        if not summary.unanswered:
            parts.append("  every planned question has an answer\n")
        parts += [item for q in summary.unanswered for item in (f"  Q{numbers[q.id]} ", q.ask, "\n")]
        if interview.general_note.strip():
            parts += ["\n", ("General note", "bold underline"), "\n", interview.general_note.strip(), "\n"]
        if summary.skipped:
            parts += ["\n", (f"Skipped ({len(summary.skipped)})", "bold underline"), "\n"]
            parts += [item for q in summary.skipped for item in (f"  Q{numbers[q.id]} ", q.ask, "\n")]
        return Content.assemble(*parts)

    def action_export(self) -> None:
        self.app.export_interview(self.interview)

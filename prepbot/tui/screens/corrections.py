"""The candidate has the last word on every flag: confirm, dismiss (with a reason), undo, add one
prepbot missed, and see why a flag was read. Shared by the chat and the summary screens, which
provide `service`, `interview`, `finding_list()`, `current_question_id()` and `after_correction()`."""

from __future__ import annotations

from prepbot.interview import Finding
from prepbot.service import ServiceError
from prepbot.tui.screens.dialogs import AddedFlag, AddFlagDialog, ReasonDialog, WhyDialog, came_back, explain
from prepbot.tui.text import one_line


class CorrectionActions:
    def findings(self) -> tuple[Finding, ...]:
        return self.service.summary(self.interview, model="cached").findings

    def selected_finding(self) -> Finding | None:
        flag_id = self.finding_list().selected_flag()
        finding = next((f for f in self.findings() if f.id == flag_id), None)
        if finding is None:
            self.notify("Select a flag first: Ctrl+F goes to the list of flags heard.", title="No flag selected")
        return finding

    def question_numbers(self) -> dict[str, int]:
        return {q.id: i + 1 for i, q in enumerate(self.interview.questions(self.service.bank))}

    def correct(self, flag_id: str, status: str, reason: str = "", question_id: str | None = None) -> None:
        try:
            self.service.correct(self.interview, flag_id, status, reason, question_id)
        except ServiceError as exc:
            self.notify(str(exc), title="Not changed", severity="error", markup=False)
            return
        self.after_correction()

    def action_confirm_flag(self) -> None:
        finding = self.selected_finding()
        if finding is not None:
            self.correct(finding.id, "confirmed")
            self.notify(f"Confirmed: {finding.flag.title}", markup=False)

    def action_dismiss_flag(self) -> None:
        finding = self.selected_finding()
        if finding is None:
            return

        def done(reason: str | None) -> None:
            if reason is not None:
                self.correct(finding.id, "dismissed", reason)
                self.notify(
                    f"Dismissed: {finding.flag.title}. It stays listed, struck through, and counts for nothing.", markup=False
                )

        self.app.push_screen(ReasonDialog(finding.flag.title), done)

    def action_undo_flag(self) -> None:
        finding = self.selected_finding()
        if finding is not None:
            self.correct(finding.id, "undo")
            self.notify(f"Back to prepbot's reading: {finding.flag.title}", markup=False)

    def action_add_flag(self) -> None:
        questions = [(f"Q{n}. {q.ask}", q.id) for n, q in enumerate(self.interview.questions(self.service.bank), 1)]

        def done(added: AddedFlag | None) -> None:
            if added is None:
                return
            self.correct(added.flag_id, "added", added.reason, added.question_id)
            self.notify(f"Added: {one_line(self.service.bank.flags[added.flag_id].title, 60)}", markup=False)

        self.app.push_screen(AddFlagDialog(self.service.bank, questions, self.current_question_id()), done)

    def action_why_flag(self) -> None:
        finding = self.selected_finding()
        if finding is not None:
            sources = {s.id: s.label for s in self.interview.sources}
            dismissal = came_back(finding, self.interview)
            self.app.push_screen(WhyDialog(explain(finding, self.question_numbers(), sources, dismissal)))

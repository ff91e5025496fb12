"""The candidate has the last word on every flag: confirm, dismiss (with a reason), undo, add one
prepbot missed, and see why a flag was read. Shared by the chat and the summary screens, which
provide `service`, `interview`, `finding_list()`, `current_question_id()` and `after_correction()`."""

from __future__ import annotations

from prepbot.errors import ConflictError, ServiceError
from prepbot.interview import Finding
from prepbot.tui.screens.dialogs import AddFlagDialog, ReasonDialog, WhyDialog, explain
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
        self.write_correction(lambda: self.service.correct(self.interview, flag_id, status, reason, question_id))

    def write_correction(self, write) -> None:
        try:
            write()
        except ConflictError as exc:  # changed in another window: the copy was reloaded, show it
            self.notify(str(exc), title="Not changed", severity="warning", markup=False)
            self.after_correction()
            return
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
            self.write_correction(lambda: self.service.undo_correction(self.interview, finding.id))
            self.notify(f"Back to prepbot's reading: {finding.flag.title}", markup=False)

    def action_add_flag(self) -> None:
        question_id = self.current_question_id()
        label = None
        if question_id is not None:
            label = f"Q{self.question_numbers()[question_id]}"

        def done(result) -> None:
            if result is None:
                return
            flag_id, for_question, reason = result
            self.correct(flag_id, "added", reason, question_id if for_question else None)
            self.notify(f"Added: {one_line(self.service.bank.flags[flag_id].title, 60)}", markup=False)

        self.app.push_screen(AddFlagDialog(self.service.bank, label), done)

    def action_why_flag(self) -> None:
        finding = self.selected_finding()
        if finding is not None:
            sources = {s.id: s.label for s in self.interview.sources}
            self.app.push_screen(WhyDialog(explain(finding, self.question_numbers(), sources)))

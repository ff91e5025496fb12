"""The candidate has the last word on every flag: confirm, dismiss (with a reason), undo, add one
prepbot missed, and see why a flag was read. Shared by the chat and the summary screens; what
they must provide is the `CorrectionHost` protocol (prepbot.tui.typed). The list of flags asks
for a correction with a `FindingList.Correct` message, handled here."""

from __future__ import annotations

from collections.abc import Callable

from prepbot.errors import ConflictError, ServiceError
from prepbot.summary import Finding
from prepbot.tui.screens.dialogs import AddedFlag, AddFlagDialog, ReasonDialog, WhyDialog, came_back, explain
from prepbot.tui.text import one_line
from prepbot.tui.typed import CorrectionHost
from prepbot.tui.widgets.flag_panel import FindingList


def findings(host: CorrectionHost) -> tuple[Finding, ...]:
    return host.service.summary(host.interview, model="cached").findings


def selected_finding(host: CorrectionHost) -> Finding | None:
    flag_id = host.finding_list().selected_flag()
    finding = next((f for f in findings(host) if f.id == flag_id), None)
    if finding is None:
        host.notify("Select a flag first: Ctrl+F goes to the list of flags heard.", title="No flag selected")
    return finding


def question_numbers(host: CorrectionHost) -> dict[str, int]:
    return {q.id: i + 1 for i, q in enumerate(host.interview.questions(host.service.bank))}


def correct(host: CorrectionHost, flag_id: str, status: str, reason: str = "", question_id: str | None = None) -> None:
    write_correction(host, lambda: host.service.correct(host.interview, flag_id, status, reason, question_id))


def write_correction(host: CorrectionHost, write: Callable[[], object]) -> None:
    try:
        write()
    except ConflictError as exc:  # changed in another window: the copy was reloaded, show it
        host.notify(str(exc), title="Not changed", severity="warning", markup=False)
        host.after_correction()
        return
    except ServiceError as exc:
        host.notify(str(exc), title="Not changed", severity="error", markup=False)
        return
    host.after_correction()


class CorrectionActions:
    """Mixed into a Screen that is a `CorrectionHost`."""

    def on_finding_list_correct(self: CorrectionHost, message: FindingList.Correct) -> None:
        message.stop()
        actions = {
            "confirm": CorrectionActions.action_confirm_flag,
            "dismiss": CorrectionActions.action_dismiss_flag,
            "undo": CorrectionActions.action_undo_flag,
            "add": CorrectionActions.action_add_flag,
            "why": CorrectionActions.action_why_flag,
        }
        actions[message.action](self)

    def action_confirm_flag(self: CorrectionHost) -> None:
        finding = selected_finding(self)
        if finding is not None:
            correct(self, finding.id, "confirmed")
            self.notify(f"Confirmed: {finding.flag.title}", markup=False)

    def action_dismiss_flag(self: CorrectionHost) -> None:
        finding = selected_finding(self)
        if finding is None:
            return
        found = finding

        def done(reason: str | None) -> None:
            if reason is not None:
                correct(self, found.id, "dismissed", reason)
                self.notify(
                    f"Dismissed: {found.flag.title}. It stays listed, struck through, and counts for nothing.", markup=False
                )

        self.app.push_screen(ReasonDialog(finding.flag.title), done)

    def action_undo_flag(self: CorrectionHost) -> None:
        finding = selected_finding(self)
        if finding is not None:
            write_correction(self, lambda: self.service.undo_correction(self.interview, finding.id))
            self.notify(f"Back to prepbot's reading: {finding.flag.title}", markup=False)

    def action_add_flag(self: CorrectionHost) -> None:
        questions = [(f"Q{n}. {q.ask}", q.id) for n, q in enumerate(self.interview.questions(self.service.bank), 1)]

        def done(added: AddedFlag | None) -> None:
            if added is None:
                return
            correct(self, added.flag_id, "added", added.reason, added.question_id)
            self.notify(f"Added: {one_line(self.service.bank.flags[added.flag_id].title, 60)}", markup=False)

        self.app.push_screen(AddFlagDialog(self.service.bank, questions, self.current_question_id()), done)

    def action_why_flag(self: CorrectionHost) -> None:
        finding = selected_finding(self)
        if finding is not None:
            sources = {s.id: s.label for s in self.interview.sources}
            dismissal = came_back(finding, self.interview)
            self.app.push_screen(WhyDialog(explain(finding, question_numbers(self), sources, dismissal)))

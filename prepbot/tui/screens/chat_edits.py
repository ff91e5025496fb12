"""The chat's edits through a dialog: the candidate's own question, the interview's details, a
general note, something read. Each opens its dialog and hands the typed result to the service;
kept apart so that chat.py stays about the conversation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepbot.service import ServiceError
from prepbot.tui.text import one_line

if TYPE_CHECKING:
    from prepbot.tui.screens.chat import ChatScreen


def add_question(chat: ChatScreen) -> None:
    from prepbot.tui.screens.dialogs import OwnQuestion, OwnQuestionDialog

    def done(result: OwnQuestion | None) -> None:
        if result is None:
            return
        ask, bank_path = result.ask, result.bank_path
        if not chat.plan_change(chat.conversation.add_question, ask):
            return
        chat.replan(chat.interview.current + 1)
        message = f"Added as Q{chat.interview.current + 2}."
        if bank_path:
            from prepbot.own_bank import OwnBankError, append_own_question

            try:
                append_own_question(bank_path, ask)
                chat.app.own_bank_path = bank_path
                message += f" Also saved to {bank_path} (use it with --bank)."
            except OwnBankError as exc:
                chat.notify(str(exc), title="Not saved to your bank file", severity="error", markup=False)
        chat.notify(message, title="Your question", markup=False)

    chat.app.push_screen(OwnQuestionDialog(chat.app.own_bank_path), done)


def edit_details(chat: ChatScreen) -> None:
    from prepbot.tui.screens.dialogs import Details, DetailsDialog

    def done(details: Details | None) -> None:
        if details is None:
            return
        current_id = chat.current_question.id if chat.questions else None
        chat.save_now()
        try:
            chat.service.update_details(
                chat.interview,
                replan=True,
                categories=chat.interview.categories,
                company=details.company,
                role=details.role,
                date=details.date,
                persona=details.persona,
                minutes=details.minutes,
            )
        except ServiceError as exc:
            chat.notify(str(exc), title="Details not changed", severity="error", markup=False)
            return
        if chat.questions and chat.current_question.id != current_id:
            chat.post_question(chat.interview.current, chat.current_question)
            chat.load_note()
        chat.refresh_panels()
        chat.notify(f"Saved. The plan has {len(chat.questions)} questions; every note is kept.", title="Details")

    chat.app.push_screen(DetailsDialog(chat.interview), done)


def general_note(chat: ChatScreen) -> None:
    from prepbot.tui.screens.dialogs import NoteDialog

    def done(text: str | None) -> None:
        if text is None:
            return
        try:
            result = chat.conversation.set_general_note(text)
        except ServiceError as exc:
            chat.notify(str(exc), title="Note not saved", severity="error", markup=False)
            return
        chat.notify(result.message or "Saved the general note.", title="Note", markup=False)

    chat.reload_from_elsewhere()  # a note set from a shell meanwhile is the one to edit
    chat.app.push_screen(NoteDialog(chat.interview.general_note), done)


def import_source(chat: ChatScreen) -> None:
    from prepbot.tui.screens.dialogs import ImportDialog, Pasted

    def done(result: Pasted | None) -> None:
        if result is None:
            return
        try:
            source = chat.service.import_source(chat.interview, result.label, result.text)
        except ServiceError as exc:
            chat.notify(str(exc), title="Not imported", severity="error", markup=False)
            return
        chat.refresh_panels()
        chat.notify(f"Imported “{one_line(source.label, 40)}”: its flags are in the summary (F2).", markup=False)

    chat.app.push_screen(ImportDialog(), done)

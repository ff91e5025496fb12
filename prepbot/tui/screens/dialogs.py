"""Small modals of the chat and the summary: a reason, a flag prepbot missed, why a flag was read,
the candidate's own question, the interview's details, a general note, a pasted text.

Every one is a `Dialog[T]`: it returns what was typed as a T (a str or a frozen dataclass; None on
Esc) and leaves the domain to the screen's service call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from textual import getters
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from prepbot.bank import PERSONA_LABELS, Bank
from prepbot.bank import PERSONAS as BANK_PERSONAS
from prepbot.interview import Correction, Interview
from prepbot.summary import Finding, Heard
from prepbot.tui.screens import SCREENS_CSS
from prepbot.tui.text import one_line
from prepbot.tui.widgets.flag_panel import MARKERS

if TYPE_CHECKING:
    from prepbot.tui.app import PrepbotApp

T = TypeVar("T")

PERSONAS = [(PERSONA_LABELS[persona], persona) for persona in BANK_PERSONAS]


class TickBox(Checkbox):
    """A checkbox that reads [✓] or [ ]: checked and unchecked differ without colour."""

    @property
    def _button(self) -> Content:
        return Content.assemble("[", ("✓" if self.value else " ", self.get_visual_style("toggle--button")), "]")


class FormSelect(Select[str]):
    """A Select in a form: Enter moves on to the next field (Space or ↓ opens the list)."""

    BINDINGS = [Binding("enter", "app.focus_next", "Next field", show=False)]


# On the form's screen, with priority: focus moves when the Enter arrives, so keys typed right
# after it (one burst from the terminal) land in the next field, not in the select.
ENTER_ON_SELECT = Binding("enter", "enter_on_select", "Next field", show=False, priority=True)


def enter_on_select(screen: Screen) -> None:
    """Enter on a closed select: the next field. Anywhere else, Enter does what it does there."""
    if not isinstance(screen.focused, Select) or screen.focused.expanded:
        raise SkipAction()
    screen.focus_next()


class Dialog(ModalScreen[T | None], Generic[T]):
    """A modal with a title, fields, and OK / Cancel; Ctrl+S or the OK button accepts: `result()`
    is returned, or None on Cancel. Subclasses give `fields()` and `result()` (or `action_ok`)."""

    CSS_PATH = SCREENS_CSS  # (see screens/__init__.py)

    if TYPE_CHECKING:  # self.app typed as the PrepbotApp (the app imports the screens: no import back)
        app = getters.app(PrepbotApp)

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > .dialog { width: 72; max-width: 100%; height: auto; max-height: 100%; padding: 0 1;
                       border: thick $primary; background: $surface; }
    Dialog .dialog-title { text-style: bold; }
    Dialog .dialog-error { color: $error; height: auto; }
    Dialog .dialog-buttons { height: auto; margin-top: 1; }
    Dialog .dialog-buttons Button { margin-right: 2; }
    Dialog Label { margin-top: 1; }
    Dialog TextArea { height: 8; }
    Dialog Input { border: none; height: 1; padding: 0 1; background: $boost; }
    Dialog Input:focus { background: $primary 30%; border: none; }
    Dialog Checkbox { margin-top: 1; }
    Dialog.-short Label, Dialog.-short .dialog-buttons, Dialog.-short Checkbox { margin-top: 0; }
    Dialog.-short TextArea { height: 5; }
    """
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]  # under 24 rows: no gaps, so OK stays in reach
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "ok", "OK"), ENTER_ON_SELECT]
    AUTO_FOCUS = "Input, TextArea, OptionList"  # the first field, not the scrolling frame
    TITLE_TEXT = ""
    OK = "OK"

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(Content(self.TITLE_TEXT), classes="dialog-title")
            yield from self.fields()
            yield Static("", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.OK} (Ctrl+S)", variant="primary", id="ok", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def fields(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.app.apply_cursor_blink(self)

    def action_enter_on_select(self) -> None:
        enter_on_select(self)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_ok()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_ok()

    def show_error(self, message: str) -> None:
        self.query_one(".dialog-error", Static).update(Content(message))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_ok(self) -> None:
        self.dismiss(self.result())

    def result(self) -> T | None:
        raise NotImplementedError


class ReasonDialog(Dialog[str]):
    """Dismiss a flag: an optional reason."""

    OK = "Dismiss"

    def __init__(self, flag_title: str):
        super().__init__()
        self.TITLE_TEXT = f"Dismiss “{flag_title}”: prepbot read it wrong"

    def fields(self) -> ComposeResult:
        yield Label("Why? (optional)")
        yield Input(placeholder="e.g. they were talking about their old team", id="reason")

    def result(self) -> str:
        return self.query_one("#reason", Input).value


@dataclass(frozen=True)
class AddedFlag:
    """A flag prepbot missed: which, where it was heard (a question id; None: the whole interview), what was heard."""

    flag_id: str
    question_id: str | None
    reason: str


WHOLE_INTERVIEW = "__interview__"  # the Select's value for "the interview as a whole"


class AddFlagDialog(Dialog[AddedFlag]):
    """A flag prepbot missed: pick one of the catalogue, for any question of the plan or the interview."""

    DEFAULT_CSS = """
    AddFlagDialog #flag-choice { height: 10; border: none; padding: 0; }
    AddFlagDialog.-short #flag-choice { height: 6; }
    """
    OK = "Add"
    TITLE_TEXT = "Add a flag prepbot missed (↑/↓ to choose)"

    def __init__(self, bank: Bank, questions: list[tuple[str, str]], heard_in: str | None):
        """`questions`: (label, id) of every question of the plan; `heard_in`: the one offered first (None: the interview)."""
        super().__init__()
        self.bank = bank
        self.questions = questions
        self.heard_in = heard_in

    def fields(self) -> ComposeResult:
        flags = sorted(self.bank.flags.values(), key=lambda f: (f.kind != "red", f.title))
        options = [Option(Content.assemble((MARKERS[f.kind][0], MARKERS[f.kind][1]), " ", f.title), id=f.id) for f in flags]
        yield OptionList(*options, id="flag-choice")
        yield Label("Heard in")
        choices = [("the interview as a whole", WHOLE_INTERVIEW)] + [(one_line(label, 60), qid) for label, qid in self.questions]
        yield FormSelect(choices, value=self.heard_in or WHOLE_INTERVIEW, allow_blank=False, id="attach", compact=True)
        yield Label("What did you hear? (optional)")
        yield Input(id="flag-reason")

    def on_mount(self) -> None:
        super().on_mount()
        choice = self.query_one("#flag-choice", OptionList)
        choice.highlighted = 0
        choice.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#flag-reason", Input).focus()

    def action_ok(self) -> None:
        choice = self.query_one("#flag-choice", OptionList)
        if choice.highlighted is None:
            self.show_error("Choose a flag.")
            return
        flag_id = choice.get_option_at_index(choice.highlighted).id or ""
        attach = str(self.query_one("#attach", Select).value)
        question_id = None if attach == WHOLE_INTERVIEW else attach
        self.dismiss(AddedFlag(flag_id, question_id, self.query_one("#flag-reason", Input).value))


def came_back(finding: Finding, interview: Interview) -> Correction | None:
    """The candidate's dismissal of a flag that new words brought back (it counts again), or None.
    house: the domain could carry this on the Finding (its history)."""
    correction = interview.corrections.get(finding.id)
    if correction is None or correction.status != "dismissed" or not finding.counts:
        return None
    return correction


def newest_first(finding: Finding, dismissal: Correction | None) -> list[Heard]:
    """The evidence to show: after a dismissal that did not hold, the new words before the old ones."""
    if dismissal is None:
        return list(finding.heard)
    old = set(dismissal.evidence)
    return [h for h in finding.heard if h.evidence.text not in old] + [h for h in finding.heard if h.evidence.text in old]


def dismissal_history(dismissal: Correction) -> list:
    """Content parts: the old dismissal, shown as history (it no longer holds)."""
    words = "; ".join(f"“{one_line(text, 80)}”" for text in dismissal.evidence) or "earlier words"
    parts: list = [("Dismissed before by you, for ", "dim"), (words, "dim")]
    if dismissal.reason:
        parts += [("; your reason then: ", "dim"), (one_line(dismissal.reason, 200), "dim")]
    return parts + [(". New words brought it back.", "dim")]


def explain(finding: Finding, numbers: dict[str, int], sources: dict[str, str], dismissal: Correction | None = None) -> Content:
    """Why prepbot read a flag: each piece of evidence, where, by which rule, and what the context decided."""
    label, style = MARKERS[finding.kind]
    flag = finding.flag
    status = "dismissed by you (counts for nothing)" if not finding.counts else finding.status
    parts: list = [
        (label, style),
        " ",
        (flag.title, "bold" if finding.counts else "strike"),
        "\n",
        flag.explanation,
        "\n",
        ("Severity: ", "italic"),
        flag.severity,
        ("   Status: ", "italic"),
        status,
        ("   Score: ", "italic"),
        f"{finding.score:.2f}",
        "\n",
    ]
    if dismissal is not None:
        parts += [*dismissal_history(dismissal), "\n"]
    elif finding.reason:
        parts += [("Your note: ", "italic"), finding.reason, "\n"]
    if not finding.heard:
        parts += ["\n", "Added by you: no words of yours were read for it.", "\n"]
    for number, heard in enumerate(newest_first(finding, dismissal), 1):
        evidence = heard.evidence
        if heard.question_id in numbers:
            where = f"your note to Q{numbers[heard.question_id]}"
        elif heard.source_id in sources:
            where = f"what you read: {one_line(sources[heard.source_id], 40)}"
        else:
            where = "a note"
        parts += [
            "\n",
            (f"{number}. “", "bold"),
            (one_line(evidence.text, 300), "italic"),
            ("”", "bold"),
            "\n",
            ("   in: ", "dim"),
            where,
            "\n",
            ("   read by: ", "dim"),
            evidence.source or "a cue",
            "\n",
            ("   context: ", "dim"),
            evidence.context or "no context rule changed the reading",
            "\n",
        ]
    parts += ["\n", ("Ask next: ", "italic"), flag.follow_up]
    return Content.assemble(*parts)


class WhyDialog(ModalScreen[None]):
    """Why a flag was read: its evidence with the rule and the context decision."""

    CSS_PATH = SCREENS_CSS  # (see screens/__init__.py)

    DEFAULT_CSS = """
    WhyDialog { align: center middle; }
    #why { width: 84; max-width: 100%; height: auto; max-height: 90%; padding: 0 1; border: thick $primary;
           background: $surface; }
    WhyDialog .dialog-title { text-style: bold; }
    """
    BINDINGS = [Binding("escape,enter,w,q", "app.pop_screen", "Close")]

    def __init__(self, body: Content):
        super().__init__()
        self.body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="why"):
            yield Static(Content("Why prepbot read this flag"), classes="dialog-title")
            yield Static(self.body, id="why-body")
            yield Static(Content("Esc closes."), classes="dialog-title")


@dataclass(frozen=True)
class OwnQuestion:
    """The candidate's own question; `bank_path`: also save it to this bank file ("" : do not)."""

    ask: str
    bank_path: str


class OwnQuestionDialog(Dialog[OwnQuestion]):
    """A question of the candidate's own, optionally also saved to a bank file of theirs."""

    OK = "Add"
    TITLE_TEXT = "Add your own question (after the current one)"

    def __init__(self, bank_path: str = ""):
        super().__init__()
        self.bank_path = bank_path

    def fields(self) -> ComposeResult:
        yield Label("Your question")
        yield Input(placeholder="e.g. Do you ship on Fridays?", id="own-ask")
        yield TickBox("Also save it to my bank file", value=bool(self.bank_path), id="own-save")
        yield Input(self.bank_path or "my-questions.yaml", placeholder="path of a YAML bank file", id="own-path")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#own-ask", Input).focus()

    def result(self) -> OwnQuestion:
        path = self.query_one("#own-path", Input).value.strip() if self.query_one("#own-save", Checkbox).value else ""
        return OwnQuestion(self.query_one("#own-ask", Input).value, path)

    def action_ok(self) -> None:
        own = self.result()
        if not own.ask.strip():
            self.show_error("Type your question first.")
            return
        self.dismiss(own)


@dataclass(frozen=True)
class Details:
    """An interview's details as edited (`minutes` None: no time box)."""

    company: str
    role: str
    date: str
    persona: str
    minutes: float | None


class DetailsDialog(Dialog[Details]):
    """Company, role, date, persona and time box after creation; the plan is redone, notes kept."""

    OK = "Save"
    TITLE_TEXT = "Edit details (the plan is redone; every note is kept)"

    def __init__(self, interview: Interview):
        super().__init__()
        self.interview = interview

    def fields(self) -> ComposeResult:
        interview = self.interview
        yield Label("Company")
        yield Input(interview.company, id="d-company")
        yield Label("Role")
        yield Input(interview.role, id="d-role")
        yield Label("Date")
        yield Input(interview.date, placeholder="YYYY-MM-DD", id="d-date")
        yield Label("Talking to")
        yield FormSelect(PERSONAS, value=interview.persona or "engineer", allow_blank=False, id="d-persona", compact=True)
        yield Label("Minutes (empty: no limit)")
        minutes = "" if interview.minutes is None else f"{interview.minutes:g}"
        yield Input(minutes, id="d-minutes", type="number")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_ok(self) -> None:
        text = self.query_one("#d-minutes", Input).value.strip()
        try:
            minutes = float(text) if text else None
        except ValueError:
            self.show_error("Minutes must be a number, or empty for no limit.")
            return
        self.dismiss(
            Details(
                company=self.query_one("#d-company", Input).value,
                role=self.query_one("#d-role", Input).value,
                date=self.query_one("#d-date", Input).value.strip(),
                persona=str(self.query_one("#d-persona", Select).value),
                minutes=minutes,
            )
        )


class NoteDialog(Dialog[str]):
    """The interview's general note: anything not tied to one question."""

    OK = "Save"
    TITLE_TEXT = "General note for this interview"

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def fields(self) -> ComposeResult:
        yield TextArea(self.text, id="general-note", soft_wrap=True, tab_behavior="focus")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#general-note", TextArea).focus()

    def result(self) -> str:
        return self.query_one("#general-note", TextArea).text


@dataclass(frozen=True)
class Pasted:
    """Something the candidate read, pasted: a label and its text."""

    label: str
    text: str


class ImportDialog(Dialog[Pasted]):
    """Paste what they read (a review, an e-mail, a job ad): its flags join the summary."""

    OK = "Import"
    TITLE_TEXT = "Bring in what you read (a review, an e-mail, a job ad)"

    def fields(self) -> ComposeResult:
        yield Label("Label")
        yield Input(placeholder="e.g. Glassdoor review, March", id="source-label")
        yield Label("Text (paste it here)")
        yield TextArea(id="source-text", soft_wrap=True, tab_behavior="focus")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#source-label", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#source-text", TextArea).focus()

    def action_ok(self) -> None:
        text = self.query_one("#source-text", TextArea).text
        if not text.strip():
            self.show_error("Paste some text first.")
            return
        self.dismiss(Pasted(self.query_one("#source-label", Input).value, text))

"""Saved interviews: resume one, start a new one, delete one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from prepbot.errors import NotFoundError, ServiceError
from prepbot.service import Service
from prepbot.textsafe import safe
from prepbot.tui.palette import Entry, ScreenCommands
from prepbot.tui.text import cell, one_line

if TYPE_CHECKING:
    from prepbot.tui.app import PrepbotApp

EMPTY_STATE = (
    "No interviews yet.\n\n"
    "Press N to prepare your first one: tell prepbot the company, who you will talk to and how\n"
    "much time you have for your questions. It picks the questions, and while you note what you\n"
    "hear, it points out the red and green flags and the follow-up worth asking."
)


class HomeCommands(ScreenCommands):
    """Home's actions in the command palette, before Textual's own (keys, theme, quit)."""

    def entries(self) -> list[Entry]:
        screen = self.screen
        if not isinstance(screen, HomeScreen):
            return []
        return [
            ("New interview", screen.action_new, "Company, who you talk to, your time box (N)"),
            ("Open the selected interview", screen.action_resume, "Resume where you left off (Enter)"),
            ("Compare the marked interviews", screen.action_compare, "Mark two to four with Space first (C)"),
            ("Delete the selected interview", screen.action_delete, "Asks first (D)"),
            ("Export report of the selected interview", screen.action_export, "Markdown, HTML, JSON or text"),
        ]


class HomeScreen(Screen[None]):
    if TYPE_CHECKING:  # self.app typed as the PrepbotApp (the app imports the screens: no import back)
        app = getters.app(PrepbotApp)
    COMMANDS = {HomeCommands}
    BINDINGS = [
        Binding("n", "new", "New"),
        Binding("enter", "resume", "Resume", show=False),
        Binding("d,delete", "delete", "Delete"),
        Binding("space", "mark", "Mark"),
        Binding("c", "compare", "Compare"),
        Binding("y", "company", "Company"),
        Binding("p", "prefs", "Weights", show=False),  # footer room at 80 columns; F1 lists it
        Binding("f1,question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, service: Service):
        super().__init__()
        self.service = service
        self.marked: list[str] = []  # interviews marked for a comparison, in the order marked
        self._uncounted = False  # rows listed before the bank was read, without their flag counts

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static(Content.assemble(("prepbot", "bold"), " — interview the company back"), id="title")
            yield Static("Reading the question bank…", id="reading")
            yield Static(EMPTY_STATE, id="empty")
            yield DataTable(id="interviews", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("✓", key="mark", width=1)
        table.add_columns("Company", "Role", "Date", "✗ Red", "✓ Green", "Progress")
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def bank_state(self, waiting: bool) -> None:
        """The app's word on the question bank: an action waits for it (say so), or it has been read
        (the flag counts it was needed for can be shown)."""
        self.query_one("#reading").display = waiting
        if self.service.catalogue_ready and self._uncounted:
            self.reload()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        try:
            # The flag counts need the question bank: until it is read they show as "…".
            rows = self.service.list_interviews(counted=self.service.catalogue_ready)
        except ServiceError as exc:
            self.notify(safe(exc), severity="error", markup=False)
            rows = []
        self.marked = [i for i in self.marked if i in {item.row.id for item in rows}]
        for item in rows:
            row = item.row
            table.add_row(
                Text("✓" if row.id in self.marked else ""),
                cell(row.company, 16),
                cell(row.role, 12),
                cell(row.date, 10),
                Text("…" if item.red is None else str(item.red)),
                Text("…" if item.green is None else str(item.green)),
                Text(f"{row.answered_count}/{row.question_count}"),
                key=row.id,
            )
        self._uncounted = any(item.red is None for item in rows)
        self.query_one("#empty").display = not rows
        table.display = bool(rows)
        if rows:
            table.focus()

    def selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.open(event.row_key.value)

    def action_resume(self) -> None:
        interview_id = self.selected_id()
        if interview_id:
            self.open(interview_id)

    def open(self, interview_id: str) -> None:
        self.app.with_bank(lambda: self._open(interview_id))

    def _open(self, interview_id: str) -> None:
        from prepbot.tui.screens.chat import ChatScreen

        interview = self._load(interview_id)
        if interview is not None:
            self.app.push_screen(ChatScreen(self.service, interview))

    def _load(self, interview_id: str):
        """The saved interview, or None after a notice (deleted from another shell meanwhile)."""
        try:
            return self.service.load(interview_id)
        except NotFoundError:
            self.notify("That interview is no longer saved (deleted elsewhere); the list is up to date now.", severity="warning")
        except ServiceError as exc:
            self.notify(safe(exc), severity="error", markup=False)
        self.reload()
        return None

    def action_export(self) -> None:
        self.app.with_bank(self._export)

    def _export(self) -> None:
        interview_id = self.selected_id()
        if not interview_id:
            self.notify("No interview to export yet: press N to start one.", title="Nothing to export")
            return
        self.app.export_interview(self.service.load(interview_id))

    def action_new(self) -> None:
        from prepbot.tui.screens.new_interview import NewInterviewScreen

        self.app.with_bank(lambda: self.app.push_screen(NewInterviewScreen(self.service)))

    def action_delete(self) -> None:
        from prepbot.tui.screens.confirm import ConfirmScreen

        interview_id = self.selected_id()
        if not interview_id:
            return
        interview = self._load(interview_id)
        if interview is None:
            return

        def done(confirmed: bool | None) -> None:
            if confirmed:
                try:
                    self.service.delete(interview_id)
                except ServiceError as exc:
                    self.notify(safe(exc), severity="error", markup=False)
                    return
                self.notify(f"Deleted the interview with {one_line(interview.company, 40)}.", markup=False)
                self.reload()

        question = f"Delete the interview with {one_line(interview.company, 60)} ({interview.date}) and all its notes?"
        self.app.push_screen(ConfirmScreen(question, yes="Delete"), done)

    # -- marking two to four interviews for a comparison

    def action_mark(self) -> None:
        from prepbot.compare import MAX_INTERVIEWS

        interview_id = self.selected_id()
        if not interview_id:
            return
        if interview_id in self.marked:
            self.marked.remove(interview_id)
        elif len(self.marked) >= MAX_INTERVIEWS:
            self.notify(f"Compare at most {MAX_INTERVIEWS} interviews: unmark one first (Space).", severity="warning")
            return
        else:
            self.marked.append(interview_id)
        self.query_one(DataTable).update_cell(interview_id, "mark", Text("✓" if interview_id in self.marked else ""))

    def action_compare(self) -> None:
        self.app.with_bank(self._compare)

    def _compare(self) -> None:
        from prepbot.compare import MAX_INTERVIEWS, MIN_INTERVIEWS
        from prepbot.tui.screens.compare import CompareScreen

        if not MIN_INTERVIEWS <= len(self.marked) <= MAX_INTERVIEWS:
            self.notify(
                f"Mark {MIN_INTERVIEWS} to {MAX_INTERVIEWS} interviews with Space, then press C to compare them.",
                severity="warning",
            )
            return
        try:
            interviews = [self.service.load(i) for i in self.marked]
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.app.push_screen(CompareScreen(self.service, interviews))

    # -- the whole process with one company, and the candidate's weights

    def action_company(self) -> None:
        self.app.with_bank(self._company)

    def _company(self) -> None:
        from prepbot.service import ServiceError
        from prepbot.tui.screens.company import CompanyScreen

        interview_id = self.selected_id()
        if not interview_id:
            self.notify("No interview yet: press N to start one.", severity="warning")
            return
        try:
            screen = CompanyScreen(self.service, self.service.load(interview_id).company)
        except ServiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.app.push_screen(screen)

    def action_prefs(self) -> None:
        from prepbot.tui.screens.prefs import PrefsScreen

        self.app.with_bank(lambda: self.app.push_screen(PrefsScreen(self.service)))

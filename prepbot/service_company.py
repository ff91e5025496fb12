"""The service's side of a company's whole process: its rounds, the company file, comparison
columns by company, and the candidate's weights (preferences) that every verdict uses.

A part of `Service` (mixed into it), kept in its own module so each stays readable; the domain is
prepbot.process and prepbot.prefs, and this only fetches interviews and hands them over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from prepbot.boundary import translated
from prepbot.errors import ServiceError
from prepbot.interview import Interview
from prepbot.planner import PlanError
from prepbot.prefs import Preferences, SavedPreferences
from prepbot.store import Store

if TYPE_CHECKING:
    from prepbot.bank import Bank
    from prepbot.process import RoundPlan
    from prepbot.summary import Summary


class CompanyDesk:
    """What Service adds for companies; Service provides the attributes and methods declared here."""

    store: Store
    _preferences: SavedPreferences
    _counts: dict
    last_round: RoundPlan | None

    @property
    def bank(self) -> Bank:  # pragma: no cover - Service's
        raise NotImplementedError

    def find(self, key: str) -> Interview:  # pragma: no cover - Service's
        raise NotImplementedError

    def summary(self, interview: Interview, model: str = "auto") -> Summary:  # pragma: no cover - Service's
        raise NotImplementedError

    # -- a company's whole process

    def company_interviews(self, company: str) -> list[Interview]:
        """Every saved interview with this company (any spelling), oldest first."""
        from prepbot.process import company_key

        key = company_key(company)
        with translated():
            rows = [r for r in self.store.rows() if company_key(r.company) == key]
            return [self.store.load(r.id) for r in rows]

    def earlier_process(self, company: str, excluding: str | None = None):
        """The process so far with this company (its saved interviews), or None for a first round."""
        from prepbot.process import build_process

        interviews = [i for i in self.company_interviews(company) if i.id != excluding]
        if not interviews:
            return None
        return build_process(self.bank, [(i, self.summary(i)) for i in interviews], self.preferences())

    def process(self, name: str):
        """A company's process by any spelling of its name, or by the id (or id prefix) of one of
        its interviews. Raises ServiceError."""
        from prepbot.process import company_key

        key = company_key(name)
        if not key:
            raise ServiceError("give a company name or an interview id (see 'prepbot sessions list')")
        with translated():
            rows = self.store.rows()
        companies = {company_key(r.company): r.company for r in rows}
        if key not in companies:
            by_id = {company_key(r.company) for r in rows if r.id == name.strip() or r.id.startswith(name.strip())}
            if not by_id:
                by_id = {k for k in companies if key in k}
            if len(by_id) > 1:
                raise ServiceError(f"'{name.strip()}' matches {len(by_id)} companies; give more of the name")
            if not by_id:
                raise ServiceError(f"no saved interview with a company named '{name.strip()}' (see 'prepbot sessions list')")
            key = by_id.pop()
        process = self.earlier_process(companies[key])
        assert process is not None
        return process

    def compare_pair(self, interview: Interview, by_company: bool = True):
        """What a comparison column shows for this interview: with `by_company`, when its company
        has more than one round, the whole company file (all rounds); else the interview alone."""
        if by_company:
            process = self.earlier_process(interview.company)
            if process is not None and len(process.rounds) > 1:
                from prepbot.process import as_column

                return as_column(process)
        return interview, self.summary(interview)

    def compare_column(self, key: str):
        """A comparison column for what the user typed: a company name (any spelling) with more
        than one round gives its company file; an id, id prefix or other name gives one interview.
        Raises ServiceError."""
        from prepbot.process import company_key

        wanted = company_key(key)
        with translated():
            rows = self.store.rows()
        if wanted and sum(1 for r in rows if company_key(r.company) == wanted) > 1:
            from prepbot.process import as_column

            return as_column(self.process(key))
        interview = self.find(key)
        return interview, self.summary(interview)

    def preview_round(self, company: str, persona: str | None = None, minutes: float | None = None) -> list[str]:
        """Which round an interview with `company` would be and what it would follow up (the
        new-interview screen, before it is started); empty for a first round without deal-breakers."""
        from prepbot.process import describe_round, plan_next_round

        if not company.strip():
            return []
        try:
            earlier = self.earlier_process(company)
            preferences = self.preferences()
            if earlier is None and not preferences.deal_breakers():
                return []
            round_plan = plan_next_round(self.bank, earlier, persona, minutes, (), preferences)
        except (ServiceError, PlanError, ValueError):
            return []
        return describe_round(round_plan, self.bank, company)

    def round_lines(self, interview: Interview) -> list[str]:
        """Which round the interview just started is and what it follows up (prepbot new, the screen)."""
        from prepbot.process import describe_round

        if self.last_round is None:
            return []
        return describe_round(self.last_round, self.bank, interview.company)

    def render_company(self, process, fmt: str) -> str:
        from prepbot.export.company import render_company

        return render_company(self.bank, process, fmt)

    # -- the candidate's weights

    def preferences(self) -> Preferences:
        """The saved weights (read again when the file changed); an unreadable file: all normal."""
        return self._preferences.get()

    def set_preference(self, flag_id: str, weight: str) -> Preferences:
        """Save one flag's weight. Raises ServiceError (an unknown flag or weight, a write error)."""
        from prepbot.prefs import PreferencesError, load_preferences, save_preferences

        if flag_id not in self.bank.flags:
            raise ServiceError(f"no flag '{flag_id}' (see 'prepbot prefs' for the flag ids)")
        try:
            preferences = load_preferences().with_weight(flag_id, weight)
            save_preferences(preferences)
        except PreferencesError as exc:
            raise ServiceError(str(exc)) from None
        self._preferences.forget()
        self._counts.clear()
        return preferences

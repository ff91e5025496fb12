"""`prepbot prefs`, `prepbot company`, `prepbot new` for a next round and `prepbot compare` by
company, through the real entry point; the company file's golden files in every format."""

from __future__ import annotations

import json
import sqlite3

import pytest

from prepbot.export.company import render_company
from prepbot.interview import start_interview
from prepbot.prefs import Preferences
from prepbot.process import build_process
from prepbot.store import MIGRATIONS, Store
from prepbot.summary import summarize
from tests.test_cli_interviews import assert_one_line_error, write_note
from tests.test_export import ODD, check_golden

ON_CALL = "Honestly we get paged on weekends a lot and it's unpaid."
NO_REVIEW = "We don't do code reviews, people push straight to main."
REVIEWED = "Every pull request needs two approvals before it merges."


def new(run_cli, company: str, persona: str, date: str) -> tuple[str, str]:
    result = run_cli("new", "--company", company, "--persona", persona, "--minutes", "20", "--date", date)
    assert result.code == 0, result.err
    return result.out.strip(), result.err


def note_on(interview_id: str, question_id: str, text: str) -> None:
    store = Store()
    try:
        interview = store.load(interview_id)
        if question_id not in interview.question_ids:
            interview.question_ids.append(question_id)
        interview.set_note(question_id, text)
        store.save(interview)
    finally:
        store.close()


# --------------------------------------------------------------------------- prefs


def test_prefs_set_list_and_json(run_cli):
    result = run_cli("prefs", "set", "on-call-burden", "deal-breaker")
    assert result.code == 0, result.err
    assert run_cli("prefs", "set", "long-standups", "ignore").code == 0
    listing = run_cli("prefs")
    assert listing.code == 0
    assert listing.out.startswith("DEAL-BREAKER (1)\n  ✗ on-call-burden")
    assert "IGNORE (1)" in listing.out
    data = json.loads(run_cli("prefs", "--format", "json").out)
    assert data["weights"] == {"long-standups": "ignore", "on-call-burden": "deal-breaker"}
    assert {f["id"]: f["weight"] for f in data["flags"]}["has-tests"] == "normal"
    assert len(data["flags"]) == 24
    assert run_cli("prefs", "set", "long-standups", "normal").code == 0
    assert json.loads(run_cli("prefs", "-f", "json").out)["weights"] == {"on-call-burden": "deal-breaker"}


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (("on-call-burdn", "ignore"), "no flag with id 'on-call-burdn' (did you mean 'on-call-burden'?)"),
        (("has-tests", "[bold]maybe[/]"), "unknown weight '[bold]maybe[/]'"),
    ],
)
def test_prefs_set_refuses_an_unknown_flag_or_weight_in_one_line(run_cli, args, start):
    assert_one_line_error(run_cli("prefs", "set", *args), start)
    assert json.loads(run_cli("prefs", "--format", "json").out)["weights"] == {}


def test_a_deal_breaker_leads_the_report_verdict(run_cli):
    run_cli("prefs", "set", "on-call-burden", "deal-breaker")
    session, _ = new(run_cli, "Acme", "manager", "2026-11-01")
    note_on(session, "ho-vacation", ON_CALL)
    report = json.loads(run_cli("export", session, "-f", "json").out)
    assert report["verdict"]["label"].startswith("deal-breaker: Heavy on-call burden")
    assert report["verdict"]["deal_breakers"] == ["on-call-burden"]
    assert report["preferences"] == {"on-call-burden": "deal-breaker"}


# --------------------------------------------------------------------------- rounds and the company file


def test_two_rounds_and_the_company_file(run_cli):
    first, said = new(run_cli, "Acme Corp", "manager", "2026-11-01")
    assert "Round 1 with Acme Corp: the first round." in said
    note_on(first, "ho-vacation", ON_CALL)
    note_on(first, "cr-how-changes-reviewed", NO_REVIEW)
    second, said = new(run_cli, "  acme   CORP ", "engineer", "2026-11-08")
    assert "Round 2 with acme CORP. Nothing answered in an earlier round is asked again." in said
    assert "Follows up the red flag heard earlier (Heavy on-call burden)" in said
    assert "Follows up the red flag heard earlier (No code review)" in said
    planned = Store().load(second).question_ids
    assert not {"ho-vacation", "cr-how-changes-reviewed"} & set(planned)
    note_on(second, "cr-who-reviews", REVIEWED)

    text = run_cli("company", "ACME corp")
    assert text.code == 0, text.err
    assert text.out.startswith("COMPANY FILE: acme CORP\n2 rounds\n")
    assert "CONFLICTS (1): a red flag and its green opposite both heard" in text.out
    data = json.loads(run_cli("company", first, "--format", "json").out)  # an interview id works too
    assert data["schema"] == "prepbot.company" and data["version"] == 1
    assert [r["id"] for r in data["rounds"]] == [first, second]
    flags = {f["id"]: f for f in data["flags"]}
    assert flags["on-call-burden"]["status"] == "red"
    assert flags["on-call-burden"]["heard_in"] == [first]
    assert flags["on-call-burden"]["heard"][0]["ask"]
    [conflict] = data["conflicts"]
    assert (conflict["red"], conflict["green"], conflict["rounds"]) == ("no-code-review", "code-review-required", [first, second])
    assert conflict["settle_with"]["ask"]
    assert "equipment-budget" in data["unknown"]
    assert data["verdict"]["score"] == -3


def test_company_refuses_an_unknown_name_in_one_line(run_cli):
    new(run_cli, "Acme", "manager", "2026-11-01")
    assert_one_line_error(run_cli("company", "Initech"), "no saved interview with a company named 'Initech'")
    assert_one_line_error(run_cli("company", "   "), "give a company name or an interview id")


def test_compare_by_company_puts_all_rounds_in_one_column(run_cli):
    first, _ = new(run_cli, "Acme", "manager", "2026-11-01")
    note_on(first, "ho-vacation", ON_CALL)
    second, _ = new(run_cli, "ACME", "engineer", "2026-11-08")
    note_on(second, "cr-who-reviews", REVIEWED)
    other, _ = new(run_cli, "Globex", "engineer", "2026-11-09")
    write_note(other, 0, NO_REVIEW)
    result = run_cli("compare", "acme", "Globex", "--format", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [c["id"] for c in data["interviews"]] == ["company:acme", other]
    assert data["interviews"][0]["date"] == "2026-11-01 – 2026-11-08"
    rows = {r["id"]: [c["state"] for c in r["cells"]] for r in data["flags"]}
    assert rows["on-call-burden"][0] == "red"
    assert rows["code-review-required"][0] == "green"
    # An interview id still compares that one interview.
    single = json.loads(run_cli("compare", second, other, "--format", "json").out)
    assert [c["id"] for c in single["interviews"]] == [second, other]


def test_a_version_0_2_database_opens_and_its_interviews_form_a_process(run_cli, private_home):
    """0.2 wrote schema 3 with no preferences file: it opens as it is and its rounds group."""
    path = private_home / "prepbot.sqlite3"
    connection = sqlite3.connect(path)
    for version in sorted(MIGRATIONS):
        connection.executescript(MIGRATIONS[version])
    connection.execute("PRAGMA user_version = 3")
    for number, (company, date) in enumerate([("Acme", "2026-10-01"), (" acme ", "2026-10-08")]):
        connection.execute(
            "INSERT INTO interviews (id, company, date, persona, question_ids, created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
            (f"old{number}", company, date, "engineer", '["ho-vacation"]', date, date),
        )
    connection.execute(
        "INSERT INTO answers (interview_id, question_id, note, status, updated_at) VALUES ('old0','ho-vacation',?,'asked','x')",
        (ON_CALL,),
    )
    connection.commit()
    connection.close()
    data = json.loads(run_cli("company", "ACME", "-f", "json").out)
    assert [r["id"] for r in data["rounds"]] == ["old0", "old1"]
    assert data["preferences"] == {}
    assert {f["id"]: f["status"] for f in data["flags"]}["on-call-burden"] == "red"


# --------------------------------------------------------------------------- golden files


def hostile_process(bank, catalogue):
    first = start_interview(bank, f"Acme {ODD}", "Backend | dev", "2026-11-01", "manager", 12)
    first.question_ids.append("ho-vacation")
    first.set_note("ho-vacation", f"{ON_CALL} {ODD} \x1b[31mred\x1b[0m")
    first.question_ids.append("cr-how-changes-reviewed")
    first.set_note("cr-how-changes-reviewed", NO_REVIEW)
    first.general_note = f"Met [bold]Dana[/] <b>EM</b> 🙈 {ODD}"
    first.add_source(f"review {ODD}", "Reviews say there is mandatory overtime on weekends.")
    second = start_interview(bank, f"  acme   {ODD.upper()} ", "", "2026-11-08", "engineer", 12)
    second.question_ids.append("cr-who-reviews")
    second.set_note("cr-who-reviews", f"{REVIEWED} [/] <script>x</script>")
    for n, interview in enumerate((first, second)):
        interview.id = f"golden00000{n + 2}"
        interview.created_at = interview.updated_at = f"2026-11-0{n + 1}T10:00:00+00:00"
        for source in interview.sources:
            source.id, source.added_at = "src-golden01", "2026-11-01T10:10:00+00:00"
    preferences = Preferences({"on-call-burden": "deal-breaker", "long-standups": "ignore"})
    pairs = [(i, summarize(i, bank, catalogue.matcher, preferences=preferences)) for i in (first, second)]
    return build_process(bank, pairs, preferences)


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "json"])
def test_company_golden(bank, catalogue, fmt):
    text = render_company(bank, hostile_process(bank, catalogue), fmt)
    check_golden(f"company.{fmt}", text)
    assert "\x1b" not in text
    if fmt == "html":
        assert "<script>" not in text and "&lt;script&gt;" in text


def test_replanning_a_later_round_keeps_it_a_later_round(run_cli):
    first, _ = new(run_cli, "Acme", "manager", "2026-11-01")
    note_on(first, "ho-vacation", ON_CALL)
    second, _ = new(run_cli, "Acme", "engineer", "2026-11-08")
    result = run_cli("edit", second, "--persona", "manager", "--minutes", "15")
    assert result.code == 0, result.err
    replanned = Store().load(second)
    assert "ho-vacation" not in replanned.question_ids
    assert bank_follow_up("on-call-burden") in replanned.own_questions.values()
    assert {"on-call-burden", "no-after-hours-contact"} & set(replanned.questions(_bank())[0].flags)


def _bank():
    from prepbot.catalogue import load_catalogue

    return load_catalogue().bank


def bank_follow_up(flag_id: str) -> str:
    return _bank().flags[flag_id].follow_up


def test_an_unreadable_preferences_file_is_one_line_and_nothing_else_breaks(run_cli, private_home):
    (private_home / "preferences.json").write_text("[bold]not json\x1b[31m", encoding="utf-8")
    assert_one_line_error(run_cli("prefs"), "")
    assert "not a preferences file" in run_cli("prefs").err
    assert_one_line_error(run_cli("prefs", "set", "has-tests", "important"), "")
    session, _ = new(run_cli, "Acme", "manager", "2026-11-01")  # plans and verdicts go on, all flags normal
    assert json.loads(run_cli("export", session, "-f", "json").out)["preferences"] == {}


def test_prep_for_a_next_round_skips_what_was_answered_and_leads_with_the_deal_breaker(run_cli, private_home):
    first = run_cli("prep", "--company", "Acme", "--persona", "engineer", "--minutes", "20", "-f", "json")
    assert not (private_home / "prepbot.sqlite3").exists()  # prep alone never creates a database
    plain = json.loads(first.out)
    session, _ = new(run_cli, "Acme", "manager", "2026-11-01")
    note_on(session, "ho-vacation", ON_CALL)
    note_on(session, plain["categories"][0]["questions"][0]["id"], NO_REVIEW)
    run_cli("prefs", "set", "has-tests", "deal-breaker")
    result = run_cli("prep", "--company", " ACME ", "--persona", "engineer", "--minutes", "20", "-f", "json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    planned = [q["id"] for c in data["categories"] for q in c["questions"]]
    assert plain["categories"][0]["questions"][0]["id"] not in planned
    first_question = data["categories"][0]["questions"][0]
    assert {"has-tests", "no-tests"} & set(first_question["flags"]["red"] + first_question["flags"]["green"])
    assert data["note"].startswith("Round 2 with this company")
    assert _bank().flags["on-call-burden"].follow_up in data["note"]

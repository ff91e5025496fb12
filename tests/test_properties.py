"""Property tests: the matcher, the bank loader and the JSON export hold up on any input."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prepbot.catalogue import load_catalogue, validate
from prepbot.export import interview_from_report, render_report
from prepbot.interview import STATUSES, start_interview

BANK = load_catalogue().bank
MATCHER = load_catalogue().matcher

# Words the cues are made of, so generated text actually reaches the matching machinery.
CUE_WORDS = sorted(
    {
        w.strip("*")
        for f in BANK.flags.values()
        for c in f.cues
        for part in c.split()
        for alt in part.split("|")
        for w in alt.split("_")
        if w and not w.startswith(("#", "@"))
    }
)
NOISE = ["no", "not", "never", "every", "and", "but", ",", ".", "?", "\n", "-", "30", "5", "[b]", "[/]", "🙈", "don't"]
cue_text = st.lists(st.sampled_from(CUE_WORDS + NOISE), max_size=60).map(" ".join)
any_text = st.one_of(st.text(), cue_text, st.text(alphabet=st.characters(codec="utf-8"), max_size=300))


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_matcher_never_raises_is_deterministic_and_offsets_slice(text):
    first = MATCHER.match(text)
    assert first == MATCHER.match(text)
    for match in first:
        assert 0 < match.score <= 1
        for evidence in match.evidence:
            assert 0 <= evidence.start < evidence.end <= len(text)
            assert text[evidence.start : evidence.end] == evidence.text


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                ["id", "kind", "title", "questions", "flags", "category", "ask", "cues", "personas", "minutes", "priority", "x"]
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=20,
)
yamlish = st.one_of(
    yaml_values.map(lambda v: yaml.safe_dump(v, allow_unicode=True)),
    st.text(alphabet=" \t\n:-[]{}&*!|>'\"#%@`abc123", max_size=200),
    st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yamlish)
def test_bank_loader_only_ever_reports_problems(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bank.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        bank, _, problems = validate([path])  # must not raise
        for problem in problems:
            assert problem.line >= 1 and problem.column >= 1 and problem.message


notes = st.text(max_size=200)


@settings(max_examples=100, deadline=None)
@given(
    company=st.text(min_size=1, max_size=50).filter(lambda s: s.strip()),
    role=st.text(max_size=30),
    answers=st.lists(st.tuples(notes, st.sampled_from(STATUSES)), max_size=6),
)
def test_json_export_round_trip(company, role, answers):
    interview = start_interview(BANK, company, role, "2026-12-01", "engineer", 20)
    for question_id, (note, status) in zip(interview.question_ids, answers, strict=False):
        interview.set_note(question_id, note)
        interview.set_status(question_id, status)
    data = json.loads(render_report(BANK, MATCHER, interview, "json"))
    assert interview_from_report(data) == interview

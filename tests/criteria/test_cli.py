"""The assess_criteria command as a pure function: exit code, stdout, stderr."""

import json
from datetime import date

import pytest

from casereviews.criteria.cli import run

TODAY = date(2026, 11, 26)


def test_valid_facts_print_the_assessment_as_sorted_json() -> None:
    """Valid facts give exit 0 and pretty-printed JSON with sorted keys, nothing on stderr."""
    code, out, err = run('{"abuse_or_neglect": "known", "child_died": true}', None, TODAY)
    assert (code, err) == (0, "")
    answer = json.loads(out)
    assert answer["recommendation"] == "scr_mandatory"
    assert answer["ruleset"] == "bf-lscb-2015"
    assert answer["ruleset_version"] == 1
    assert out == json.dumps(answer, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_output_is_deterministic() -> None:
    """The same input gives byte-for-byte the same output."""
    text = '{"child_died": true, "coroner_inquest": true, "learning": ["local_services"]}'
    assert run(text, None, TODAY) == run(text, None, TODAY)


def test_named_ruleset_is_used() -> None:
    """A ruleset code chooses the ruleset, whatever the date."""
    code, out, _ = run("{}", "bf-lscb-2015", date(2000, 1, 1))
    assert code == 0
    assert json.loads(out)["ruleset"] == "bf-lscb-2015"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "input: not valid JSON (Expecting property name enclosed in double quotes"),
        ("", "input: not valid JSON (Expecting value at line 1 column 1)"),
        ("[1, 2]", "facts: must be a JSON object of facts"),
        ('"facts"', "facts: must be a JSON object of facts"),
        ('{"childs_age": 4}', "childs_age: is not a known fact"),
        ('{"abuse_or_neglect": "maybe"}', "abuse_or_neglect: must be one of known, suspected,"),
        ('{"death_setting": "hospital"}', "death_setting: must be one of none, police_custody,"),
        ('{"age_years": 18}', "age_years: must be a whole number from 0 to 17"),
        ('{"age_years": -1}', "age_years: must be a whole number from 0 to 17"),
        ('{"child_died": "yes"}', "child_died: must be true, false or null"),
        ('{"child_died": false, "suspected_suicide": true}', "suspected_suicide: cannot be"),
        ('{"learning": ["x"]}', "learning: must be a list of areas from"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_fact(text: str, message: str) -> None:
    """Bad input gives exit 2, nothing on stdout and one line on stderr naming the fact."""
    code, out, err = run(text, None, TODAY)
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert err.endswith("\n")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_unknown_ruleset_code_exits_2() -> None:
    """An unknown ruleset code gives exit 2 and a one-line message naming it."""
    code, out, err = run("{}", "wt-2099", TODAY)
    assert (code, out) == (2, "")
    assert err.startswith("ruleset: no ruleset has the code 'wt-2099'")
    assert err.count("\n") == 1


def test_no_ruleset_in_force_exits_2() -> None:
    """A date before any ruleset took effect gives exit 2."""
    code, out, err = run("{}", None, date(2014, 1, 1))
    assert (code, out) == (2, "")
    assert err == "ruleset: no ruleset was in force on 2014-01-01\n"

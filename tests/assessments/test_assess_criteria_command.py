"""`manage.py assess_criteria`, run as a person would run it: facts on standard input,
the answer on standard output, one line naming the fact for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "assess_criteria", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "DJANGO_ENV": "test"},
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_good_facts_give_the_answer_as_json() -> None:
    done = run(json.dumps({"abuse_or_neglect": "known", "child_died": True}))
    assert (done.returncode, done.stderr) == (0, "")
    answer = json.loads(done.stdout)
    assert answer["recommendation"] == "scr_mandatory"
    assert set(answer) >= {"ruleset", "recommendation", "findings", "advisories", "missing"}


@pytest.mark.slow
def test_the_ruleset_can_be_chosen() -> None:
    done = run("{}", "--ruleset", "bf-lscb-2015")
    assert done.returncode == 0
    assert json.loads(done.stdout)["ruleset"] == "bf-lscb-2015"


@pytest.mark.parametrize(
    ("stdin", "args", "starts"),
    [
        ('{"child_was_sad": true}', (), "child_was_sad:"),
        ('{"abuse_or_neglect": "probably"}', (), "abuse_or_neglect:"),
        ('{"age_years": 18}', (), "age_years:"),
        ('{"age_years": -1}', (), "age_years:"),
        ("{not json", (), "input: not valid JSON"),
        ("{}", ("--ruleset", "no-such-rules"), "ruleset:"),
    ],
)
@pytest.mark.slow
def test_bad_input_exits_non_zero_with_one_line_naming_the_fact(
    stdin: str, args: tuple[str, ...], starts: str
) -> None:
    done = run(stdin, *args)
    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr.startswith(starts)
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr

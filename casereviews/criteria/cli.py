"""The ``assess_criteria`` command as a pure function, so the management command is thin.

Reads the facts as one JSON object and writes the assessment as JSON. Bad input gives
exit code 2 and a single line on stderr that names the fact at fault.
"""

import json
from datetime import date

from casereviews.criteria.engine import assess
from casereviews.criteria.facts import InvalidFacts, parse_facts
from casereviews.criteria.rulesets import UnknownRuleset, get_ruleset, ruleset_in_force

EXIT_OK = 0
EXIT_USAGE = 2


def _one_line(message: str) -> str:
    return " ".join(message.split()) + "\n"


def run(stdin_text: str, ruleset_code: str | None, today: date) -> tuple[int, str, str]:
    """Assess the facts in ``stdin_text``; return (exit code, stdout, stderr).

    Without ``ruleset_code`` the ruleset in force on ``today`` is used.
    """
    try:
        ruleset = get_ruleset(ruleset_code) if ruleset_code else ruleset_in_force(today)
    except UnknownRuleset as error:
        return EXIT_USAGE, "", _one_line(str(error))
    try:
        data = json.loads(stdin_text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        return EXIT_USAGE, "", _one_line(f"input: not valid JSON ({error.msg} at {where})")
    try:
        facts = parse_facts(data)
    except InvalidFacts as error:
        return EXIT_USAGE, "", _one_line(str(error))
    answer = assess(facts, ruleset).as_dict()
    return EXIT_OK, json.dumps(answer, indent=2, sort_keys=True, ensure_ascii=False) + "\n", ""

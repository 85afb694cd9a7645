"""A skeleton chronology entry as typed on the page or read from a file: the same
checks, the same messages, for both (Procedure A 4(i): "a skeleton chronology")."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from casereviews.frontend.text import first_hidden, normalised, refusal

MAX_WHAT = 2000
MAX_SHORT = 200
# The columns of the template, in order, with the header people see.
COLUMNS = (
    ("date", "Date (DD/MM/YYYY)"),
    ("time", "Time (HH:MM, optional)"),
    ("approximate", "Approximate date (yes or no)"),
    ("what_happened", "What happened"),
    ("who_involved", "Who was involved (role, not name)"),
    ("source", "Source record"),
)
HEADERS = tuple(header for _, header in COLUMNS)
# The one column whose text may run over several lines.
MULTILINE_COLUMNS = frozenset({"what_happened"})
EXAMPLE_ROW = (
    "12/03/2026",
    "14:30",
    "no",
    "Home visit by health visitor; child seen and weighed",
    "Health visitor",
    "Health visiting record",
)


@dataclass(frozen=True)
class EntryData:
    date: datetime.date
    time: datetime.time | None
    approximate: bool
    what_happened: str
    who_involved: str
    source: str


class EntryProblem(ValueError):
    """What is wrong with one entry, in words a person can act on."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def parse_date(value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    if not text:
        raise EntryProblem("Enter the date")
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text) or re.fullmatch(
        r"(\d{4})-(\d{1,2})-(\d{1,2})", text
    )
    if not match:
        raise EntryProblem(f"The date '{text[:20]}' must be like 12/03/2026")
    parts = [int(part) for part in match.groups()]
    day, month, year = parts if len(match.group(1)) <= 2 else reversed(parts)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise EntryProblem(f"The date '{text[:20]}' is not a real date") from None


def parse_time(value: Any) -> datetime.time | None:
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, datetime.datetime):
        return value.time().replace(second=0, microsecond=0)
    text = _text(value)
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})(?::\d{2})?", text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise EntryProblem(f"The time '{text[:10]}' must be like 14:30, or left empty")
    return datetime.time(int(match.group(1)), int(match.group(2)))


def parse_yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in ("", "no", "n", "false"):
        return False
    if text in ("yes", "y", "true"):
        return True
    raise EntryProblem("Approximate date must be yes or no, or left empty")


def hidden_problems(values: dict[str, Any]) -> list[str]:
    """The text rule (docs/adr/0021) for each column: a hidden character is refused,
    naming its kind and the column."""
    problems = []
    for key, header in COLUMNS:
        value = values.get(key)
        if isinstance(value, str):
            hidden = first_hidden(value, multiline=key in MULTILINE_COLUMNS)
            if hidden is not None:
                column = header.split(" (")[0]
                problems.append(refusal(hidden, f"the column “{column}”"))
    return problems


def entry_from_values(values: dict[str, Any], *, today: datetime.date) -> EntryData:
    """One entry from its values by column name; `EntryProblem` names every mistake."""
    hidden = hidden_problems(values)
    if hidden:
        # Said alone: the other checks would quote the text with its hidden character.
        raise EntryProblem("; ".join(hidden))
    problems: list[str] = []
    date = time = None
    approximate = False
    try:
        date = parse_date(values.get("date"))
        if date > today:
            problems.append("The date must be today or in the past")
    except EntryProblem as problem:
        problems.append(str(problem))
    try:
        time = parse_time(values.get("time"))
    except EntryProblem as problem:
        problems.append(str(problem))
    try:
        approximate = parse_yes_no(values.get("approximate"))
    except EntryProblem as problem:
        problems.append(str(problem))
    what = normalised(_text(values.get("what_happened")))
    who = normalised(_text(values.get("who_involved")))
    source = normalised(_text(values.get("source")))
    if not what:
        problems.append("Enter what happened")
    elif len(what) > MAX_WHAT:
        problems.append(f"What happened must be {MAX_WHAT} characters or fewer")
    if len(who) > MAX_SHORT:
        problems.append(f"Who was involved must be {MAX_SHORT} characters or fewer")
    if not source:
        problems.append("Enter the source record")
    elif len(source) > MAX_SHORT:
        problems.append(f"The source record must be {MAX_SHORT} characters or fewer")
    if problems:
        raise EntryProblem("; ".join(problems))
    assert date is not None
    return EntryData(date, time, approximate, what, who, source)

"""The import template's columns and the reading of one row: plain Python, no Django.

A board's cases move in from one sheet (docs/adr/0033): a case's first row carries the
case; further rows with the same reference carry more of its actions, their case columns
left empty. Every value is read by the one text rule (`casereviews.frontend.text`,
docs/adr/0021) and the chronology's date reading (`casereviews.involvement.entries`), and
every mistake is named by its column, in words a person can act on."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from casereviews.frontend.text import first_hidden, normalised, refusal
from casereviews.involvement.entries import EntryProblem, parse_date

MAX_REFERENCE = 20
MAX_NAME = 200
MAX_ACTION = 2000

# The columns of the template, in order: (key, heading people see).
COLUMNS = (
    ("reference", "Reference"),
    ("notified_on", "Date notified (DD/MM/YYYY)"),
    ("decided_on", "Date decided (DD/MM/YYYY, if decided)"),
    ("child_name", "Child's full name"),
    ("child_born_on", "Child's date of birth (DD/MM/YYYY, if known)"),
    ("agency", "Notifying agency"),
    ("stage", "Stage reached"),
    ("decision", "Decision"),
    ("review_type", "Review type"),
    ("published_on", "Publication date (DD/MM/YYYY)"),
    ("action", "Action"),
    ("action_agency", "Action owner agency"),
    ("action_due_on", "Action due date (DD/MM/YYYY)"),
    ("action_state", "Action state"),
)
HEADERS = tuple(heading for _, heading in COLUMNS)
HEADING = dict(COLUMNS)
CASE_KEYS = tuple(key for key, _ in COLUMNS[:10])
ACTION_KEYS = tuple(key for key, _ in COLUMNS[10:])
EXAMPLE_ROWS = (
    (
        "SCR-2019-04",
        "14/01/2019",
        "11/02/2019",
        "Alex Example",
        "03/05/2012",
        "Thames Valley Police",
        "Actions monitored",
        "SCR",
        "SILP",
        "20/01/2020",
        "Audit the use of the neglect toolkit in early help",
        "Thames Valley Police",
        "31/03/2020",
        "Complete",
    ),
    (
        "SCR-2019-04",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "Refresh training on bruising in babies",
        "Thames Valley Police",
        "30/06/2020",
        "On track",
    ),
)

# The words a sheet may use, lower case, and the value each stands for (the values are
# the models' choices: `tests/imports` ties them together).
STAGES = {
    "submitted": "submitted",
    "under consideration": "under_consideration",
    "lisg recommended": "lisg_recommended",
    "decided": "decided",
    "scr commissioned": "scr_commissioned",
    "cpir commissioned": "cpir_commissioned",
    "other review or audit commissioned": "other_review_commissioned",
    "no review": "no_review",
    "review in progress": "review_in_progress",
    "report": "report",
    "published": "published",
    "learning disseminated": "learning_disseminated",
    "actions monitored": "actions_monitored",
    "closed": "closed",
    "withdrawn": "withdrawn",
}
# The stage a "decided" case is at, by its decision.
DECIDED_STAGE = {
    "scr": "scr_commissioned",
    "cpir": "cpir_commissioned",
    "other_review": "other_review_commissioned",
    "no_review": "no_review",
}
BEFORE_DECISION = frozenset({"submitted", "under_consideration", "lisg_recommended", "withdrawn"})
REVIEW_STAGES = frozenset(
    {
        "scr_commissioned",
        "cpir_commissioned",
        "other_review_commissioned",
        "review_in_progress",
        "report",
        "published",
        "learning_disseminated",
        "actions_monitored",
    }
)
# Stages by which the review's report has come in.
REPORTED = frozenset({"report", "published", "learning_disseminated", "actions_monitored"})
DECISIONS = {
    "scr": "scr",
    "serious case review": "scr",
    "cpir": "cpir",
    "child protection incident review": "cpir",
    "other review": "other_review",
    "other review or audit": "other_review",
    "audit": "other_review",
    "no review": "no_review",
    "none": "no_review",
}
REVIEWED = frozenset({"scr", "cpir", "other_review"})
REVIEW_TYPES = {
    "scie learning together": "scie_learning_together",
    "learning together": "scie_learning_together",
    "silp": "silp",
    "significant incident learning process": "silp",
    "traditional": "traditional",
    "imr and overview": "traditional",
    "appreciative inquiry": "appreciative_inquiry",
    "multi-agency audit": "audit",
    "audit": "audit",
    "other": "other",
}
ACTION_STATES = {
    "not started": "not_started",
    "on track": "on_track",
    "at risk": "at_risk",
    "overdue": "overdue",
    "complete": "complete",
    "completed": "complete",
}


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one cell: the sheet's row number (the headings are row 1)."""

    row: int
    column: str
    reason: str


@dataclass(frozen=True)
class ActionRow:
    row: int
    description: str
    agency: str
    due_on: datetime.date
    state: str


@dataclass
class CaseRow:
    """One case as the sheet gives it, its words read into the service's values."""

    row: int
    reference: str
    notified_on: datetime.date
    decided_on: datetime.date | None
    child_name: str
    child_born_on: datetime.date | None
    agency: str
    stage: str
    decision: str
    review_type: str
    published_on: datetime.date | None
    actions: list[ActionRow]

    def key(self) -> dict[str, Any]:
        """Everything the sheet says of the case, as plain values: what a re-import is
        compared by."""
        return {
            "reference": self.reference,
            "notified_on": self.notified_on.isoformat(),
            "decided_on": self.decided_on.isoformat() if self.decided_on else None,
            "child_name": self.child_name,
            "child_born_on": self.child_born_on.isoformat() if self.child_born_on else None,
            "agency": self.agency.lower(),
            "stage": self.stage,
            "decision": self.decision,
            "review_type": self.review_type,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "actions": [
                [a.description, a.agency.lower(), a.due_on.isoformat(), a.state]
                for a in self.actions
            ],
        }


class Cells:
    """One row's cells by column key, reading each value and collecting every problem."""

    def __init__(self, number: int, row: list[Any], today: datetime.date) -> None:
        self.number = number
        self.values = {key: row[i] if i < len(row) else None for i, (key, _) in enumerate(COLUMNS)}
        self.today = today
        self.problems: list[RowProblem] = []

    def refuse(self, key: str, reason: str) -> None:
        self.problems.append(RowProblem(self.number, HEADING[key].split(" (")[0], reason))

    def blank(self, key: str) -> bool:
        return self.raw(key) == ""

    def raw(self, key: str) -> str:
        value = self.values.get(key)
        if value is None:
            return ""
        if isinstance(value, datetime.datetime | datetime.date):
            return value.isoformat()
        return str(value).strip()

    def hidden(self, key: str) -> bool:
        """The text rule (docs/adr/0021): a hidden character is refused, said alone (any
        other message would quote the text with it)."""
        value = self.values.get(key)
        if isinstance(value, str):
            hidden = first_hidden(value, multiline=False)
            if hidden is not None:
                self.refuse(key, refusal(hidden, "the cell"))
                return True
        return False

    def text(self, key: str, *, required: str = "", longest: int = MAX_NAME) -> str:
        if self.hidden(key):
            return ""
        text = normalised(self.raw(key))
        if not text and required:
            self.refuse(key, required)
        elif len(text) > longest:
            self.refuse(key, f"Must be {longest:,} characters or fewer")
            return ""
        return text

    def date(self, key: str, *, required: str = "", future: bool = False) -> datetime.date | None:
        if self.hidden(key):
            return None
        if self.blank(key):
            if required:
                self.refuse(key, required)
            return None
        try:
            day = parse_date(self.values[key])
        except EntryProblem as problem:
            self.refuse(key, str(problem))
            return None
        if day > self.today and not future:
            self.refuse(key, "Must be today or in the past")
            return None
        return day

    def word(self, key: str, words: dict[str, str], *, required: str = "") -> str:
        text = self.text(key, required=required)
        if not text:
            return ""
        value = words.get(" ".join(text.lower().split()))
        if value is None:
            allowed = ", ".join(sorted(set(words)))
            self.refuse(key, f"'{text[:40]}' is not one of: {allowed}")
            return ""
        return value


def action_from(cells: Cells) -> ActionRow | None:
    """The row's action, if it has one (any action column filled)."""
    if all(cells.blank(key) for key in ACTION_KEYS):
        return None
    description = cells.text("action", required="Enter the action", longest=MAX_ACTION)
    agency = cells.text("action_agency", required="Enter the agency that owns the action")
    due_on = cells.date("action_due_on", required="Enter the action's due date", future=True)
    state = cells.word("action_state", ACTION_STATES, required="Enter the action's state")
    if not (description and agency and due_on and state):
        return None
    return ActionRow(cells.number, description, agency, due_on, state)


def case_from(cells: Cells) -> CaseRow | None:
    """The case of a reference's first row, its columns checked alone and together."""
    reference = cells.text(
        "reference", required="Enter the board's reference for the case", longest=MAX_REFERENCE
    )
    notified_on = cells.date("notified_on", required="Enter the date the case was notified")
    decided_on = cells.date("decided_on")
    child_name = cells.text("child_name", required="Enter the child's full name")
    born_on = cells.date("child_born_on")
    agency = cells.text("agency", required="Enter the agency that notified the case")
    stage = cells.word("stage", STAGES, required="Enter the stage the case has reached")
    decision = cells.word("decision", DECISIONS)
    review_type = cells.word("review_type", REVIEW_TYPES)
    published_on = cells.date("published_on")
    if cells.problems:
        # The columns are checked together only once each reads alone: a refused cell
        # would otherwise be reported again as missing.
        return None
    if stage == "decided":
        stage = DECIDED_STAGE.get(decision, "")
        if not decision:
            cells.refuse("decision", "Enter the decision: the stage reached is decided")
    if notified_on and decided_on and decided_on < notified_on:
        cells.refuse("decided_on", "Must be on or after the date notified")
    if notified_on and born_on and born_on > notified_on:
        cells.refuse("child_born_on", "Must be before the date notified")
    if decided_on and published_on and published_on < decided_on:
        cells.refuse("published_on", "Must be on or after the date decided")
    if bool(decision) != bool(decided_on):
        if decision:
            cells.refuse("decided_on", "Enter the date decided: the case has a decision")
        else:
            cells.refuse("decision", "Enter the decision: the case has a date decided")
    if stage in BEFORE_DECISION and decision:
        cells.refuse("decision", "Leave empty: a case at this stage is not yet decided")
    if stage and stage not in BEFORE_DECISION and stage != "closed" and not decision:
        cells.refuse("decision", "Enter the decision: a case at this stage has been decided")
    if stage in REVIEW_STAGES and decision and decision not in REVIEWED:
        cells.refuse("decision", "Must be SCR, CPIR or other review: the case has a review")
    if (
        decision in DECIDED_STAGE
        and stage in DECIDED_STAGE.values()
        and stage != DECIDED_STAGE[decision]
    ):
        cells.refuse("stage", "Does not match the decision")
    if review_type and decision not in REVIEWED:
        cells.refuse("review_type", "Leave empty: only a commissioned review has a type")
    if published_on and decision not in REVIEWED:
        cells.refuse("published_on", "Leave empty: only a review's report is published")
    if stage == "published" and not published_on:
        cells.refuse("published_on", "Enter the publication date: the stage is published")
    if cells.problems:
        return None
    assert notified_on is not None
    return CaseRow(
        cells.number,
        reference,
        notified_on,
        decided_on,
        child_name,
        born_on,
        agency,
        stage,
        decision,
        review_type,
        published_on,
        [],
    )

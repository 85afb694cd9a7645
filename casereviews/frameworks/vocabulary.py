"""The frameworks and their words, as data: the one place a page, an e-mail or an export
asks what a case's board, review, review group and decision-makers are called.

Plain Python with no Django import. Templates read it through the `framework_words` tag
(`casereviews.frameworks.templatetags.frameworks`), keyed on the case's framework.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Framework(StrEnum):
    """The statutory frameworks, by the code of the criteria ruleset each is judged by."""

    # Working Together 2015: a Local Safeguarding Children Board, the procedure in
    # docs/procedure (notification, LISG recommendation, Independent Chair's decision, SCR).
    BF_LSCB_2015 = "bf-lscb-2015"
    # Working Together 2023 and the Children Act 2004 as amended by the Children and Social
    # Work Act 2017: safeguarding partners, serious incident notification to the Child
    # Safeguarding Practice Review Panel, rapid review, local child safeguarding practice
    # review (LCSPR).
    WT_2023 = "wt-2023"

    @property
    def label(self) -> str:
        return VOCABULARIES[self].framework


# Every case made before frameworks were data was run under the 2015 procedure.
DEFAULT_FRAMEWORK = Framework.BF_LSCB_2015


@dataclass(frozen=True)
class Vocabulary:
    """What the framework calls things. Lower-case where the word runs on in a sentence;
    templates capitalise at the start of one (`|capfirst`)."""

    framework: str
    # The framework in a table's cell.
    short: str
    # The body whose case it is.
    board: str
    board_full: str
    # The statutory review of the most serious cases.
    review: str
    review_short: str
    # The group that considers a case before the decision.
    review_group: str
    review_group_full: str
    # Who decides whether to hold a review.
    decision_makers: str
    decision: str
    # The national body told of cases and decisions.
    national_panel: str
    # Where the case stands while the agencies are asked: "… while the case is {considered}".
    considered: str
    # The step the agencies' answers are for, which may go ahead without an answer.
    answers_for: str
    # The notification form's opening: "… about a case that may need {notification_for}."
    notification_for: str
    # Its advice on whom to consult and how soon to notify.
    notification_timing: str
    # "What are you asking us to consider?": the choices the form offers, in order (values
    # of `notifications.models.ReviewSought`, which holds every framework's words), the
    # question's hint ("" for none), and the message refusing another framework's choice.
    review_sought: tuple[str, ...]
    review_sought_hint: str
    review_sought_refused: str
    # The hint of the notification form's question "when did the local authority become
    # aware of the incident?"; "" for a framework that never asks it.
    local_authority_aware_hint: str


VOCABULARIES: dict[Framework, Vocabulary] = {
    Framework.BF_LSCB_2015: Vocabulary(
        framework="Working Together 2015: Local Safeguarding Children Board procedure",
        short="LSCB (2015)",
        board="board",
        board_full="Local Safeguarding Children Board",
        review="Serious Case Review",
        review_short="SCR",
        review_group="LISG",
        review_group_full="Learning and Improvement Sub-Group (LISG)",
        decision_makers="the Independent Chair",
        decision="the Independent Chair's decision",
        national_panel="the National Panel of Independent Experts",
        considered="under consideration",
        answers_for="the LISG",
        notification_for="a Serious Case Review or a Child Protection Incident Review",
        notification_timing="Unless it is clear that the criteria are met, consult your "
        "agency's LSCB Representative or Safeguarding Lead Officer first. An inter-agency CPIR "
        "request is due within 24 hours of that consultation.",
        review_sought=("scr", "inter_agency_cpir", "single_agency_cpir", "good_practice"),
        review_sought_hint="",
        review_sought_refused="Select one of the 2015 procedure's reviews: a rapid review "
        "and other Working Together 2023 learning reviews are for a safeguarding "
        "partnership's cases",
        # The 2015 procedure counts nothing from the local authority's awareness.
        local_authority_aware_hint="",
    ),
    Framework.WT_2023: Vocabulary(
        framework="Working Together 2023: safeguarding partnership process",
        short="Partnership (2023)",
        board="safeguarding partnership",
        board_full="local safeguarding partnership",
        review="Local Child Safeguarding Practice Review",
        review_short="LCSPR",
        review_group="the partnership's review group",
        review_group_full="the partnership's review group",
        decision_makers="the safeguarding partners",
        decision="the safeguarding partners' decision",
        national_panel="the Child Safeguarding Practice Review Panel",
        considered="in its rapid review",
        answers_for="the rapid review",
        notification_for="a rapid review: a child has died or been seriously harmed and abuse "
        "or neglect is known or suspected",
        notification_timing="Send it as soon as you know of the incident: the local authority "
        "must notify the Child Safeguarding Practice Review Panel within 5 working days of "
        "becoming aware of it.",
        # Working Together 2023, chapter 5: serious child safeguarding incidents are
        # notified and rapidly reviewed; other cases may still teach through another form
        # of learning review.
        review_sought=("serious_incident", "other_learning_review"),
        review_sought_hint="Working Together to Safeguard Children 2023, chapter 5: when a "
        "child dies or is seriously harmed and abuse or neglect is known or suspected, the "
        "local authority notifies the Child Safeguarding Practice Review Panel and the "
        "safeguarding partners carry out a rapid review, then decide whether a local child "
        "safeguarding practice review is needed. A case that may not meet those criteria can "
        "still be learned from through another form of learning review.",
        review_sought_refused="Select a rapid review of a serious incident, or learning from "
        "a case that may not meet those criteria: the safeguarding partnership follows "
        "Working Together 2023, which has no Serious Case Reviews or Child Protection "
        "Incident Reviews",
        local_authority_aware_hint="The local authority must notify the Child Safeguarding "
        "Practice Review Panel within 5 working days of becoming aware of the incident, and "
        "that is when the 5 working days start. Leave it blank if you do not know; the "
        "safeguarding partnership's Business Manager can record it.",
    ),
}
# Words a framework may do without.
OPTIONAL_WORDS = frozenset({"review_sought_hint", "local_authority_aware_hint"})

FRAMEWORK_CHOICES = [(f.value, f.label) for f in Framework]


def framework_of(code: str | None) -> Framework:
    """The framework with this code; a case not yet submitted (no code) has none stored,
    and callers pass the board's framework in force instead."""
    return Framework(code) if code else DEFAULT_FRAMEWORK


def vocabulary(code: str | None) -> Vocabulary:
    return VOCABULARIES[framework_of(code)]


# A framework's editions of the statutory guidance, oldest first: the day each came into
# force and its name in the framework's sentence. A safeguarding partnership's period before
# Working Together 2023 (published 15 December 2023) ran Working Together 2018: the same
# rules (the notification to the Panel, the rapid review, the partners' decision), its own
# citations and words.
EDITIONS: dict[Framework, tuple[tuple[date, str], ...]] = {
    Framework.WT_2023: (
        (date(2018, 6, 29), "Working Together 2018: safeguarding partnership process"),
        (date(2023, 12, 15), "Working Together 2023: safeguarding partnership process"),
    ),
}


def edition_label(code: str | None, notified_on: date | None) -> str:
    """The framework's name in the edition in force on the day the case was first notified
    (a case keeps it, as it keeps its framework); a draft, the newest edition's."""
    framework = framework_of(code)
    editions = EDITIONS.get(framework)
    if not editions:
        return VOCABULARIES[framework].framework
    label = editions[-1][1]
    if notified_on is not None:
        for starts, name in editions:
            if notified_on >= starts:
                label = name
    return label

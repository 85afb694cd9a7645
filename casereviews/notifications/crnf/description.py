"""The Case Review Notification Form (CRNF A), described once: its pages in order, and
every question with its page, its stored place, its API path, its conversion (its
`Kind`), its summary label and its limits (`casereviews.notifications.crnf.model`).
The rows' questions, the choices and the limits are beside it (`rows.py`, `choices.py`,
`limits.py`) and named from here, so every part reads the description from one place.

Adding a question is one entry here (and a column, if it is kept in one): the page's
form, saving, the API, check your answers, the case page and the PDF follow, and
`tests/notifications/test_crnf_description.py` proves each of them does."""

from __future__ import annotations

import datetime
from typing import Any

from casereviews.criteria import DeathSetting
from casereviews.frameworks.vocabulary import VOCABULARIES, Framework
from casereviews.notifications.crnf.choices import (
    ABUSE_OR_NEGLECT,
    DEATH_SETTING_NONE,
    DEATH_SETTINGS,
    LEARNING_CHOICES,
    PARALLEL_FACTS,
    PARALLEL_PROCESSES,
    YES_NO,
    YES_NO_UNCLEAR,
    YES_NO_UNKNOWN,
)
from casereviews.notifications.crnf.limits import (
    ACCOUNT_LENGTH,
    ADDRESS_LENGTH,
    ANSWER_LENGTH,
    MAX_AGENCIES,
    MAX_CHILDREN,
    MAX_FAMILY_MEMBERS,
    NAME_LENGTH,
    SHORT_TEXT_LENGTH,
    RowLimit,
)
from casereviews.notifications.crnf.model import (
    UNSET,
    Agencies,
    Column,
    ConsultedAt,
    Fact,
    FactFlags,
    Kind,
    Page,
    Question,
)
from casereviews.notifications.crnf.rows import (
    CHILD_QUESTIONS,
    FAMILY_QUESTIONS,
)
from casereviews.notifications.models import ConsultedWith, ReviewSought


def _review_sought_offered(notification: Any) -> bool:
    # A draft started while its board ran the 2015 procedure, and sent once it has become
    # a partnership, follows Working Together 2023: a 2015 choice is asked again.
    offered = VOCABULARIES[notification.framework_in_force()].review_sought
    return bool(notification.review_sought in offered)


def _asks_local_authority_aware(notification: Any) -> bool:
    # Only a framework whose Panel-notification clock starts there asks it (wt-2023).
    return bool(VOCABULARIES[notification.framework_in_force()].local_authority_aware_hint)


def _child_died(notification: Any) -> bool:
    return notification.criteria_facts.get("child_died") is True


def _after_consultation(notification: Any, cleaned: dict[str, Any]) -> None:
    # A reason for not consulting is kept only when no one was consulted.
    if notification.consulted_with != ConsultedWith.NONE:
        notification.not_consulted_reason = ""


def _after_harm(notification: Any, cleaned: dict[str, Any]) -> None:
    facts = dict(notification.criteria_facts)
    if facts.get("child_died") is False:
        # A child who did not die did not die by suicide or in a listed setting.
        facts["suspected_suicide"] = False
        facts["death_setting"] = DeathSetting.NONE.value
        notification.answered_pages = [p for p in notification.answered_pages if p != "death"]
    elif "death" not in notification.answered_pages:
        # Now the child died: the death page is asked afresh, never assumed.
        facts.pop("suspected_suicide", None)
        facts.pop("death_setting", None)
    notification.criteria_facts = facts


PAGES: tuple[Page, ...] = (
    Page(
        "review-sought", "What you are asking us to consider", still_answered=_review_sought_offered
    ),
    Page("your-details", "Your details"),
    Page("consultation", "Consultation before notifying", after_save=_after_consultation),
    Page("incident", "The incident"),
    Page("children", "The child or children", rows=True),
    Page("what-happened", "What happened"),
    Page("harm", "Harm to the child", after_save=_after_harm),
    Page("death", "The child's death", applies=_child_died),
    Page("abuse-or-neglect", "Abuse or neglect"),
    Page("working-together", "How agencies worked together"),
    Page("learning", "Learning and good practice"),
    Page("family", "Family members and significant others", rows=True),
    Page("agencies", "Agencies involved"),
    Page("parallel-processes", "Other processes under way"),
    Page("documents", "Upload documents", optional=True, rows=True),
)
PAGES_BY_SLUG = {page.slug: page for page in PAGES}

Q = Question
QUESTIONS: tuple[Question, ...] = (
    Q(
        "review_sought",
        "review-sought",
        Kind.CHOICE,
        "What are you asking us to consider?",
        "Review sought",
        "review_sought",
        Column("review_sought"),
        "Select what you are asking us to consider",
        # Every framework's; the page and the API accept the framework's own
        # (`notifications.forms.ReviewSoughtChecks`).
        choices=ReviewSought.choices,
        api_help="Accepted by the framework the board has in force: "
        + "; ".join(
            f"{framework.value}: {', '.join(words.review_sought)}"
            for framework, words in VOCABULARIES.items()
        )
        + ".",
        example="inter_agency_cpir",
    ),
    Q(
        "notifier_name",
        "your-details",
        Kind.NAME,
        "Your full name",
        "Name",
        "notifier.name",
        Column("notifier_name"),
        "Enter your full name",
        max_length=NAME_LENGTH,
        api_help="Default: the name on the token's account.",
        example="Priya Shah",
    ),
    Q(
        "notifier_job_title",
        "your-details",
        Kind.TEXT,
        "Your job title",
        "Job title",
        "notifier.job_title",
        Column("notifier_job_title"),
        "Enter your job title",
        max_length=NAME_LENGTH,
        api_help="Default: the job title on the token's account.",
        example="Detective Sergeant",
    ),
    Q(
        "notifier_telephone",
        "your-details",
        Kind.TELEPHONE,
        "Your telephone number",
        "Telephone",
        "notifier.telephone",
        Column("notifier_telephone"),
        "Enter a telephone number",
        "We may call you about this notification. For example, 01344 352000 or +44 1344 352000.",
        max_length=40,
        example="01344 352000",
    ),
    Q(
        "consulted_with",
        "consultation",
        Kind.CHOICE,
        "Who did you consult before notifying us?",
        "Consulted",
        "consultation.consulted_with",
        Column("consulted_with"),
        "Select who you consulted before notifying us",
        "Consult your agency's safeguarding lead (under the 2015 procedure, its LSCB "
        "Representative or Safeguarding Lead Officer), and for a single-agency review the "
        "Business Manager too.",
        choices=ConsultedWith.choices,
        reveals={ConsultedWith.NONE.value: "not_consulted_reason"},
        example="agency_lead",
    ),
    Q(
        "not_consulted_reason",
        "consultation",
        Kind.LONG_TEXT,
        "If you have not consulted anyone, tell us why",
        "Why no one was consulted",
        "consultation.not_consulted_reason",
        Column("not_consulted_reason"),
        max_length=ANSWER_LENGTH,
        shown=lambda n: n.consulted_with == ConsultedWith.NONE,
        api_help="Required when `consulted_with` is `none`.",
        example="",
    ),
    Q(
        "consultation_date",
        "consultation",
        Kind.DATE,
        "Date of the consultation",
        "Date of the consultation",
        "consultation.date",
        ConsultedAt("date"),
        hint="For example, 27 3 2026",
        shown=lambda n: n.consulted_with != ConsultedWith.NONE,
        api_help="The day of the consultation (the 24-hour clock starts then).",
        example=datetime.date(2026, 11, 25),
    ),
    Q(
        "consultation_time",
        "consultation",
        Kind.TIME,
        "Time of the consultation",
        "Time of the consultation",
        "consultation.time",
        ConsultedAt("time"),
        hint="Use the 24-hour clock, for example 14:30. An inter-agency CPIR request is "
        "due within 24 hours of the consultation.",
        max_length=5,
        shown=lambda n: n.consulted_with != ConsultedWith.NONE,
        api_help="24-hour clock, like 14:30 (UK time).",
        example="09:30",
    ),
    Q(
        "incident_date",
        "incident",
        Kind.DATE,
        "Date of the incident",
        "Date of the incident",
        "incident.date",
        Column("incident_date"),
        "Enter the date of the incident",
        "For example, 27 3 2026",
        example=datetime.date(2026, 11, 20),
    ),
    Q(
        "local_authority_aware_on",
        "incident",
        Kind.DATE,
        "When did the local authority become aware of the incident? (optional)",
        "Local authority aware of the incident",
        "incident.local_authority_aware_on",
        Column("local_authority_aware_on"),
        # Asked by the page of a framework that counts from it, in that framework's words
        # (`notifications.forms.IncidentChecks`).
        hint=VOCABULARIES[Framework.WT_2023].local_authority_aware_hint,
        shown=_asks_local_authority_aware,
        api_help="Asked under wt-2023 only (ignored for a board running the 2015 procedure): "
        "the day the local authority became aware of the incident, from which the 5 working "
        "days for notifying the Child Safeguarding Practice Review Panel count; null: not "
        "known, and they count from submission. Not in the future, nor before the incident.",
        example=datetime.date(2026, 11, 23),
    ),
    Q(
        "incident_place",
        "incident",
        Kind.LONG_TEXT,
        "Where was the child at the time?",
        "Where the child was",
        "incident.place",
        Column("incident_place"),
        "Enter where the child was at the time",
        max_length=ANSWER_LENGTH,
        example="At home",
    ),
    Q(
        "incident_with_whom",
        "incident",
        Kind.LONG_TEXT,
        "Who was the child with at the time?",
        "Who the child was with",
        "incident.with_whom",
        Column("incident_with_whom"),
        "Enter who the child was with at the time",
        max_length=ANSWER_LENGTH,
        example="Her mother's partner",
    ),
    Q(
        "what_happened",
        "what-happened",
        Kind.LONG_TEXT,
        "What happened?",
        "What happened",
        "what_happened",
        Column("what_happened"),
        "Enter what happened",
        "Describe the incident and what led to it, as far as you know it now.",
        max_length=ACCOUNT_LENGTH,
        example="Admitted to hospital with injuries.",
    ),
    Q(
        "child_died",
        "harm",
        Kind.YES_NO,
        "Did the child die?",
        "Did the child die?",
        "criteria_facts.child_died",
        Fact("child_died"),
        "Select yes if the child died",
        choices=YES_NO,
        example=False,
    ),
    Q(
        "seriously_harmed",
        "harm",
        Kind.YES_NO_UNKNOWN,
        "Was the child seriously harmed?",
        "Seriously harmed",
        "criteria_facts.seriously_harmed",
        Fact("seriously_harmed"),
        "Select whether the child was seriously harmed",
        choices=YES_NO_UNKNOWN,
        api_help="null: not known.",
        example=True,
    ),
    Q(
        "suspected_suicide",
        "death",
        Kind.YES_NO_UNKNOWN,
        "Is the death a suspected suicide?",
        "Suspected suicide",
        "criteria_facts.suspected_suicide",
        Fact("suspected_suicide"),
        "Select whether the death is a suspected suicide",
        choices=YES_NO_UNKNOWN,
        shown=_child_died,
        api_help="Asked when the child died; null: not known.",
        example=None,
    ),
    Q(
        "death_setting",
        "death",
        Kind.CHOICE,
        "Where did the child die?",
        "Where the child died",
        "criteria_facts.death_setting",
        Fact("death_setting"),
        "Select where the child died, or 'None of these'",
        choices=DEATH_SETTINGS,
        summary_choices={DeathSetting.NONE.value: DEATH_SETTING_NONE},
        shown=_child_died,
        example="secure_childrens_home",
    ),
    Q(
        "abuse_or_neglect",
        "abuse-or-neglect",
        Kind.CHOICE,
        "Is abuse or neglect of the child known or suspected?",
        "Abuse or neglect",
        "criteria_facts.abuse_or_neglect",
        Fact("abuse_or_neglect"),
        "Select whether abuse or neglect is known or suspected",
        choices=ABUSE_OR_NEGLECT,
        example="suspected",
    ),
    Q(
        "inter_agency_concern",
        "working-together",
        Kind.CHOICE,
        "Is there cause for concern about the way agencies worked together to safeguard the child?",
        "Concern about how agencies worked together",
        "criteria_facts.inter_agency_concern",
        Fact("inter_agency_concern"),
        "Select whether there is cause for concern about how agencies worked together",
        choices=YES_NO_UNCLEAR,
        example="unclear",
    ),
    Q(
        "standards_not_met",
        "working-together",
        Kind.CHOICE,
        "Were legal or policy requirements, or the local inter-agency standards, not met "
        "by people or organisations?",
        "Requirements or standards not met",
        "criteria_facts.standards_not_met",
        Fact("standards_not_met"),
        "Select whether requirements or standards were not met",
        choices=YES_NO_UNCLEAR,
        example="yes",
    ),
    Q(
        "learning",
        "learning",
        Kind.CHOICES,
        "What could a review teach us about?",
        "Learning",
        "criteria_facts.learning",
        Fact("learning"),
        "Select what a review could teach us, or 'None identified yet'",
        "Select all that apply.",
        choices=LEARNING_CHOICES,
        exclusive="none",
        api_help="Empty: none identified yet.",
        example=["working_together", "local_services"],
    ),
    Q(
        "good_practice",
        "learning",
        Kind.YES_NO,
        "Is there good practice that could be shared?",
        "Good practice to share",
        "criteria_facts.good_practice",
        Fact("good_practice"),
        "Select yes if there is good practice that could be shared",
        choices=YES_NO,
        example=True,
    ),
    Q(
        "similar_issues_previously_reviewed",
        "learning",
        Kind.YES_NO_UNKNOWN,
        "Have similar issues been the subject of an earlier review?",
        "Similar issues reviewed before",
        "criteria_facts.similar_issues_previously_reviewed",
        Fact("similar_issues_previously_reviewed"),
        "Select whether similar issues have been reviewed before",
        choices=YES_NO_UNKNOWN,
        api_help="null: not known.",
        example=False,
    ),
    Q(
        "agencies",
        "agencies",
        Kind.AGENCIES,
        "Which agencies are known to be involved with the child or family?",
        "Agencies",
        "agencies",
        Agencies(),
        api_help="Ids of the board's partner organisations known to be involved.",
        example=[],
    ),
    Q(
        "other_agencies",
        "agencies",
        Kind.LONG_TEXT,
        "Other agencies involved (optional)",
        "Other agencies",
        "other_agencies",
        Column("other_agencies"),
        max_length=ANSWER_LENGTH,
        example="GP surgery",
    ),
    Q(
        "processes",
        "parallel-processes",
        Kind.CHOICES,
        "Which other processes are known to be under way?",
        "Processes",
        "parallel_processes",
        FactFlags(PARALLEL_FACTS),
        "Select the processes under way, or 'None known'",
        "Select all that apply.",
        choices=PARALLEL_PROCESSES,
        exclusive="none",
        api_omitted_is_unknown=True,
        api_help="The parallel processes known to be under way; empty: none known; "
        "left out or null: not known.",
        example=["criminal_proceedings", "coroner_inquest"],
    ),
    Q(
        "parallel_process_details",
        "parallel-processes",
        Kind.LONG_TEXT,
        "Details of these processes (optional)",
        "Details",
        "parallel_process_details",
        Column("parallel_process_details"),
        hint="For example, the investigating officer or the coroner's office.",
        max_length=ANSWER_LENGTH,
        example="DC Ellis, Bracknell CID",
    ),
)


def questions_on(slug: str) -> tuple[Question, ...]:
    return tuple(q for q in QUESTIONS if q.page == slug)


def question(name: str) -> Question:
    return next(q for q in QUESTIONS if q.name == name)


def example_value(q: Question) -> Any:
    return None if q.example is UNSET else q.example


def fact_answer_text(name: str, value: Any) -> str | None:
    """A criteria fact's value in the words its question's summary uses ("Where the child
    died: Not in custody, detention or a secure setting", never "None"); None for a fact
    no question asks."""
    for q in QUESTIONS:
        if isinstance(q.place, Fact) and q.place.name == name:
            return q.shown_text(value)
    return None


# The description's parts, named from here.
__all__ = [
    "ABUSE_OR_NEGLECT",
    "ACCOUNT_LENGTH",
    "ADDRESS_LENGTH",
    "ANSWER_LENGTH",
    "CHILD_QUESTIONS",
    "DEATH_SETTINGS",
    "DEATH_SETTING_NONE",
    "FAMILY_QUESTIONS",
    "LEARNING_CHOICES",
    "MAX_AGENCIES",
    "MAX_CHILDREN",
    "MAX_FAMILY_MEMBERS",
    "NAME_LENGTH",
    "PAGES",
    "PAGES_BY_SLUG",
    "PARALLEL_FACTS",
    "PARALLEL_PROCESSES",
    "QUESTIONS",
    "SHORT_TEXT_LENGTH",
    "YES_NO",
    "YES_NO_UNCLEAR",
    "YES_NO_UNKNOWN",
    "RowLimit",
    "example_value",
    "fact_answer_text",
    "question",
    "questions_on",
]

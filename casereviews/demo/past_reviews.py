"""Demonstration past reviews: each board's library of earlier learning (invented titles).

Called by `casereviews.demo.boards.load_demo_data`; idempotent like it."""

from __future__ import annotations

import datetime

from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.assessments.models import PastReview, ReviewType, Theme
from casereviews.boards.models import Board, Role
from casereviews.learning.models import Briefing

# What the library page of one review shows, and the briefing of partners on it
# (invented, like the titles).
FINDINGS = {
    "Baby A: bruising in a non-mobile infant": (
        "Bruising on a baby who could not yet move was seen by two professionals and "
        "explained away; neither referred to children's social care.",
        "Every agency to adopt the board's protocol for bruising in non-mobile babies; "
        "single-agency audits of its use within six months.",
        "The protocol for bruising in non-mobile babies, and the audit's findings",
        "Partner agencies at the board meeting",
        datetime.date(2015, 3, 12),
    ),
}

PAST_REVIEWS: tuple[tuple[str, str, int, ReviewType, tuple[str, ...]], ...] = (
    (
        "BF",
        "Baby A: bruising in a non-mobile infant",
        2014,
        ReviewType.SCR,
        ("bruising-non-mobile-babies", "domestic-abuse"),
    ),
    (
        "BF",
        "Family B: chronic neglect and parental substance misuse",
        2013,
        ReviewType.SCR,
        ("neglect", "substance-misuse", "parental-mental-health"),
    ),
    (
        "BF",
        "Young person C: risk outside the home",
        2015,
        ReviewType.CPIR,
        ("adolescent-risk-outside-home", "child-sexual-exploitation"),
    ),
    (
        "BF",
        "Audit of sudden unexpected deaths in infancy",
        2012,
        ReviewType.OTHER,
        ("sudden-unexpected-death-in-infancy",),
    ),
    (
        "RBWM",
        "Child D: domestic abuse and parental mental health",
        2014,
        ReviewType.SCR,
        ("domestic-abuse", "parental-mental-health"),
    ),
)


def load_past_reviews() -> None:
    boards = {board.code: board for board in Board.objects.all()}
    themes = {theme.code: theme for theme in Theme.objects.all()}
    for code, title, year, review_type, theme_codes in PAST_REVIEWS:
        if code not in boards:
            continue
        review, _ = PastReview.objects.update_or_create(
            board=boards[code], title=title, defaults={"year": year, "type": review_type}
        )
        review.themes.set([themes[c] for c in theme_codes if c in themes])
        if title in FINDINGS:
            _findings(review, *FINDINGS[title])


def _findings(
    review: PastReview,
    key_findings: str,
    recommendations: str,
    what: str,
    to_whom: str,
    given_on: datetime.date,
) -> None:
    review.key_findings, review.recommendations = key_findings, recommendations
    review.save(update_fields=["key_findings", "recommendations"])
    manager = User.objects.filter(
        role_grants__board=review.board, role_grants__role=Role.BUSINESS_MANAGER
    ).first()
    if manager is not None:
        Briefing.objects.get_or_create(
            past_review=review,
            to_whom=to_whom,
            given_on=given_on,
            defaults={"what": what, "recorded_by": manager, "recorded_at": timezone.now()},
        )

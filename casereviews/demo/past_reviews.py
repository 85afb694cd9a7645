"""Demonstration past reviews: each board's library of earlier learning (invented titles).

Called by `casereviews.demo.boards.load_demo_data`; idempotent like it."""

from __future__ import annotations

from casereviews.assessments.models import PastReview, ReviewType, Theme
from casereviews.boards.models import Board

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

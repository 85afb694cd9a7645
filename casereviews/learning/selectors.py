"""Reads of the learning app: the search of cases and the lessons library.

Every search reads the cases the person may see in the board (the policy's own rule,
`notifications.policy.visible_in_board`), narrowed by the terms, one keyset page at a
time on the index of the board's cases newest first. Each term is an `EXISTS` on an
index of the table it reads, so no term multiplies the rows.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower, Trim

from casereviews.accounts.models import User
from casereviews.assessments.models import NotificationTheme, PastReview, Theme
from casereviews.audit.selectors import search_period
from casereviews.boards.models import Board, Organisation
from casereviews.decisions.models import ChairDecision, InvolvementRequest
from casereviews.learning.models import Briefing
from casereviews.notifications.models import Child, Notification, Status
from casereviews.notifications.policy import viewable_in_board
from casereviews.notifications.selectors import notification_list

# Results and the library: newest first, on `notification_board_newest` and
# `past_review_board_newest`.
NEWEST_SUBMITTED_FIRST = ("-submitted_at", "-id")
NEWEST_YEAR_FIRST = ("-year", "-id")
NEWEST_BRIEFING_FIRST = ("-given_on", "-id")


@dataclass(frozen=True)
class SearchTerms:
    reference: str = ""
    theme: Theme | None = None
    agency: Organisation | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    outcome: str = ""
    status: str = ""
    child_name: str = ""

    def __bool__(self) -> bool:
        return any(
            (
                self.reference,
                self.theme,
                self.agency,
                self.date_from,
                self.date_to,
                self.outcome,
                self.status,
                self.child_name,
            )
        )


def name_key(name: str) -> str:
    """A child's name as the search compares it: case and surrounding spaces ignored."""
    return name.strip().lower()


def case_search(user: User, board: Board, terms: SearchTerms) -> QuerySet[Notification]:
    """The submitted cases of the board that this person may see and that match every
    term given."""
    found = viewable_in_board(user, board).exclude(status=Status.DRAFT)
    if terms.reference:
        found = found.filter(reference__startswith=terms.reference.upper())
    if terms.theme is not None:
        found = found.filter(
            Exists(NotificationTheme.objects.filter(notification=OuterRef("pk"), theme=terms.theme))
        )
    if terms.agency is not None:
        # The notifying agency, an agency named as involved, or one asked for information.
        named = Notification.agencies.through.objects.filter(
            notification=OuterRef("pk"), organisation=terms.agency
        )
        asked = InvolvementRequest.objects.filter(
            notification=OuterRef("pk"), organisation=terms.agency
        )
        found = found.filter(Q(organisation=terms.agency) | Exists(named) | Exists(asked))
    if terms.date_from or terms.date_to:
        start, end = search_period(terms.date_from, terms.date_to)
        if terms.date_from:
            found = found.filter(submitted_at__gte=start)
        found = found.filter(submitted_at__lt=end)
    if terms.outcome:
        # The decision that stands: one no later decision has replaced (an escalation).
        found = found.filter(
            Exists(
                ChairDecision.objects.filter(
                    notification=OuterRef("pk"),
                    decision=terms.outcome,
                    escalated_to__isnull=True,
                )
            )
        )
    if terms.status:
        found = found.filter(status=terms.status)
    if terms.child_name:
        found = found.filter(
            Exists(
                Child.objects.annotate(key=Lower(Trim("full_name"))).filter(
                    notification=OuterRef("pk"), key=name_key(terms.child_name)
                )
            )
        )
    return notification_list(found)


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("name")


def board_agencies(board: Board) -> QuerySet[Organisation]:
    return board.partners.order_by("name")


# The library: only what its list shows.
LIBRARY_COLUMNS = ("title", "year", "type", "published_url", "notification__reference")


def library(board: Board, *, theme: Theme | None = None) -> QuerySet[PastReview]:
    """The board's past reviews, optionally those about one theme."""
    entries = PastReview.objects.filter(board=board)
    if theme is not None:
        entries = entries.filter(
            Exists(PastReview.themes.through.objects.filter(pastreview=OuterRef("pk"), theme=theme))
        )
    return entries.select_related("notification").only(*LIBRARY_COLUMNS)


def briefings_of(entry: PastReview) -> QuerySet[Briefing]:
    return Briefing.objects.filter(past_review=entry).only(
        "what", "to_whom", "given_on", "past_review_id"
    )

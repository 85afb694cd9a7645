"""A case the Independent Chair has commissioned a review of, with the records a real one
has by then: the LISG's recommendation, the Chair's decision and an agency that answered
that it was involved with the child and family."""

from __future__ import annotations

import datetime

from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Organisation, Role
from casereviews.decisions.models import (
    InvolvementRequest,
    InvolvementRequestStatus,
)
from casereviews.involvement.models import InvolvementReturn
from casereviews.notifications.models import Notification, Status
from tests.factories import (
    ChairDecisionFactory,
    LisgRecommendationFactory,
    NotificationFactory,
    OrganisationFactory,
)

INVOLVED_AGENCY = "Berkshire Healthcare NHS Foundation Trust"


def commissioned(
    board: Board,
    people: dict[Role, User],
    *,
    kind: str = "scr",
    status: Status = Status.SCR_COMMISSIONED,
) -> Notification:
    # Notified months ago, as a commissioned review's case is: its records are dated after.
    case = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        status=status,
        submitted_at=timezone.now() - datetime.timedelta(days=120),
    )
    LisgRecommendationFactory.create(
        notification=case,
        review_type=kind,
        recorded_by=people[Role.LISG_MEMBER],
    )
    ChairDecisionFactory.create(
        notification=case, decision=kind, decided_by=people[Role.INDEPENDENT_CHAIR]
    )
    involved = involved_agency(board)
    asked = InvolvementRequest.objects.create(
        notification=case,
        organisation=involved,
        requested_by=people[Role.BUSINESS_MANAGER],
        requested_at=timezone.now(),
        due_at=timezone.now() + datetime.timedelta(days=14),
        status=InvolvementRequestStatus.ANSWERED,
        answered_at=timezone.now(),
    )
    InvolvementReturn.objects.create(
        request=asked,
        state="submitted",
        involvement="involved",
        summary="Health visiting from birth",
        created_by=people[Role.BUSINESS_MANAGER],
        created_at=timezone.now(),
        submitted_by=people[Role.BUSINESS_MANAGER],
        submitted_at=timezone.now(),
    )
    return case


def involved_agency(board: Board) -> Organisation:
    agency = OrganisationFactory.create(name=INVOLVED_AGENCY)
    board.partners.add(agency)
    return agency


def independent_agency(board: Board) -> Organisation:
    agency = OrganisationFactory.create(name="Surrey County Council")
    board.partners.add(agency)
    return agency

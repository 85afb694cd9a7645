"""Need to know for agencies' returns (DESIGN.md section 6): an agency sees only the
requests addressed to it and its own returns; the Business Manager, the LISG members who
have the case before them and the Independent Chair see every agency's chronology; an
agency sees the merged chronology only once the Business Manager has shared it with it."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.decisions.models import InvolvementRequest, InvolvementRequestStatus
from casereviews.involvement.models import LisgMeeting
from casereviews.notifications.models import BEFORE_THE_LISG, Notification, Status
from casereviews.notifications.policy import case_scope
from casereviews.policy import Action, boards_where, register_scope, scope

BUSINESS_MANAGER_STEPS = (
    Action.CHRONOLOGY_SHARE,
    Action.LISG_MEETING_ASSIGN,
    Action.LISG_GO_AHEAD_RECORD,
    Action.DISCLOSURE_DECISION_RECORD,
    Action.PARALLEL_PROCESS_RECORD,
)


def cases_of_the_business_manager(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    return cases


case_scope(Notification, *BUSINESS_MANAGER_STEPS, roles=(Role.BUSINESS_MANAGER,))(
    cases_of_the_business_manager
)


def _addressed_to_my_agency(user: User) -> Q:
    """The requests addressed to the person's organisation, in the boards where they are
    its agency lead: an agency answers for its own records (DESIGN.md section 6)."""
    return Q(
        organisation=user.organisation_id,
        notification__board__in=boards_where(user, Role.AGENCY_LEAD),
    )


@case_scope(
    InvolvementRequest,
    Action.INVOLVEMENT_ANSWER,
    roles=(),
    case="notification",
    addressed=_addressed_to_my_agency,
)
def requests_to_my_agency(
    user: User, action: Action, requests: QuerySet[InvolvementRequest]
) -> QuerySet[InvolvementRequest]:
    """A cancelled request, or one of a case withdrawn, is gone from their view."""
    return (
        requests.exclude(status=InvolvementRequestStatus.CANCELLED)
        .exclude(notification__status__in=(Status.DRAFT, Status.WITHDRAWN))
        .select_related("notification", "organisation")
    )


# The board's deliberations (disclosure decisions, parallel processes, the agencies'
# chronologies): the Business Manager and the Chair on every submitted case of their
# board; a LISG member on the cases before their meeting, conflicts of interest apart.
DELIBERATING = (Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR, Role.LISG_MEMBER)


@case_scope(Notification, Action.CASE_PAPERS_VIEW, roles=DELIBERATING)
def cases_whose_papers_i_may_see(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    return cases.select_related("board")


def _shared_with_my_agency(user: User) -> Q:
    """A merged chronology the Business Manager shared with the person's agency, in the
    boards where they are its agency lead."""
    shared = Notification.objects.filter(
        chronology_shares__organisation=user.organisation_id,
        board__in=boards_where(user, Role.AGENCY_LEAD),
    ).values("pk")
    return ~Q(status=Status.DRAFT) & Q(pk__in=shared)


@case_scope(
    Notification, Action.CHRONOLOGY_VIEW, roles=DELIBERATING, addressed=_shared_with_my_agency
)
def cases_whose_chronology_i_may_see(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    return cases.select_related("board")


@case_scope(Notification, Action.PROCEDURE_AGREE, roles=(Role.LISG_MEMBER,))
def cases_before_my_lisg(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    """The LISG agrees which procedure is most appropriate (Procedure A 5(i))."""
    return cases.filter(status__in=BEFORE_THE_LISG).select_related("board")


@register_scope(LisgMeeting, Action.LISG_MEETING_VIEW)
def meetings_i_may_see(user: User, action: Action) -> QuerySet[LisgMeeting]:
    """The Business Manager and the Chair: every meeting of their board; anyone else with
    a staff role: the meetings they are a member of."""
    board_wide = boards_where(user, Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR)
    mine = Q(
        board__in=boards_where(user, Role.LISG_MEMBER, Role.INDEPENDENT_CHAIR),
        pk__in=LisgMeeting.objects.filter(members__user=user).values("pk"),
    )
    return LisgMeeting.objects.filter(Q(board__in=board_wide) | mine).select_related("board")


@register_scope(LisgMeeting, Action.LISG_MEETING_MANAGE)
def meetings_i_manage(user: User, action: Action) -> QuerySet[LisgMeeting]:
    return LisgMeeting.objects.filter(
        board__in=boards_where(user, Role.BUSINESS_MANAGER)
    ).select_related("board")


@register_scope(LisgMeeting, Action.LISG_CONFLICT_DECLARE)
def meetings_where_i_may_declare(user: User, action: Action) -> QuerySet[LisgMeeting]:
    """The Business Manager for any member; a member for themselves."""
    mine = LisgMeeting.objects.filter(members__user=user).values("pk")
    return scope(user, Action.LISG_MEETING_VIEW).filter(
        Q(board__in=boards_where(user, Role.BUSINESS_MANAGER)) | Q(pk__in=mine)
    )

"""Who may see which notifications (DESIGN.md section 6: need to know), and the one way a
scope over a case or a case's records is built (docs/adr/0027-one-rule-of-sight.md).

`case_sight` is the rule of who sees a case, role by role. Every scope over a case or a
record that belongs to one is registered through `case_scope`, which names the roles
that take the action and builds the scope from the sight those roles give: a role alone
never widens it. A record addressed to an agency (a request for its involvement, an
action it owns, a chronology shared with it) may be opened to that agency by name
(`addressed`), beside the rule. `tests/policy/test_rule_of_sight.py` fails for a scope
over a case's records registered any other way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model, Q, QuerySet

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Role
from casereviews.notifications.models import (
    EDITABLE_BY_NOTIFIER,
    OPEN,
    Notification,
    Status,
)
from casereviews.policy import Action, board_roles, boards_where, in_rule, register_scope

# Every role, and so everyone who sees a case at all (`Action.NOTIFICATION_VIEW`).
EVERY_ROLE = frozenset(Role)


def lisg_member_sees(user: User, boards: list[int], *, through: str = "") -> Q:
    """A LISG member's sight (docs/adr/0011-lisg-meetings.md): in the boards where they
    hold the role, the open cases on the agenda of a LISG meeting they belong to, except a
    case for which they declared a conflict of interest. They keep seeing a case after the
    Chair decides, while it is open, because the LISG agrees the family's and the press's
    communications throughout (Procedure A 4(v)).

    Written over the meeting's relations by name: the meetings live in a higher app
    (`involvement`), which this layer does not import."""
    if not boards:
        return Q(**{f"{through}pk__in": []})
    on_my_agenda = (
        Notification.objects.filter(
            board__in=boards,
            status__in=OPEN,
            lisg_meeting_case__meeting__members__user=user,
        )
        .exclude(lisg_conflicts__member=user)
        .values("pk")
    )
    return Q(**{f"{through}pk__in": on_my_agenda})


def case_sight(
    user: User,
    roles: Iterable[Role] = EVERY_ROLE,
    *,
    through: str = "",
    board: Board | None = None,
) -> Q:
    """The cases `user` sees by holding one of `roles` in a case's board: the one rule of
    sight, role by role.

    - Notifier: the cases they notified themselves, drafts included (drafts are their
      author's alone).
    - Agency lead: the submitted cases their organisation notified.
    - Business Manager, Independent Chair and a safeguarding partner's representative:
      every submitted case of their board.
    - LISG member: `lisg_member_sees`.

    `through` is the path to the case from another model (`"notification__"`). With
    `board`, the rule for that board's roles alone, without a condition on the board (the
    caller adds `board=…`, which the indexes beginning with the board serve, instead of an
    OR over every board of the person that none can)."""
    wanted = frozenset(roles)

    def boards(*of: Role) -> list[int]:
        if board is None:
            return boards_where(user, *(set(of) & wanted))
        held = board_roles(user).get(board.pk, frozenset()) & wanted & set(of)
        return [board.pk] if held else []

    def in_boards(ids: list[int]) -> Q:
        return Q() if board is not None else Q(**{f"{through}board__in": ids})

    submitted = ~Q(**{f"{through}status": Status.DRAFT})
    visible = Q(**{f"{through}pk__in": []})
    if Role.NOTIFIER in wanted:
        visible |= Q(**{f"{through}notifier": user})
    if whole_board := boards(
        Role.BUSINESS_MANAGER,
        Role.INDEPENDENT_CHAIR,
        Role.PARTNER_LOCAL_AUTHORITY,
        Role.PARTNER_ICB,
        Role.PARTNER_POLICE,
    ):
        visible |= submitted & in_boards(whole_board)
    if agency := boards(Role.AGENCY_LEAD):
        visible |= (
            submitted & in_boards(agency) & Q(**{f"{through}organisation": user.organisation_id})
        )
    if lisg := boards(Role.LISG_MEMBER):
        visible |= lisg_member_sees(user, lisg, through=through)
    return visible


def sees_through(user: User, case: Notification, roles: Iterable[Role]) -> bool:
    """Whether the person sees `case` through one of `roles` (`case_sight`): whether a
    step taken by those roles is theirs to take on it. Remembered for the request as the
    policy's answers are."""
    wanted = frozenset(roles)
    return in_rule(
        user,
        "sight:" + ",".join(sorted(wanted)),
        lambda: Notification.objects.filter(case_sight(user, wanted)),
        case,
    )


def people_who_see(case: Notification, *roles: Role) -> QuerySet[User]:
    """The active people who see `case` through one of `roles` (`case_sight`, read from
    the case's side): those whose step it is, to be told or offered in a pick-list. A
    LISG member is one of the meeting that has the case, while the case is open; holding
    the role in the board is not enough. Nobody who declared a conflict of interest in
    the case is one of them, whatever their role."""
    grants = Q(role_grants__board=case.board_id)
    seen = Q(pk__in=[])
    for role in set(roles) - {Role.LISG_MEMBER, Role.NOTIFIER, Role.AGENCY_LEAD}:
        seen |= Q(role_grants__role=role) if case.status != Status.DRAFT else Q(pk__in=[])
    if Role.AGENCY_LEAD in roles and case.status != Status.DRAFT:
        seen |= Q(role_grants__role=Role.AGENCY_LEAD, organisation=case.organisation_id)
    if Role.LISG_MEMBER in roles and case.status in OPEN:
        before_their_meeting = User.objects.filter(
            lisg_memberships__meeting__cases__notification=case
        ).exclude(lisg_conflicts__notification=case)
        seen |= Q(role_grants__role=Role.LISG_MEMBER, pk__in=before_their_meeting.values("pk"))
    # Whoever declared a conflict of interest in the case is told of it and offered in
    # its pick-lists through no role; the notifier hears of their own.
    found = User.objects.filter(grants & seen).exclude(lisg_conflicts__notification=case)
    if Role.NOTIFIER in roles:
        found = found | User.objects.filter(pk=case.notifier_id)
    return found.filter(is_active=True).distinct()


# The actions whose scopes `case_scope` built.
RULED: set[Action] = set()

# What a case scope narrows the sight to: given the person, the action and the records
# they see, the ones the action is open on (a state, a framework, a person named).
Narrowing = Callable[[User, Action, QuerySet[Any]], QuerySet[Any]]


def case_scope(
    model: type[Model],
    *actions: Action,
    roles: Iterable[Role],
    case: str = "",
    addressed: Callable[[User], Q] | None = None,
) -> Callable[[Narrowing], Narrowing]:
    """Register the scope of `actions` over `model`, a case (`case=""`) or a record of
    one (`case="notification"`, the path to it): the records whose case the person sees
    through one of `roles` (`case_sight`), and those `addressed` to them by name, as the
    decorated function narrows them. The rule is applied after the narrowing, so no
    narrowing can widen it."""
    through = f"{case}__" if case else ""
    taken_by = frozenset(roles)

    def decorator(narrowing: Narrowing) -> Narrowing:
        def scope(user: User, action: Action) -> QuerySet[Any]:
            seen = case_sight(user, taken_by, through=through)
            if addressed is not None:
                seen |= addressed(user)
            return narrowing(user, action, model._default_manager.all()).filter(seen)

        register_scope(model, *actions)(scope)
        RULED.update(actions)
        return narrowing

    return decorator


@case_scope(Notification, Action.NOTIFICATION_VIEW, roles=EVERY_ROLE)
def viewable_notifications(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    """Everyone who sees a case, by `case_sight`. An administrator, as such, sees none."""
    return cases.select_related("board", "organisation", "notifier")


def visible_in_board(user: User, board: Board, *, through: str = "") -> Q:
    """`Action.NOTIFICATION_VIEW` within one board (`case_sight` with `board`).
    `tests/notifications/test_visibility_in_board.py` holds the two to the same answer."""
    return case_sight(user, through=through, board=board)


def viewable_in_board(user: User, board: Board) -> QuerySet[Notification]:
    return Notification.objects.filter(visible_in_board(user, board), board=board)


@case_scope(Notification, Action.NOTIFICATION_EDIT_DRAFT, roles={Role.NOTIFIER})
def editable_notifications(
    user: User, action: Action, cases: QuerySet[Notification]
) -> QuerySet[Notification]:
    """A draft (or a notification returned for information) is its author's alone to edit."""
    return cases.filter(notifier=user, status__in=EDITABLE_BY_NOTIFIER).select_related(
        "board", "organisation", "notifier"
    )

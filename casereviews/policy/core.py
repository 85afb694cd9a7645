"""The permission policy: actions, who holds them, and the scopes of object actions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, cast

from django.db import connection
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.http import Http404

from casereviews.boards.models import Board, Role, RoleGrant
from casereviews.policy.row import columns, decide

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from casereviews.accounts.models import User

    AnyUser = User | AnonymousUser


class Action(StrEnum):
    """Everything a person can do in the service. Each view names exactly one."""

    ADMINISTER = "administer"
    NOTIFICATION_START = "notification_start"
    NOTIFICATION_VIEW = "notification_view"
    NOTIFICATION_EDIT_DRAFT = "notification_edit_draft"
    NOTIFICATION_LIST_BOARD = "notification_list_board"
    AUDIT_VIEW = "audit_view"
    CRITERIA_ASSESS = "criteria_assess"
    NOTIFICATION_VERIFY = "notification_verify"
    # Scoped: the cases on which a person may make some transition (which one, the
    # workflow's table says: `casereviews.workflow.services.may_make`).
    NOTIFICATION_TRANSITION = "notification_transition"
    DEADLINES_VIEW = "deadlines_view"
    AGENCY_INFORMATION_REQUEST = "agency_information_request"
    EXTERNAL_NOTIFICATION_RECORD = "external_notification_record"
    LISG_RECOMMEND = "lisg_recommend"
    CHAIR_DECIDE = "chair_decide"
    # An agency lead answers the involvement requests addressed to their organisation.
    INVOLVEMENT_ANSWER = "involvement_answer"
    # The merged multi-agency chronology of a case, and its exports.
    CHRONOLOGY_VIEW = "chronology_view"
    CHRONOLOGY_SHARE = "chronology_share"
    LISG_MEETING_ASSIGN = "lisg_meeting_assign"
    LISG_GO_AHEAD_RECORD = "lisg_go_ahead_record"
    DISCLOSURE_DECISION_RECORD = "disclosure_decision_record"
    PARALLEL_PROCESS_RECORD = "parallel_process_record"
    PROCEDURE_AGREE = "procedure_agree"
    # What the board deliberates on (disclosure decisions, parallel processes): the
    # Business Manager, the LISG with the case before it, and the Chair.
    CASE_PAPERS_VIEW = "case_papers_view"
    # LISG meetings (docs/adr/0011-lisg-meetings.md): the board's list of meetings, and
    # scheduling one (board-level); a meeting and its pack (its members, the Business
    # Manager and the Chair); its agenda, pack, members and attendance (the Business
    # Manager); a conflict of interest (the Business Manager, or a member their own).
    LISG_MEETING_LIST = "lisg_meeting_list"
    LISG_MEETING_SCHEDULE = "lisg_meeting_schedule"
    LISG_MEETING_VIEW = "lisg_meeting_view"
    LISG_MEETING_MANAGE = "lisg_meeting_manage"
    LISG_CONFLICT_DECLARE = "lisg_conflict_declare"
    # Communications with the family, significant others and the press (A 4(v)): the
    # log, drafting one, the LISG's agreement, the Chair's approval, delivered or held.
    COMMUNICATION_VIEW = "communication_view"
    COMMUNICATION_DRAFT = "communication_draft"
    COMMUNICATION_AGREE = "communication_agree"
    COMMUNICATION_APPROVE = "communication_approve"
    COMMUNICATION_OUTCOME_RECORD = "communication_outcome_record"
    # A single-agency CPIR (B 1(i)): the agreement that it is one, and its outcome.
    SINGLE_AGENCY_CPIR_RECORD = "single_agency_cpir_record"
    # The review of a commissioned case (casereviews/reviews): its page, for the Business
    # Manager, the Independent Chair and the LISG; its records, kept by the Business Manager.
    REVIEW_VIEW = "review_view"
    REVIEW_MANAGE = "review_manage"
    # The actions a review's recommendations become: the board's list (the Business
    # Manager, the LISG, the Chair, and each agency lead for their own agency's), one
    # action's page, and its progress updates (the owner agency's lead, the Business Manager).
    ACTION_LIST = "action_list"
    ACTION_VIEW = "action_view"
    ACTION_UPDATE = "action_update"
    # Search the cases of a board (the results are the cases the person may see), and
    # search them by the child's name: the board's Business Manager and Chair only.
    CASE_SEARCH = "case_search"
    CASE_SEARCH_BY_CHILD_NAME = "case_search_by_child_name"
    # The board's library of past reviews and the briefings given to partners on their
    # lessons (Regulation 5(1)(e)); recording them is the Business Manager's.
    LESSONS_VIEW = "lessons_view"
    LESSONS_RECORD = "lessons_record"
    # The board's figures: dashboards and the annual report.
    FIGURES_VIEW = "figures_view"
    # The day the local authority became aware of a partnership's incident, from which the
    # Panel's 5 working days count: the Business Manager, until the Panel is notified.
    LOCAL_AUTHORITY_AWARENESS_RECORD = "local_authority_awareness_record"
    # The board's retention schedule, its disposal list and approvals, and legal holds
    # (casereviews/retention): the Business Manager.
    RETENTION_MANAGE = "retention_manage"
    # Subject access requests (casereviews/subject_access): the data protection officer.
    SUBJECT_ACCESS = "subject_access"
    # A board's existing cases brought in from its own records (docs/adr/0033).
    CASES_IMPORT = "cases_import"
    # A safeguarding partner's agreement to the partners' decision on a partnership's case:
    # its representatives (and deputies), while the case waits for the decision.
    PARTNERS_DECISION_RECORD = "partners_decision_record"


class _Open(StrEnum):
    PUBLIC = "public"
    SIGNED_IN = "signed_in"


# Pages anyone may see (sign-in, accessibility statement) and pages any signed-in person
# may see (their home page, their account). Everything else names an `Action`.
PUBLIC = _Open.PUBLIC
SIGNED_IN = _Open.SIGNED_IN
Permission = Action | _Open

# Board-level actions: the roles in a board that hold them.
BOARD_ACTIONS: dict[Action, frozenset[Role]] = {
    Action.NOTIFICATION_START: frozenset({Role.NOTIFIER, Role.AGENCY_LEAD, Role.BUSINESS_MANAGER}),
    Action.NOTIFICATION_LIST_BOARD: frozenset({Role.BUSINESS_MANAGER}),
    Action.AUDIT_VIEW: frozenset({Role.BUSINESS_MANAGER}),
    # The criteria engine holds no case data: anyone with a role in any board may ask it.
    Action.CRITERIA_ASSESS: frozenset(Role),
    Action.DEADLINES_VIEW: frozenset(Role),
    Action.LISG_MEETING_LIST: frozenset(
        {Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR, Role.LISG_MEMBER}
    ),
    Action.LISG_MEETING_SCHEDULE: frozenset({Role.BUSINESS_MANAGER}),
    Action.ACTION_LIST: frozenset(
        {Role.BUSINESS_MANAGER, Role.LISG_MEMBER, Role.INDEPENDENT_CHAIR, Role.AGENCY_LEAD}
    ),
    Action.CASE_SEARCH: frozenset(Role),
    Action.CASE_SEARCH_BY_CHILD_NAME: frozenset({Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR}),
    Action.LESSONS_VIEW: frozenset(
        {Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR, Role.LISG_MEMBER}
    ),
    Action.LESSONS_RECORD: frozenset({Role.BUSINESS_MANAGER}),
    Action.RETENTION_MANAGE: frozenset({Role.BUSINESS_MANAGER}),
    Action.SUBJECT_ACCESS: frozenset({Role.DATA_PROTECTION_OFFICER}),
    Action.CASES_IMPORT: frozenset({Role.BUSINESS_MANAGER}),
    Action.FIGURES_VIEW: frozenset(
        {Role.BUSINESS_MANAGER, Role.INDEPENDENT_CHAIR, Role.LISG_MEMBER}
    ),
}
# Actions on one case (recording a LISG recommendation, a Chair decision…) are scoped:
# their scopes, registered beside the models, name the cases of the boards where the
# person holds the role (casereviews/decisions/policy.py).

ScopeFunction = Callable[["User", Action], QuerySet[Any]]
_SCOPES: dict[Action, tuple[type[Model], ScopeFunction]] = {}


def register_scope(
    model: type[Model], *actions: Action
) -> Callable[[ScopeFunction], ScopeFunction]:
    """Declare which objects of `model` a signed-in user may do each of `actions` to."""

    def decorator(function: ScopeFunction) -> ScopeFunction:
        for action in actions:
            if action in _SCOPES:
                raise ValueError(f"{action} already has a scope")
            _SCOPES[action] = (model, function)
        return function

    return decorator


def registered_scopes() -> dict[Action, tuple[type[Model], ScopeFunction]]:
    """Every scope registered, by action (for the tests generated from the registry)."""
    return dict(_SCOPES)


def _signed_in(user: AnyUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def board_roles(user: AnyUser | None) -> dict[int, frozenset[Role]]:
    """The roles the user holds, by board id (cached on the user for the request)."""
    if not _signed_in(user):
        return {}
    assert user is not None
    cached: dict[int, frozenset[Role]] | None = getattr(user, "_board_roles_cache", None)
    if cached is None:
        collected: dict[int, set[Role]] = {}
        for board_id, role in RoleGrant.objects.filter(user=cast("User", user)).values_list(
            "board_id", "role"
        ):
            collected.setdefault(board_id, set()).add(Role(role))
        cached = {board_id: frozenset(roles) for board_id, roles in collected.items()}
        vars(user)["_board_roles_cache"] = cached
    return cached


def boards_where(user: AnyUser | None, *roles: Role) -> list[int]:
    """The ids of the boards in which the user holds any of `roles`."""
    wanted = frozenset(roles)
    return [board_id for board_id, held in board_roles(user).items() if held & wanted]


def boards_for(user: AnyUser | None) -> QuerySet[Board]:
    """The boards in which the user holds at least one role."""
    return Board.objects.filter(pk__in=board_roles(user).keys())


def roles_in(user: AnyUser | None, board: Board | None) -> frozenset[Role]:
    if board is None:
        return frozenset()
    return board_roles(user).get(board.pk, frozenset())


def may(
    user: AnyUser | None,
    action: Action | _Open,
    obj: Model | None = None,
    *,
    board: Board | None = None,
) -> bool:
    """May this user do `action` (to `obj`, or in `board`)?"""
    if action == PUBLIC:
        return True
    if not _signed_in(user):
        return False
    if action == SIGNED_IN:
        return True
    assert user is not None
    if action == Action.ADMINISTER:
        return bool(getattr(user, "is_administrator", False))
    if obj is not None:
        return _in_scope(user, Action(action), obj)
    if action in BOARD_ACTIONS:
        if board is None:
            return any(
                BOARD_ACTIONS[Action(action)] & roles for roles in board_roles(user).values()
            )
        return bool(BOARD_ACTIONS[Action(action)] & roles_in(user, board))
    return False


# What the policy has worked out during one request, while nothing has been written: its
# answers about single objects (a page asks the same question many times: each link and
# section checks its own action, and each asking is a query), and the scopes it has built
# (a scope is a tree of conditions that costs about a millisecond to build, and most
# scopes are built on the scope of seeing the case), and the columns of the objects read
# from a scope (`get_in_scope_or_404`) as they were read, which are the database's until
# the next write. `None` outside a request.
@dataclass
class _Remembered:
    answers: dict[tuple[int, str, str, Any], bool] = field(default_factory=dict)
    scopes: dict[tuple[int, Action], QuerySet[Any]] = field(default_factory=dict)
    read: dict[tuple[str, Any], dict[str, Any]] = field(default_factory=dict)

    def forget(self) -> None:
        self.answers.clear()
        self.scopes.clear()
        self.read.clear()


# What cannot change what anyone may do: a statement that writes nothing (SQLite's
# transactions start with one; a savepoint is made and released around a block inside
# another, while rolling back to one undoes writes and so forgets), and an addition to
# the audit trail, which no scope reads. A page that shows a case records the read
# before it asks its questions.
_CHANGES_NO_ANSWER = (
    "SELECT",
    "BEGIN",
    "SAVEPOINT",
    "RELEASE SAVEPOINT",
    'INSERT INTO "audit_auditevent" ',
)


_REMEMBERED: ContextVar[_Remembered | None] = ContextVar("policy_remembered", default=None)


@contextmanager
def answers_remembered() -> Iterator[None]:
    """Remember the policy's answers about objects, and the scopes it builds, until the
    block ends or anything is written to the database (a write may change what the person
    may do, so the first statement that is not a SELECT forgets them all, bar an addition
    to the audit trail)."""
    remembered = _Remembered()

    def forget_on_write(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if not sql.lstrip().startswith(_CHANGES_NO_ANSWER):
            remembered.forget()
        return execute(sql, params, many, context)

    token = _REMEMBERED.set(remembered)
    try:
        with connection.execute_wrapper(forget_on_write):
            yield
    finally:
        _REMEMBERED.reset(token)


def _answer_key(user: AnyUser, rule: str, obj: Model) -> tuple[int, str, str, Any]:
    return (cast(int, user.pk), rule, obj._meta.label_lower, obj.pk)


def _in_scope(user: AnyUser, action: Action, obj: Model) -> bool:
    return in_rule(user, action, lambda: scope(user, action), obj)


def in_rule(
    user: AnyUser | None, rule: str, objects: Callable[[], QuerySet[Any]], obj: Model
) -> bool:
    """Whether `obj` is among `objects()`, the objects a rule named `rule` gives this
    person (an action's scope, or a narrower rule built the same way); remembered as
    `may`'s answers are, within a request and until the first write. Where the object
    was read from a scope in this request and nothing was written since, the rule's
    conditions on its own columns are decided from that row (`casereviews.policy.row`)."""
    if not _signed_in(user):
        return False
    assert user is not None
    remembered = _REMEMBERED.get()
    if remembered is None:
        return objects().filter(pk=obj.pk).exists()
    answers = remembered.answers
    key = _answer_key(user, rule, obj)
    if key not in answers:
        found = objects()
        read = remembered.read.get((obj._meta.label_lower, obj.pk), {})
        decided = decide(found.query, read) if columns(found.query) <= read.keys() else None
        answers[key] = decided if decided is not None else found.filter(pk=obj.pk).exists()
    return answers[key]


def answer_together(user: AnyUser | None, obj: Model, actions: Iterable[Action]) -> None:
    """Answer at once the questions a page is about to ask about one object, where each
    would otherwise be a query of its own. The object's row is read afresh (or taken from
    the object `get_in_scope_or_404` read in this request, when nothing has been written
    since), and each question its own columns decide is answered from it
    (`casereviews.policy.row`); the rest are asked in one query, one `EXISTS` per action,
    each the same scope `may` asks. The answers are remembered as `may`'s own (so only
    within a request, and forgotten at the first write); outside a request this does
    nothing. An action not named here is still answered by `may`, by a query of its own."""
    remembered = _REMEMBERED.get()
    if remembered is None or not _signed_in(user):
        return
    assert user is not None
    answers = remembered.answers
    model = type(obj)
    asked = [
        action
        for action in dict.fromkeys(actions)
        if _SCOPES[action][0] is model and _answer_key(user, action, obj) not in answers
    ]
    if not asked:
        return
    queries = {action: scope(user, action).query for action in asked}
    named = {model._meta.pk.attname}.union(*(columns(query) for query in queries.values()))
    read = remembered.read.get((model._meta.label_lower, obj.pk), {})
    row: dict[str, Any] | None
    if named <= read.keys():
        row = {name: read[name] for name in named}
    else:
        row = model._default_manager.filter(pk=obj.pk).values(*named).order_by().first()
    undecided = []
    for action, query in queries.items():
        decided = False if row is None else decide(query, row)
        if decided is None:
            undecided.append(action)
        else:
            answers[_answer_key(user, action, obj)] = decided
    if not undecided:
        return
    found = (
        model._default_manager.filter(pk=obj.pk)
        .values(
            **{
                f"may_{index}": Exists(scope(user, action).filter(pk=OuterRef("pk")))
                for index, action in enumerate(undecided)
            }
        )
        .order_by()
        .first()
    )
    for index, action in enumerate(undecided):
        answers[_answer_key(user, action, obj)] = bool(found and found[f"may_{index}"])


def scope(user: AnyUser | None, action: Action) -> QuerySet[Any]:
    """The objects this user may do `action` to. Empty for anyone not signed in."""
    model, function = _SCOPES[action]
    if not _signed_in(user):
        return model._default_manager.none()
    remembered = _REMEMBERED.get()
    if remembered is None:
        return function(cast("User", user), action)
    assert user is not None
    key = (cast(int, user.pk), action)
    if key not in remembered.scopes:
        remembered.scopes[key] = function(cast("User", user), action)
    # A copy: a caller that reads the queryset fills its copy's rows, never the one kept.
    return remembered.scopes[key].all()


def get_in_scope_or_404(
    user: AnyUser | None,
    action: Action,
    *,
    reading: Callable[[QuerySet[Any]], QuerySet[Any]] | None = None,
    **lookup: Any,
) -> Any:
    """The object, or "not found" whether it is missing or may not be seen. `reading`
    adds to what is read of it (annotations, related rows); it must not widen the scope."""
    queryset = scope(user, action)
    if reading is not None:
        queryset = reading(queryset)
    try:
        found = queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404("Not found") from None
    remembered = _REMEMBERED.get()
    if remembered is not None:
        # Read from the scope itself: `may` would answer yes.
        remembered.answers[_answer_key(cast("AnyUser", user), action, found)] = True
        # Its columns as read (a copy: the caller may change the object before saving it).
        remembered.read[(found._meta.label_lower, found.pk)] = {
            field.attname: found.__dict__[field.attname]
            for field in found._meta.concrete_fields
            if field.attname in found.__dict__
        }
    return found

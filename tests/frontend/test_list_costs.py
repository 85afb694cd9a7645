"""No page costs more as the data grows: every list and detail page issues at most a
fixed number of queries, the same bound with 5 and with 50 rows behind it, and no list
reads OFFSET or COUNT(*) (docs/adr/0010-keyset-pagination.md). Runs on SQLite and on
PostgreSQL with the rest of the suite."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.api.services import api_token_create
from casereviews.assessments.models import NotificationTheme, PastReview, Theme
from casereviews.audit.services import audit_record
from casereviews.boards.models import Board, Organisation, OrganisationType, Role
from casereviews.communications.models import Communication
from casereviews.deadlines import rules
from casereviews.deadlines.services import deadline_start
from casereviews.decisions.models import (
    InvolvementRequest,
)
from casereviews.involvement.models import (
    ChronologyEntry,
    InvolvementReturn,
    LisgMeeting,
    ParallelProcess,
)
from casereviews.learning.figures import Period
from casereviews.learning.models import Briefing
from casereviews.learning.snapshots import figures_count
from casereviews.notifications.models import Notification, Status
from casereviews.reviews.models import (
    ActionUpdate,
    FamilyContribution,
    LearningDissemination,
    Milestone,
    ProfessionalInvolvement,
    Publication,
    Recommendation,
    Review,
    ReviewAction,
    ReviewDocument,
    Reviewer,
)
from casereviews.workflow.models import PanelResponse, StatusChange, TimelineEntry
from tests.factories import (
    ChairDecisionFactory,
    ChildFactory,
    ExternalNotificationFactory,
    LisgRecommendationFactory,
    NotificationFactory,
    OrganisationFactory,
    ReviewActionFactory,
    UserFactory,
    person,
)
from tests.helpers import sign_in
from tests.involvement.helpers import asked
from tests.lisg import before_the_lisg
from tests.workflow.procedure import staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_passwords(settings) -> None:
    """These tests build many people; a slow password hash only slows them down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    board: Board
    people: dict[Role, User]
    case: Notification
    administrator: User


@pytest.fixture
def world(board) -> World:
    people = staff(board)
    case = NotificationFactory.create(
        board=board, notifier=people[Role.NOTIFIER], status=Status.UNDER_CONSIDERATION
    )
    return World(board, people, case, UserFactory.create(is_administrator=True))


# Each page: who asks, and what to build first so that `rows` rows stand behind it.
Build = Callable[[World, int], tuple[User, str]]


def _cases(world: World, rows: int, **fields: object) -> None:
    for _ in range(rows):
        NotificationFactory.create(board=world.board, **fields)


def home_of(role: Role) -> Build:
    def build(world: World, rows: int) -> tuple[User, str]:
        _cases(world, rows, status=Status.SUBMITTED, notifier=world.people[Role.NOTIFIER])
        _cases(world, rows, status=Status.UNDER_CONSIDERATION)
        _cases(world, rows, status=Status.LISG_RECOMMENDED)
        return world.people[role], reverse("frontend:home")

    return build


def my_notifications(world: World, rows: int) -> tuple[User, str]:
    _cases(world, rows, notifier=world.people[Role.NOTIFIER])
    _cases(world, rows, notifier=world.people[Role.NOTIFIER], status=Status.DRAFT)
    return world.people[Role.NOTIFIER], reverse("notifications:mine")


def board_list(query: str) -> Build:
    def build(world: World, rows: int) -> tuple[User, str]:
        _cases(world, rows, status=Status.SUBMITTED)
        _cases(world, rows, status=Status.CLOSED)
        return world.people[Role.BUSINESS_MANAGER], reverse("notifications:board") + query

    return build


def case_page(world: World, rows: int) -> tuple[User, str]:
    for number in range(rows):
        ChildFactory.create(notification=world.case, full_name=f"Child {number}", little_known=True)
        TimelineEntry.objects.create(
            notification=world.case,
            at=timezone.now(),
            by=world.people[Role.BUSINESS_MANAGER],
            kind="note",
            text=f"Step {number}",
        )
        # Each agency's deadline names the agency on the page.
        deadline_start(
            notification=world.case,
            rule=rules.AGENCY_RETURN_DUE,
            started_at=timezone.now(),
            subject=f"agency {number}",
            responsible_organisation=Organisation.objects.create(
                name=f"Agency {number} of the cost test", type=OrganisationType.POLICE
            ),
        )
    _communications(world, rows)
    return world.people[Role.BUSINESS_MANAGER], reverse(
        "notifications:detail", args=[world.case.reference]
    )


def merged_chronology(world: World, rows: int) -> tuple[User, str]:
    """The case's merged chronology: `rows` agencies asked, each answering with one entry
    on the same day (so the page compares every entry with the others of its day)."""
    bm = world.people[Role.BUSINESS_MANAGER]
    for number in range(rows):
        agency = Organisation.objects.create(
            name=f"Agency {number} of the chronology", type=OrganisationType.POLICE
        )
        answer = InvolvementReturn.objects.create(
            request=asked(world.case, agency, bm),
            involvement="involved",
            created_by=bm,
            created_at=timezone.now(),
        )
        ChronologyEntry.objects.create(
            involvement_return=answer,
            notification=world.case,
            organisation=agency,
            current=True,
            date=datetime.date(2026, 1, 5),
            what_happened=f"Home visit by agency {number}",
            source=f"Case note {number}",
        )
    return bm, reverse("involvement:chronology", args=[world.case.reference])


def _communications(world: World, rows: int) -> Communication:
    made = [
        Communication.objects.create(
            notification=world.case,
            audience="press",
            message=f"Statement {number}",
            channel="press_statement",
            deliverer=world.people[Role.BUSINESS_MANAGER],
            drafted_by=world.people[Role.LISG_MEMBER],
            drafted_at=timezone.now() - datetime.timedelta(minutes=number),
        )
        for number in range(rows)
    ]
    return made[0]


def communications_log(world: World, rows: int) -> tuple[User, str]:
    _communications(world, rows)
    # A LISG member reads the log of a case before their meeting (ADR 0027).
    before_the_lisg(world.case, world.people[Role.LISG_MEMBER])
    return world.people[Role.LISG_MEMBER], reverse(
        "communications:log", args=[world.case.reference]
    )


def communication_page(world: World, rows: int) -> tuple[User, str]:
    first = _communications(world, rows)
    return world.people[Role.INDEPENDENT_CHAIR], reverse(
        "communications:detail", args=[world.case.reference, first.pk]
    )


def review_page(world: World, rows: int) -> tuple[User, str]:
    """The review's page with `rows` of each of its records behind it."""
    bm = world.people[Role.BUSINESS_MANAGER]
    Notification.objects.filter(pk=world.case.pk).update(status=Status.REVIEW_IN_PROGRESS)
    now, today = timezone.now(), timezone.localdate()
    review = Review.objects.create(
        notification=world.case, kind="scr", methodology="silp", created_by=bm, created_at=now
    )
    agency = OrganisationFactory.create(name="Surrey County Council")
    for number in range(rows):
        Reviewer.objects.create(
            review=review,
            role="panel",
            full_name=f"Panel member {number}",
            organisation=agency,
            independence_declaration="Independent",
            declared_on=today,
            appointed_by=bm,
            appointed_at=now,
        )
        ReviewDocument.objects.create(
            review=review,
            kind="draft_report",
            version=number + 1,
            original_name="draft.pdf",
            stored_name=f"draft-{number}",
            content_type="application/pdf",
            size=10,
            uploaded_by=bm,
            uploaded_at=now,
        )
        Milestone.objects.create(review=review, title=f"Step {number}", target_date=today)
        ProfessionalInvolvement.objects.create(
            review=review,
            way="interview",
            held_on=today,
            who_took_part="A social worker",
            recorded_by=bm,
            recorded_at=now,
        )
        FamilyContribution.objects.create(
            review=review,
            who="family",
            outcome="offered",
            on=today,
            recorded_by=bm,
            recorded_at=now,
        )
    return bm, reverse("reviews:detail", args=[world.case.reference])


def _actions(world: World, rows: int) -> ReviewAction:
    """`rows` actions of the board (and `rows` updates of the first), for its lists."""
    bm = world.people[Role.BUSINESS_MANAGER]
    now, today = timezone.now(), timezone.localdate()
    review = Review.objects.create(
        notification=world.case, kind="cpir", methodology="silp", created_by=bm, created_at=now
    )
    recommendation = Recommendation.objects.create(review=review, number=1, text="Share")
    agency = OrganisationFactory.create(name="Surrey County Council")
    created = [
        ReviewActionFactory.create(
            recommendation=recommendation,
            board=world.board,
            notification=world.case,
            description=f"Action {number}",
            owner_agency=agency,
            due_on=today,
            status="on_track",
            created_at=now,
        )
        for number in range(rows)
    ]
    for number in range(rows):
        ActionUpdate.objects.create(
            action=created[0], status="on_track", progress=f"Step {number}", by=bm, at=now
        )
    return created[0]


def actions_list(query: str) -> Build:
    def build(world: World, rows: int) -> tuple[User, str]:
        first = _actions(world, rows)
        query_with_agency = query.replace("AGENCY", str(first.owner_agency_id))
        return world.people[Role.LISG_MEMBER], reverse("reviews:actions") + query_with_agency

    return build


def action_page(world: World, rows: int) -> tuple[User, str]:
    first = _actions(world, rows)
    return world.people[Role.BUSINESS_MANAGER], reverse("reviews:action", args=[first.pk])


def due(query: str) -> Build:
    def build(world: World, rows: int) -> tuple[User, str]:
        start = timezone.now() - datetime.timedelta(days=10)
        for _ in range(rows):
            case = NotificationFactory.create(board=world.board, status=Status.SUBMITTED)
            deadline_start(notification=case, rule=rules.VERIFICATION_DUE, started_at=start)
        return world.people[Role.BUSINESS_MANAGER], reverse("deadlines:due") + query

    return build


def audit_search(query: str) -> Build:
    def build(world: World, rows: int) -> tuple[User, str]:
        for _ in range(rows):
            audit_record(
                action="notification.read", actor=world.people[Role.LISG_MEMBER], obj=world.case
            )
        return world.people[Role.BUSINESS_MANAGER], reverse("audit:search") + query

    return build


def who_has_seen(world: World, rows: int) -> tuple[User, str]:
    for _ in range(rows):
        reader = person(world.board, Role.LISG_MEMBER)
        audit_record(action="notification.read", actor=reader, obj=world.case)
    url = reverse("audit:who-has-seen") + f"?reference={world.case.reference}"
    return world.people[Role.BUSINESS_MANAGER], url


def sign_ins(world: World, rows: int) -> tuple[User, str]:
    for _ in range(rows):
        audit_record(action="auth.sign_in", actor=world.people[Role.NOTIFIER])
    return world.administrator, reverse("audit:without-board")


def people_list(world: World, rows: int) -> tuple[User, str]:
    for _ in range(rows):
        UserFactory.create()
    return world.administrator, reverse("administration:users")


def _agencies_answered(world: World, rows: int) -> None:
    """`rows` partner agencies asked and answered, named in the LISG's recommendation, and
    `rows` parallel processes."""
    bm, now = world.people[Role.BUSINESS_MANAGER], timezone.now()
    agencies = [OrganisationFactory.create(name=f"Agency {n}") for n in range(rows)]
    world.board.partners.add(*agencies)
    for agency in agencies:
        request = InvolvementRequest.objects.create(
            notification=world.case,
            organisation=agency,
            requested_by=bm,
            requested_at=now,
            due_at=now,
            status="answered",
            answered_at=now,
        )
        InvolvementReturn.objects.create(
            request=request,
            state="submitted",
            involvement="involved",
            created_by=bm,
            created_at=now,
            submitted_by=bm,
            submitted_at=now,
        )
        ParallelProcess.objects.create(
            notification=world.case, kind="police_investigation", updated_by=bm, updated_at=now
        )
    advice = LisgRecommendationFactory.create(
        notification=world.case,
        review_type="other_review",
        methodology="audit",
        other_review_name="Audit",
        rationale="Reasons",
        meeting_date=timezone.localdate(),
        recorded_by=world.people[Role.LISG_MEMBER],
        recorded_at=now,
    )
    advice.other_review_agencies.set(agencies)


def chair_decision_page(world: World, rows: int) -> tuple[User, str]:
    Notification.objects.filter(pk=world.case.pk).update(status=Status.LISG_RECOMMENDED)
    _agencies_answered(world, rows)
    return world.people[Role.INDEPENDENT_CHAIR], reverse(
        "decisions:chair-decision", args=[world.case.reference]
    )


def decided_case_page(world: World, rows: int) -> tuple[User, str]:
    """A decided case, its decision naming `rows` agencies, told `rows` times."""
    Notification.objects.filter(pk=world.case.pk).update(status=Status.OTHER_REVIEW_COMMISSIONED)
    _agencies_answered(world, rows)
    decision = ChairDecisionFactory.create(
        notification=world.case,
        decision="other_review",
        other_review_name="Audit",
        rationale="Reasons",
        decided_by=world.people[Role.INDEPENDENT_CHAIR],
    )
    decision.other_review_agencies.set(world.board.partners.all())
    for _ in range(rows):
        ExternalNotificationFactory.create(
            notification=world.case,
            body="ofsted",
            decision=decision,
            document="<p>Sent</p>",
            recorded_by=world.people[Role.BUSINESS_MANAGER],
        )
    return case_page(world, rows)


def api_read(world: World, rows: int) -> tuple[User, str]:
    case_page(world, rows)
    return world.people[Role.BUSINESS_MANAGER], reverse(
        "api:notification", args=[world.case.reference]
    )


def api_read_decided(world: World, rows: int) -> tuple[User, str]:
    """A decided 2015 case, its LISG's recommendation and its decision naming `rows`
    agencies, and `rows` of the case page's rows."""
    decided_case_page(world, rows)
    return world.people[Role.BUSINESS_MANAGER], reverse(
        "api:notification", args=[world.case.reference]
    )


def api_read_partnership(world: World, rows: int) -> tuple[User, str]:
    """A partnership's case decided `rows` times (reopened and decided again) and answered
    `rows` times by the Panel (corrections)."""
    case_page(world, rows)
    Notification.objects.filter(pk=world.case.pk).update(
        framework="wt-2023", status=Status.LCSPR_COMMISSIONED
    )
    for number in range(rows):
        StatusChange.objects.create(
            notification=world.case,
            transition="partners_decide_lcspr",
            from_status=Status.RAPID_REVIEW_SENT,
            to_status=Status.LCSPR_COMMISSIONED,
            by=world.people[Role.INDEPENDENT_CHAIR],
            at=timezone.now(),
            reason=f"Reasons {number}",
        )
        PanelResponse.objects.create(
            notification=world.case,
            national_review=number % 2 == 0,
            received_on=timezone.localdate(),
            recorded_by=world.people[Role.BUSINESS_MANAGER],
            recorded_at=timezone.now(),
        )
    return world.people[Role.BUSINESS_MANAGER], reverse(
        "api:notification", args=[world.case.reference]
    )


def _meeting(world: World, rows: int, *, issued: bool = False) -> LisgMeeting:
    """A meeting with `rows` cases on its agenda and `rows` members besides the LISG member."""
    members = [person(world.board, Role.LISG_MEMBER) for _ in range(rows)]
    meeting = before_the_lisg(world.case, world.people[Role.LISG_MEMBER], *members)
    for _ in range(rows - 1):
        case = NotificationFactory.create(board=world.board, status=Status.UNDER_CONSIDERATION)
        before_the_lisg(case)
    if issued:
        LisgMeeting.objects.filter(pk=meeting.pk).update(
            pack_version=1,
            pack_issued_by=world.people[Role.BUSINESS_MANAGER],
            pack_issued_at=timezone.now(),
        )
    return meeting


def lisg_meetings(world: World, rows: int) -> tuple[User, str]:
    today = timezone.localdate()
    for day in range(rows):
        LisgMeeting.objects.create(
            board=world.board,
            date=today + datetime.timedelta(days=day),
            place="Room 1",
            created_by=world.people[Role.BUSINESS_MANAGER],
            created_at=timezone.now(),
        )
    return world.people[Role.BUSINESS_MANAGER], reverse("involvement:lisg-meetings")


def lisg_meeting_page(role: Role) -> Build:
    def build(world: World, rows: int) -> tuple[User, str]:
        meeting = _meeting(world, rows, issued=True)
        return world.people[role], reverse("involvement:lisg-meeting", args=[meeting.pk])

    return build


def case_search(query: str) -> Build:
    def build(world: World, rows: int) -> tuple[User, str]:
        theme = Theme.objects.get_or_create(code="neglect", defaults={"name": "Neglect"})[0]
        for _ in range(rows):
            case = NotificationFactory.create(board=world.board, status=Status.SUBMITTED)
            NotificationTheme.objects.create(
                notification=case,
                theme=theme,
                tagged_by=world.people[Role.BUSINESS_MANAGER],
                tagged_at=timezone.now(),
            )
            ChildFactory.create(notification=case, full_name="Amelia Hart", little_known=True)
        url = reverse("learning:search") + query.replace("THEME", str(theme.pk))
        return world.people[Role.BUSINESS_MANAGER], url

    return build


def lisg_pack(world: World, rows: int) -> tuple[User, str]:
    meeting = _meeting(world, rows, issued=True)
    return world.people[Role.LISG_MEMBER], reverse("involvement:lisg-pack", args=[meeting.pk])


def lisg_agenda_choice(world: World, rows: int) -> tuple[User, str]:
    meeting = _meeting(world, 1)
    for _ in range(rows):
        case = NotificationFactory.create(board=world.board, status=Status.UNDER_CONSIDERATION)
        asked(case, world.case.organisation, world.people[Role.BUSINESS_MANAGER])
    url = reverse("involvement:lisg-agenda", args=[meeting.pk])
    return world.people[Role.BUSINESS_MANAGER], url


def lessons_library(world: World, rows: int) -> tuple[User, str]:
    for number in range(rows):
        PastReview.objects.create(
            board=world.board, title=f"Review {number}", year=2020, type="scr"
        )
    return world.people[Role.LISG_MEMBER], reverse("learning:library")


def lesson_page(world: World, rows: int) -> tuple[User, str]:
    entry = PastReview.objects.create(board=world.board, title="Review", year=2020, type="scr")
    for number in range(rows):
        entry.themes.add(Theme.objects.create(code=f"theme-{number}", name=f"Theme {number}"))
        Briefing.objects.create(
            past_review=entry,
            what="The lessons",
            to_whom=f"Partners {number}",
            given_on=datetime.date(2026, 1, 1),
            recorded_by=world.people[Role.BUSINESS_MANAGER],
            recorded_at=timezone.now(),
        )
    return world.people[Role.BUSINESS_MANAGER], reverse("learning:lesson", args=[entry.pk])


def figures_page(world: World, rows: int) -> tuple[User, str]:
    start = timezone.now() - datetime.timedelta(days=3)
    for _ in range(rows):
        case = NotificationFactory.create(board=world.board, status=Status.SUBMITTED)
        deadline_start(notification=case, rule=rules.VERIFICATION_DUE, started_at=start)
    _actions(world, rows)
    return world.people[Role.INDEPENDENT_CHAIR], reverse("learning:dashboard")


def figures_page_counted(world: World, rows: int) -> tuple[User, str]:
    """The figures as most loads find them: counted by an earlier load, so read."""
    user, url = figures_page(world, rows)
    figures_count([world.board.pk], Period(timezone.localdate().year))
    return user, url


def annual_report_page(world: World, rows: int) -> tuple[User, str]:
    """`rows` reviews of the year, each published, its learning disseminated, with an
    action in each status."""
    chair = world.people[Role.INDEPENDENT_CHAIR]
    now, today = timezone.now(), timezone.localdate()
    agency = OrganisationFactory.create(name="Surrey County Council")
    for _ in range(rows):
        case = NotificationFactory.create(board=world.board, status=Status.SCR_COMMISSIONED)
        ChairDecisionFactory.create(
            notification=case, decision="scr", rationale="Reasons", decided_by=chair, decided_at=now
        )
        review = Review.objects.create(
            notification=case, kind="scr", methodology="silp", created_by=chair, created_at=now
        )
        Publication.objects.create(
            review=review, form="full", web_address="https://example.org/r", published_on=today
        )
        LearningDissemination.objects.create(
            review=review,
            how="Briefing",
            to_whom="Partners",
            on=today,
            recorded_by=chair,
            recorded_at=now,
        )
        recommendation = Recommendation.objects.create(review=review, number=1, text="Share")
        for status in ("not_started", "on_track", "complete"):
            ReviewActionFactory.create(
                recommendation=recommendation,
                board=world.board,
                notification=case,
                owner_agency=agency,
                due_on=today,
                status=status,
                created_at=now,
            )
        # As many LCSPRs of a partnership's cases, decided by the partners' step.
        lcspr = NotificationFactory.create(
            board=world.board, status=Status.LCSPR_COMMISSIONED, framework="wt-2023"
        )
        StatusChange.objects.create(
            notification=lcspr,
            transition="partners_decide_lcspr",
            from_status=Status.RAPID_REVIEW_SENT,
            to_status=Status.LCSPR_COMMISSIONED,
            by=chair,
            at=now,
        )
        Review.objects.create(
            notification=lcspr, kind="scr", methodology="silp", created_by=chair, created_at=now
        )
    return world.people[Role.BUSINESS_MANAGER], reverse("learning:annual-report")


# The bound of each page: the most queries it may issue, whatever the rows behind it
# (as measured on PostgreSQL, which takes the audit chain's lock in one more query).
PAGES: dict[str, tuple[Build, int]] = {
    "home-notifier": (home_of(Role.NOTIFIER), 10),
    "home-agency-lead": (home_of(Role.AGENCY_LEAD), 13),
    "home-business-manager": (home_of(Role.BUSINESS_MANAGER), 12),
    "home-lisg-member": (home_of(Role.LISG_MEMBER), 11),
    "home-independent-chair": (home_of(Role.INDEPENDENT_CHAIR), 10),
    "my-notifications": (my_notifications, 10),
    "board-list": (board_list(""), 10),
    "board-list-filtered": (board_list("?status=submitted"), 10),
    # 26: one more than before, which bodies were told since the latest decision, so
    # "Record that Ofsted or the National Panel was told" is offered only until both are.
    "case-page-decided": (decided_case_page, 26),
    "chair-decision": (chair_decision_page, 22),
    # The case page's sections each read their own records (the deadlines, the agencies
    # yet to answer, the communications log…), but for those the case was found to hold
    # none of when it was read (`casereviews.notifications.holdings`); what they ask the
    # policy is answered together (`CASE_PAGE_QUESTIONS`).
    "case-page": (case_page, 22),
    # The merged chronology: one page of entries, the same day's entries to compare them
    # with, the agencies asked, and the audit of the read.
    "merged-chronology": (merged_chronology, 19),
    # A communication's pages check the policy and write the read to the audit trail.
    "communications": (communications_log, 17),
    "communication": (communication_page, 17),
    "review-page": (review_page, 28),
    "review-actions": (actions_list(""), 13),
    "review-actions-filtered": (actions_list("?status=on_track&agency=AGENCY"), 13),
    "review-action": (action_page, 21),
    "due-mine": (due(""), 10),
    "due-board-overdue": (due("?whose=board&overdue=yes"), 10),
    "audit-search": (audit_search(""), 10),
    "audit-search-action": (audit_search("?action=notification.read"), 10),
    "who-has-seen": (who_has_seen, 11),
    "sign-ins": (sign_ins, 8),
    "people": (people_list, 8),
    # The notification, then its decisions and the Panel's response (one read each).
    "api-read": (api_read, 19),
    "api-read-decided": (api_read_decided, 19),
    "api-read-partnership": (api_read_partnership, 19),
    "lisg-meetings": (lisg_meetings, 11),
    "lisg-meeting-business-manager": (lisg_meeting_page(Role.BUSINESS_MANAGER), 18),
    "lisg-meeting-member": (lisg_meeting_page(Role.LISG_MEMBER), 16),
    "lisg-pack": (lisg_pack, 13),
    "lisg-agenda": (lisg_agenda_choice, 12),
    "case-search": (case_search("?status=submitted"), 17),
    "case-search-theme": (case_search("?theme=THEME&reference=BF"), 18),
    "lessons-library": (lessons_library, 11),
    "lesson-page": (lesson_page, 13),
    # The first load of the interval counts the year and stores it; the others read it.
    "figures": (figures_page, 18),
    "figures-counted": (figures_page_counted, 10),
    # The Chair's reviews and the partners' (each list, then its actions).
    "annual-report": (annual_report_page, 22),
}
# Pages that list rows of a table that grows: never OFFSET, never COUNT(*).
LISTS = set(PAGES) - {
    "case-page",
    "case-page-decided",
    "chair-decision",
    "api-read",
    "api-read-decided",
    "api-read-partnership",
    "review-page",
    "review-action",
}
OFFSET = re.compile(r"\bOFFSET\b", re.IGNORECASE)
COUNT = re.compile(r"\bCOUNT\(\*\)", re.IGNORECASE)


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_page_costs_no_more_queries_with_more_rows(
    world, page, rows, django_assert_max_num_queries
) -> None:
    build, bound = PAGES[page]
    user, url = build(world, rows)
    if url.startswith("/api/"):
        token = api_token_create(user=user, name="Cost test")[1]
        client, headers = Client(), {"Authorization": f"Bearer {token}"}
    else:
        client, headers = sign_in(Client(), user), {}
    with django_assert_max_num_queries(bound) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    if page in LISTS:
        sql = [query["sql"] for query in captured.captured_queries]
        assert not [s for s in sql if OFFSET.search(s)], "a list read with OFFSET"
        assert not [s for s in sql if COUNT.search(s)], "a list counted its rows"


@pytest.mark.parametrize("rows", [5, 50])
def test_a_search_by_the_childs_name_costs_no_more_with_more_rows(
    world, rows, django_assert_max_num_queries
) -> None:
    user, url = case_search("")(world, rows)
    client = sign_in(Client(), user)
    with django_assert_max_num_queries(17) as captured:
        response = client.post(url, {"child_name": "amelia hart"})
    assert response.status_code == 200
    assert response.content.decode().count("app-reference") == min(rows, 50)
    sql = [query["sql"] for query in captured.captured_queries]
    assert not [s for s in sql if OFFSET.search(s) or COUNT.search(s)]

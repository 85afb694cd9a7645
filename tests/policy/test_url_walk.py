"""Every URL the project defines answers GET as the permission policy says, for someone
not signed in and for every role, with the security headers, and changes nothing.

How it works: the walk lists every URL pattern (`django.urls.get_resolver()`, through
every include), builds a URL for each from EXAMPLES, and requests it as each person.
The expected answer comes from the view's declared `permission` and `scoped` (set by
`PolicyMixin.as_view`) and `casereviews.policy.may`:

- not signed in: redirected to sign-in, or 200 for a PUBLIC page (405 if POST-only);
- permitted: 200, or 405 for a POST-only view (GET must not act);
- refused a board-level action: 403; refused a scoped object: 404 (as if missing).

A pattern whose view names no permission fails the walk, so no page can be added
without deciding who may see it.

Adding a URL: a pattern without parameters needs nothing here. A pattern with
parameters needs ONE line in EXAMPLES, from the `World` below, e.g.

    "notifications:detail": lambda w: Example({"reference": w.case.reference}, w.case),

(`obj` is required for a scoped view: the object the URL names.) Add what your example
needs to `World` (built from tests/factories.py) if it is not there yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereviews.accounts.middleware import SECOND_FACTOR_PAGES
from casereviews.accounts.models import User
from casereviews.api.models import ApiToken
from casereviews.api.services import api_token_create
from casereviews.assessments.models import PastReview
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board, Role, RoleGrant
from casereviews.communications.models import Communication
from casereviews.decisions.models import ExternalNotification, InvolvementRequest
from casereviews.involvement.models import ChronologyEntry, LisgMeeting, ParallelProcess
from casereviews.notifications.models import Attachment, Child, FamilyMember, Notification, Status
from casereviews.policy import PUBLIC, Action, may
from casereviews.policy.views import PolicyMixin
from casereviews.prepared.kinds import Built
from casereviews.prepared.models import PreparedFile
from casereviews.prepared.services import prepared_key, prepared_store
from casereviews.retention.models import LegalHold
from casereviews.reviews.models import (
    ActionUpdate,
    Milestone,
    Recommendation,
    Review,
    ReviewAction,
    ReviewDocument,
)
from casereviews.subject_access.models import SubjectAccessRequest
from tests import documents as notify
from tests.factories import (
    ChairDecisionFactory,
    ChildFactory,
    ExternalNotificationFactory,
    NotificationFactory,
    OrganisationFactory,
    ReviewActionFactory,
    person,
)
from tests.involvement.helpers import asked_with_a_draft
from tests.lisg import before_the_lisg
from tests.policy.url_walk import (
    Example,
    declaration_problem,
    expected_status,
    header_problems,
    routes,
    row_counts,
    sign_in_url,
    token_only,
    url_for,
)

pytestmark = pytest.mark.django_db


@dataclass
class World:
    """One board with a case before the LISG and a person in every role, and a second
    board with its own Business Manager."""

    board: Board
    other_board: Board
    case: Notification
    submitted: Notification
    draft: Notification
    child: Child
    family_member: FamilyMember
    token: ApiToken
    draft_document: Attachment
    case_document: Attachment
    people: dict[str, User]
    # A step's page exists only in the states the transition table allows it from.
    recommended: Notification
    cpir: Notification
    # The case's involvement request to the agency lead's organisation, with a draft
    # answer holding one chronology entry.
    asked: InvolvementRequest
    entry: ChronologyEntry
    process: ParallelProcess
    # A LISG meeting with `case` on its agenda, the LISG member invited, the pack issued.
    meeting: LisgMeeting
    # An entry of the board's lessons library.
    lesson: PastReview
    # The CPIR's review, with a document, a milestone and an action of the agency lead's
    # agency with evidence (casereviews/reviews).
    review: Review | None = None
    document: ReviewDocument | None = None
    milestone: Milestone | None = None
    action: ReviewAction | None = None
    update: ActionUpdate | None = None
    # An SCR whose report is written: its publication or learning is recorded next.
    reported: Notification | None = None
    # A communication with the family or the press waiting for the LISG, one waiting for
    # the Chair, and a single-agency CPIR waiting for its outcome.
    drafted: Communication | None = None
    agreed: Communication | None = None
    single_agency: Notification | None = None
    # The case's notification as a PDF, prepared for the Business Manager alone.
    prepared: PreparedFile | None = None

    @property
    def grant(self) -> RoleGrant:
        return RoleGrant.objects.filter(user=self.people["notifier"]).get()


def partnership_case(w: World) -> Notification:
    """The world's safeguarding partnership case (framework wt-2023), made when first
    asked for, by the notifier of the world's case."""
    if "partnership" not in vars(w):
        vars(w)["partnership"] = NotificationFactory.create(
            board=w.board,
            notifier=w.case.notifier,
            framework="wt-2023",
            status=Status.LCSPR_COMMISSIONED,
        )
    case: Notification = vars(w)["partnership"]
    return case


def legal_hold(w: World) -> LegalHold:
    """A legal hold in force on the world's case, made when first asked for."""
    if "legal_hold" not in vars(w):
        vars(w)["legal_hold"] = LegalHold.objects.create(
            board=w.board,
            notification=w.case,
            reason="litigation",
            placed_by=w.people["business_manager"],
            placed_at=timezone.now(),
        )
    hold: LegalHold = vars(w)["legal_hold"]
    return hold


def access_request(w: World) -> SubjectAccessRequest:
    """A subject access request of the world's board, made when first asked for."""
    if "access_request" not in vars(w):
        vars(w)["access_request"] = SubjectAccessRequest.objects.create(
            board=w.board,
            full_name="Amelia Thornbury",
            received_on=timezone.localdate(),
            created_by=w.people["business_manager"],
            created_at=timezone.now(),
        )
    sar: SubjectAccessRequest = vars(w)["access_request"]
    return sar


def partnership_case_submitted(w: World) -> Notification:
    """The world's safeguarding partnership case not yet notified to the Panel (framework
    wt-2023, submitted), made when first asked for."""
    if "partnership_submitted" not in vars(w):
        vars(w)["partnership_submitted"] = NotificationFactory.create(
            board=w.board,
            notifier=w.case.notifier,
            framework="wt-2023",
            status=Status.SUBMITTED,
        )
    case: Notification = vars(w)["partnership_submitted"]
    return case


EXAMPLES: dict[str, Callable[[World], Example]] = {
    "accounts:sign-in": lambda w: Example(signed_in_status=302),
    # The world has no worker, so readiness names it failing; the metrics are off while
    # METRICS_TOKEN is unset (tests/monitoring hold both to more).
    "monitoring:ready": lambda w: Example(signed_in_status=503, anonymous_status=503),
    "monitoring:metrics": lambda w: Example(signed_in_status=404, anonymous_status=404),
    "administration:board-update": lambda w: Example({"pk": w.board.pk}),
    "administration:board-framework": lambda w: Example({"pk": w.board.pk}),
    # A safeguarding partnership's pages, on a wt-2023 case whose LCSPR is commissioned.
    "notifications:panel-notification": lambda w: Example(
        {"reference": partnership_case(w).reference}, partnership_case(w)
    ),
    "workflow:local-authority-aware": lambda w: Example(
        {"reference": partnership_case_submitted(w).reference}, partnership_case_submitted(w)
    ),
    "workflow:panel-response": lambda w: Example(
        {"reference": partnership_case(w).reference}, partnership_case(w)
    ),
    "assessments:notifiability": lambda w: Example(
        {"reference": partnership_case_submitted(w).reference}, partnership_case_submitted(w)
    ),
    "workflow:panel-notified": lambda w: Example(
        {"reference": partnership_case_submitted(w).reference}, partnership_case_submitted(w)
    ),
    # Nobody in the walk represents a safeguarding partner: refused to every role.
    "workflow:partners-decision": lambda w: Example(
        {"reference": partnership_case(w).reference}, partnership_case(w)
    ),
    "administration:organisation-update": lambda w: Example({"pk": w.case.organisation_id}),
    "administration:user": lambda w: Example({"pk": w.people["notifier"].pk}),
    "administration:user-update": lambda w: Example({"pk": w.people["notifier"].pk}),
    "administration:role-create": lambda w: Example({"pk": w.people["notifier"].pk}),
    "administration:role-remove": lambda w: Example(
        {"pk": w.people["notifier"].pk, "grant_pk": w.grant.pk}
    ),
    "notifications:detail": lambda w: Example({"reference": w.case.reference}, w.case),
    "submission:submitted": lambda w: Example(
        {"reference": w.case.reference},
        w.case,
        signed_in_status=lambda user: 200 if user == w.case.notifier else 302,
    ),
    "notifications:pdf": lambda w: Example({"reference": w.case.reference}, w.case),
    "notifications:resume": lambda w: Example({"pk": w.draft.pk}, w.draft),
    "notifications:delete": lambda w: Example({"pk": w.draft.pk}, w.draft),
    "submission:check": lambda w: Example({"pk": w.draft.pk}, w.draft),
    "notifications:draft-page": lambda w: Example({"pk": w.draft.pk, "slug": "incident"}, w.draft),
    "notifications:children": lambda w: Example({"pk": w.draft.pk}, w.draft),
    "notifications:children-add": lambda w: Example({"pk": w.draft.pk}, w.draft),
    "notifications:child": lambda w: Example({"pk": w.draft.pk, "row_id": w.child.pk}, w.draft),
    "notifications:child-remove": lambda w: Example(
        {"pk": w.draft.pk, "row_id": w.child.pk}, w.draft
    ),
    "notifications:family": lambda w: Example({"pk": w.draft.pk}, w.draft),
    "notifications:family-add": lambda w: Example({"pk": w.draft.pk}, w.draft),
    "notifications:family-member": lambda w: Example(
        {"pk": w.draft.pk, "row_id": w.family_member.pk}, w.draft
    ),
    "notifications:family-member-remove": lambda w: Example(
        {"pk": w.draft.pk, "row_id": w.family_member.pk}, w.draft
    ),
    "assessments:verify": lambda w: Example({"reference": w.submitted.reference}, w.submitted),
    "assessments:themes": lambda w: Example({"reference": w.submitted.reference}, w.submitted),
    "administration:user-setup-email": lambda w: Example({"pk": w.people["notifier"].pk}),
    "api-tokens:revoke": lambda w: Example({"pk": w.token.pk}),
    "accounts:password-reset-confirm": lambda w: Example(
        {"uidb64": "MQ", "token": "not-a-real-token"}
    ),
    # The API takes tokens, never the session: a browser session is not signed in there.
    "api:criteria-assess": lambda w: Example(anonymous_status=401),
    "api:notifications": lambda w: Example(anonymous_status=401),
    "api:notification": lambda w: Example(
        {"reference": w.case.reference}, w.case, anonymous_status=401
    ),
    # A signed-in person who has given their second factor is sent on from these.
    "accounts:second-factor": lambda w: Example(signed_in_status=302),
    "accounts:recovery-code": lambda w: Example(signed_in_status=302),
    "accounts:enrol": lambda w: Example(signed_in_status=302),
    "accounts:recovery-codes": lambda w: Example(signed_in_status=302),
    "api:not-found": lambda w: Example(anonymous_status=404, signed_in_status=404),
    "workflow:transition": lambda w: Example(
        {"reference": w.submitted.reference, "name": "withdraw"}, w.submitted
    ),
    "decisions:lisg-recommendation": lambda w: Example({"reference": w.case.reference}, w.case),
    "decisions:chair-decision": lambda w: Example(
        {"reference": w.recommended.reference}, w.recommended
    ),
    "decisions:escalate": lambda w: Example({"reference": w.cpir.reference}, w.cpir),
    "decisions:involvement-request": lambda w: Example({"reference": w.case.reference}, w.case),
    "decisions:external-notification": lambda w: Example({"reference": w.cpir.reference}, w.cpir),
    "decisions:external-document": lambda w: Example(
        {"reference": w.cpir.reference, "body": "ofsted"}, w.cpir
    ),
    "decisions:external-document-pdf": lambda w: Example(
        {"reference": w.cpir.reference, "body": "national_panel"}, w.cpir
    ),
    "decisions:sent-document": lambda w: Example(
        {
            "reference": w.cpir.reference,
            "pk": ExternalNotification.objects.get(notification=w.cpir).pk,
        },
        w.cpir,
    ),
    "decisions:decision-letter": lambda w: Example({"reference": w.cpir.reference}, w.cpir),
    "administration:board-cover": lambda w: Example({"pk": w.board.pk}),
    "administration:deputy-create": lambda w: Example({"pk": w.board.pk}),
    "administration:absence-create": lambda w: Example({"pk": w.board.pk}),
    "notifications:documents": lambda w: Example({"pk": w.draft.pk}, w.draft),
    "notifications:attachment-remove": lambda w: Example(
        {"pk": w.draft.pk, "row_id": w.draft_document.pk}, w.draft
    ),
    "notifications:attachment": lambda w: Example({"attachment_id": w.case_document.pk}, w.case),
    "api:involvement-request": lambda w: Example({"pk": w.asked.pk}, w.asked, anonymous_status=401),
    "api:chronology": lambda w: Example(
        {"reference": w.case.reference}, w.case, anonymous_status=401
    ),
    "involvement:disclosure-new": lambda w: Example({"reference": w.case.reference}, w.case),
    "involvement:disclosure-export": lambda w: Example({"reference": w.case.reference}, w.case),
    "involvement:parallel": lambda w: Example({"reference": w.case.reference}, w.case),
    "involvement:parallel-new": lambda w: Example({"reference": w.case.reference}, w.case),
    "involvement:parallel-process": lambda w: Example(
        {"reference": w.case.reference, "process_id": w.process.pk}, w.case
    ),
    "involvement:parallel-liaison": lambda w: Example(
        {"reference": w.case.reference, "process_id": w.process.pk}, w.case
    ),
    "involvement:procedure-agreement": lambda w: Example({"reference": w.case.reference}, w.case),
    "involvement:regulator-new": lambda w: Example({"reference": w.case.reference}, w.case),
    "involvement:agency-add": lambda w: Example({"reference": w.case.reference}, w.case),
    "involvement:meeting": lambda w: Example({"reference": w.case.reference}, w.case),
    "involvement:go-ahead": lambda w: Example({"reference": w.case.reference}, w.case),
    "involvement:chronology": lambda w: Example({"reference": w.case.reference}, w.case),
    "involvement:chronology-export": lambda w: Example(
        {"reference": w.case.reference, "file_type": "csv"}, w.case
    ),
    "involvement:share": lambda w: Example({"reference": w.case.reference}, w.case),
    "involvement:request": lambda w: Example({"pk": w.asked.pk}, w.asked),
    "involvement:send": lambda w: Example({"pk": w.asked.pk}, w.asked),
    "involvement:entry-add": lambda w: Example({"pk": w.asked.pk}, w.asked),
    "involvement:entry": lambda w: Example({"pk": w.asked.pk, "entry_id": w.entry.pk}, w.asked),
    "involvement:entry-remove": lambda w: Example(
        {"pk": w.asked.pk, "entry_id": w.entry.pk}, w.asked
    ),
    "involvement:upload": lambda w: Example({"pk": w.asked.pk}, w.asked),
    "involvement:template": lambda w: Example({"pk": w.asked.pk, "file_type": "xlsx"}, w.asked),
    "involvement:correct": lambda w: Example({"pk": w.asked.pk}, w.asked),
    "involvement:lisg-meeting": lambda w: Example({"pk": w.meeting.pk}, w.meeting),
    "involvement:lisg-meeting-change": lambda w: Example({"pk": w.meeting.pk}, w.meeting),
    "involvement:lisg-agenda": lambda w: Example({"pk": w.meeting.pk}, w.meeting),
    "involvement:lisg-pack-issue": lambda w: Example({"pk": w.meeting.pk}, w.meeting),
    "involvement:lisg-pack": lambda w: Example({"pk": w.meeting.pk}, w.meeting),
    "involvement:lisg-pack-pdf": lambda w: Example({"pk": w.meeting.pk}, w.meeting),
    "involvement:lisg-attendance": lambda w: Example({"pk": w.meeting.pk}, w.meeting),
    "involvement:lisg-conflict": lambda w: Example({"pk": w.meeting.pk}, w.meeting),
    "involvement:lisg-agenda-remove": lambda w: Example(
        {"pk": w.meeting.pk, "reference": w.case.reference}, w.meeting
    ),
    "involvement:lisg-pack-case": lambda w: Example(
        {"pk": w.meeting.pk, "reference": w.case.reference}, w.meeting
    ),
    "involvement:lisg-pack-case-pdf": lambda w: Example(
        {"pk": w.meeting.pk, "reference": w.case.reference}, w.meeting
    ),
    "communications:log": lambda w: Example({"reference": w.case.reference}, w.case),
    "communications:draft": lambda w: Example({"reference": w.case.reference}, w.case),
    "communications:detail": lambda w: Example(_on(w.drafted), w.case),
    "communications:agree": lambda w: Example(_on(w.drafted), w.drafted),
    "communications:approve": lambda w: Example(_on(w.agreed), w.agreed),
    "communications:deliver": lambda w: Example(_on(w.drafted), w.drafted),
    "communications:hold": lambda w: Example(_on(w.drafted), w.drafted),
    "single_agency:agreement": lambda w: Example({"reference": w.case.reference}, w.case),
    "single_agency:outcome": lambda w: Example(
        {"reference": getattr(w.single_agency, "reference", "")}, w.single_agency
    ),
    "learning:annual-report-export": lambda w: Example({"file_type": "csv"}),
    "imports:template": lambda w: Example({"file_type": "csv"}),
    # A prepared file is its reader's alone: anyone else is told "not found".
    **{
        f"prepared:{name}": lambda w: Example(
            {"pk": getattr(w.prepared, "pk", 0)},
            signed_in_status=lambda user: 200 if user == w.people["business_manager"] else 404,
        )
        for name in ("file", "download")
    },
    "learning:lesson": lambda w: Example({"pk": w.lesson.pk}, w.lesson),
    "retention:period": lambda w: Example({"kind": "cpir"}),
    "retention:lift": lambda w: Example({"pk": legal_hold(w).pk}, legal_hold(w)),
    "subject_access:detail": lambda w: Example({"pk": access_request(w).pk}, access_request(w)),
    "subject_access:extend": lambda w: Example({"pk": access_request(w).pk}, access_request(w)),
    "subject_access:export": lambda w: Example(
        {"pk": access_request(w).pk, "file_type": "csv"}, access_request(w)
    ),
    "learning:lesson-findings": lambda w: Example({"pk": w.lesson.pk}, w.lesson),
    "learning:briefing-record": lambda w: Example({"pk": w.lesson.pk}, w.lesson),
    **{
        f"reviews:{name}": lambda w: Example({"reference": w.cpir.reference}, w.cpir)
        for name in (
            "detail",
            "reviewer",
            "terms-of-reference",
            "document",
            "milestone",
            "professionals",
            "family",
            "sign-off",
            "copy-sent",
            "planned-date",
            "action-add",
        )
    },
    # Recorded as steps of the lifecycle, at the report stage.
    "reviews:publication-record": lambda w: Example(
        {"reference": _the(w.reported).reference}, w.reported
    ),
    "reviews:learning": lambda w: Example({"reference": _the(w.reported).reference}, w.reported),
    "reviews:milestone-reached": lambda w: Example(
        {"reference": w.cpir.reference, "milestone_id": _the(w.milestone).pk}, w.cpir
    ),
    "reviews:document-download": lambda w: Example({"document_id": _the(w.document).pk}, w.cpir),
    "reviews:action": lambda w: Example({"action_id": _the(w.action).pk}, w.action),
    "reviews:action-update": lambda w: Example({"action_id": _the(w.action).pk}, w.action),
    # Checking that an improvement is sustained is for those who keep the review's records.
    "reviews:action-sustained": lambda w: Example(
        {"action_id": _the(w.action).pk},
        w.action,
        signed_in_status=lambda user: 200 if may(user, Action.REVIEW_MANAGE, w.cpir) else 404,
    ),
    "reviews:evidence-download": lambda w: Example({"update_id": _the(w.update).pk}, w.action),
}


def _the[M](record: M | None) -> M:
    assert record is not None
    return record


def _review_of(world: World) -> None:
    """The CPIR's review, with a document, a milestone, and an action owned by the agency
    lead's agency with an update carrying evidence (the files on disk)."""
    bm, now = world.people["business_manager"], timezone.now()
    world.review = Review.objects.create(
        notification=world.cpir, kind="cpir", methodology="silp", created_by=bm, created_at=now
    )
    default_storage.save("review-documents/walk-document", ContentFile(b"%PDF-1.4 terms"))
    default_storage.save("review-documents/walk-evidence", ContentFile(b"%PDF-1.4 evidence"))
    world.document = ReviewDocument.objects.create(
        review=world.review,
        kind="terms_of_reference",
        version=1,
        original_name="terms.pdf",
        stored_name="walk-document",
        content_type="application/pdf",
        size=14,
        uploaded_by=bm,
        uploaded_at=now,
    )
    world.milestone = Milestone.objects.create(
        review=world.review, title="Learning event", target_date=now.date()
    )
    recommendation = Recommendation.objects.create(review=world.review, number=1, text="Share")
    world.action = ReviewActionFactory.create(
        recommendation=recommendation,
        board=world.board,
        notification=world.cpir,
        description="Share information at strategy meetings",
        owner_agency=world.people["agency_lead"].organisation,
        due_on=now.date(),
        status="on_track",
        created_at=now,
    )
    world.reported = NotificationFactory.create(
        board=world.board, notifier=world.case.notifier, status=Status.REPORT
    )
    Review.objects.create(
        notification=world.reported, kind="scr", methodology="silp", created_by=bm, created_at=now
    )
    world.update = ActionUpdate.objects.create(
        action=world.action,
        status="on_track",
        progress="Begun",
        evidence_name="minutes.pdf",
        evidence_stored_name="walk-evidence",
        evidence_content_type="application/pdf",
        evidence_size=17,
        by=bm,
        at=now,
    )


def _on(communication: Communication | None) -> dict[str, object]:
    assert communication is not None
    return {"reference": communication.notification.reference, "pk": communication.pk}


IDENTITIES = (
    "anonymous",
    "notifier",
    "agency_lead",
    "business_manager",
    "lisg_member",
    "independent_chair",
    "data_protection_officer",
    "administrator",
    "business_manager_of_another_board",
)


def build_world(board: Board, other_board: Board) -> World:
    police = OrganisationFactory.create(name="Thames Valley Police")
    notifier = person(board, Role.NOTIFIER, organisation=police)
    people = {
        "notifier": notifier,
        "agency_lead": person(board, Role.AGENCY_LEAD, organisation=police),
        "business_manager": person(board, Role.BUSINESS_MANAGER),
        "lisg_member": person(board, Role.LISG_MEMBER),
        "independent_chair": person(board, Role.INDEPENDENT_CHAIR),
        "data_protection_officer": person(board, Role.DATA_PROTECTION_OFFICER),
        "administrator": person(board, Role.NOTIFIER, is_administrator=True),
        "business_manager_of_another_board": person(other_board, Role.BUSINESS_MANAGER),
    }
    # An administrator needs no role; this one holds none in any board.
    RoleGrant.objects.filter(user=people["administrator"]).delete()
    case = NotificationFactory.create(
        board=board, notifier=notifier, status=Status.UNDER_CONSIDERATION
    )
    submitted = NotificationFactory.create(board=board, notifier=notifier)
    draft = NotificationFactory.create(board=board, notifier=notifier, status=Status.DRAFT)
    child = ChildFactory.create(
        notification=draft, full_name="Child A", age_at_incident=4, address="", date_of_birth=None
    )
    family_member = FamilyMember.objects.create(
        notification=draft, full_name="Adult B", relationship="Mother"
    )
    token, _ = api_token_create(user=notifier, name="Case management system")
    asked, entry = asked_with_a_draft(case, police, people["business_manager"])
    cpir = NotificationFactory.create(
        board=board, notifier=notifier, status=Status.CPIR_COMMISSIONED
    )
    # The CPIR was decided and Ofsted told: its letter and the document sent exist.
    decided = ChairDecisionFactory.create(
        notification=cpir,
        decision="cpir",
        commissioning="joint",
        rationale="Learning",
        decided_by=people["independent_chair"],
        decided_at=cpir.created_at,
    )
    ExternalNotificationFactory.create(
        notification=cpir,
        body="ofsted",
        decision=decided,
        told_at=cpir.created_at,
        document="<p>Sent</p>",
        recorded_by=people["business_manager"],
        recorded_at=cpir.created_at,
    )
    world = World(
        board,
        other_board,
        case,
        submitted,
        draft,
        child,
        family_member,
        token,
        notify.attachment_of(draft),
        notify.attachment_of(case),
        people,
        NotificationFactory.create(board=board, notifier=notifier, status=Status.LISG_RECOMMENDED),
        cpir,
        asked,
        entry,
        ParallelProcess.objects.create(
            notification=case,
            kind="coroner_inquest",
            updated_by=people["business_manager"],
            updated_at=case.created_at,
        ),
        _meeting(case, people),
        PastReview.objects.create(board=board, title="Review of neglect", year=2019, type="scr"),
    )
    drafted = {
        "notification": case,
        "audience": "press",
        "message": "A statement",
        "channel": "press_statement",
        "deliverer": people["business_manager"],
        "drafted_by": people["business_manager"],
        "drafted_at": case.created_at,
    }
    world.drafted = Communication.objects.create(**drafted)
    world.agreed = Communication.objects.create(
        **drafted, state="agreed", agreed_by=people["lisg_member"], agreed_at=case.created_at
    )
    _review_of(world)
    world.prepared = _prepared_for(case, people["business_manager"])
    world.single_agency = NotificationFactory.create(
        board=board, notifier=notifier, status=Status.SINGLE_AGENCY_CPIR
    )
    return world


def _prepared_for(case: Notification, reader: User) -> PreparedFile:
    asked = PreparedFile.objects.create(
        reader=reader,
        kind="notification_pdf",
        key=prepared_key({"case": case.reference}),
        params={"case": case.reference},
        state=PreparedFile.State.PREPARING,
        requested_at=timezone.now(),
        claimed_until=timezone.now() + timedelta(minutes=5),
    )
    built = Built(notify.CONTENT, f"{case.reference}.pdf", "application/pdf")
    assert prepared_store(asked, built, lease=asked.claimed_until)
    return asked


def _meeting(case: Notification, people: dict[str, User]) -> LisgMeeting:
    meeting = before_the_lisg(case, people["lisg_member"])
    meeting.pack_version = 1
    meeting.pack_issued_by = people["business_manager"]
    meeting.pack_issued_at = case.created_at
    meeting.save()
    return meeting


def walk(client: Client, world: World, user: User | None) -> list[str]:
    """Request every URL as this person; return every way the answers break the rules."""
    problems: list[str] = []
    for route in routes():
        make = EXAMPLES.get(route.name)
        example = make(world) if make is not None else None
        problem = declaration_problem(route, example)
        if problem:
            problems.append(problem)
            continue
        example = example or Example()
        url = url_for(route, example)
        before = row_counts()
        denials = AuditEvent.objects.filter(action="access.denied").count()
        response = client.get(url)
        expected = expected_status(route, example, user)
        if response.status_code != expected:
            problems.append(f"GET {url} answered {response.status_code}, expected {expected}")
        sent_to_sign_in = response.get("Location", "").startswith(sign_in_url())
        if user is None and expected == 302 and not sent_to_sign_in:
            problems.append(f"GET {url} redirected to {response['Location']}, not sign-in")
        problems.extend(f"GET {url}: {p}" for p in header_problems(response, user is not None))
        denied = AuditEvent.objects.filter(action="access.denied").count() - denials
        # A refusal by the policy is audited; a page that answers 404 by design is not.
        refused = expected in (403, 404) and example.signed_in_status != expected
        should_deny = int(user is not None and refused and not token_only(route))
        if denied != should_deny:
            problems.append(f"GET {url} wrote {denied} access.denied events, not {should_deny}")
        after = row_counts()
        changed = {label for label in before if before[label] != after[label]}
        if changed:
            problems.append(f"GET {url} changed rows of {', '.join(sorted(changed))}")
    return problems


@pytest.mark.parametrize("identity", IDENTITIES)
def test_every_url_answers_as_the_policy_says(identity, board, other_board, client, signed_in):
    world = build_world(board, other_board)
    user = None if identity == "anonymous" else world.people[identity]
    walker = client if user is None else signed_in(user)
    problems = walk(walker, world, user)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("identity", ["business_manager", "administrator"])
def test_a_password_alone_reaches_only_the_second_factor_pages(
    identity, board, other_board, client
):
    """Someone who has given their password but not their second factor is sent to the
    second factor from every page but the public ones and the second-factor pages
    themselves; the API, which takes tokens only, answers as to anyone without one."""
    world = build_world(board, other_board)
    user = world.people[identity]
    TOTPDevice.objects.create(user=user, name="Authenticator app")
    client.force_login(user)  # the password step only
    second_factor = reverse("accounts:second-factor")
    problems = []
    for route in routes():
        make = EXAMPLES.get(route.name)
        example = make(world) if make is not None else Example()
        url = url_for(route, example)
        response = client.get(url)
        sent_to_second_factor = response.get("Location", "").startswith(second_factor)
        if token_only(route):
            expected = expected_status(route, example, None)
            if response.status_code != expected:
                problems.append(f"GET {url} answered {response.status_code}, not {expected}")
        elif getattr(route.callback, "permission", None) == PUBLIC:
            # Public pages answer anyone (the sign-in page sends a session on to the home
            # page, where the gate asks for the code), as their example says.
            if response.status_code >= 500 and response.status_code != example.anonymous_status:
                problems.append(f"GET {url} answered {response.status_code}")
        elif route.name in SECOND_FACTOR_PAGES:
            # Answered, or sent on within the sign-in pages (an app already set up is
            # not set up again with a password alone).
            elsewhere = not response.get("Location", "/account/").startswith("/account/")
            if response.status_code >= 500 or elsewhere:
                problems.append(f"GET {url} answered {response.status_code}")
        elif not sent_to_second_factor:
            problems.append(f"GET {url} answered {response.status_code} without the code")
    assert problems == [], "\n".join(problems)


def test_the_walk_covers_the_pages_of_every_part_of_the_service():
    """A guard on the walk itself: it must find the URLs of every included module."""
    names = {route.name for route in routes()}
    for expected in (
        "frontend:home",
        "accounts:sign-in",
        "administration:user",
        "notifications:detail",
        "audit:search",
    ):
        assert expected in names


class Undeclared(TemplateView):
    template_name = "frontend/home.html"


class CaseWithoutExample(PolicyMixin, TemplateView):
    permission = Action.NOTIFICATION_VIEW
    scoped = True


urlpatterns = [
    path("undeclared", Undeclared.as_view(), name="undeclared"),
    path("cases/<str:reference>", CaseWithoutExample.as_view(), name="case-without-example"),
]


def test_a_page_without_a_permission_or_an_example_fails_the_walk(settings):
    settings.ROOT_URLCONF = __name__
    found = list(routes())
    problems = [declaration_problem(route, None) for route in found]
    assert problems[0] == (
        "undeclared (URL pattern 'undeclared') declares no permission: its view must "
        "inherit casereviews.policy.views.PolicyMixin and name who may use it"
    )
    assert problems[1] == (
        "case-without-example (URL pattern 'cases/<str:reference>') has parameters "
        "reference but no example: add one line to EXAMPLES in tests/policy/test_url_walk.py"
    )
    assert declaration_problem(found[1], Example({"reference": "BF-2026-0001"})) == (
        "case-without-example is scoped: its line in EXAMPLES must name the object its URL "
        "names (Example({...}, obj))"
    )


def test_the_expected_answers_follow_the_policy(board, other_board):
    """Spot checks of the oracle against answers a person would recognise."""
    world = build_world(board, other_board)
    detail = next(r for r in routes() if r.name == "notifications:detail")
    example = EXAMPLES["notifications:detail"](world)
    assert expected_status(detail, example, None) == 302
    assert expected_status(detail, example, world.people["business_manager"]) == 200
    assert expected_status(detail, example, world.people["administrator"]) == 404
    assert (
        expected_status(detail, example, world.people["business_manager_of_another_board"]) == 404
    )
    board_list = next(r for r in routes() if r.name == "notifications:board")
    assert expected_status(board_list, Example(), world.people["notifier"]) == 403
    switch = next(r for r in routes() if r.name == "frontend:switch-board")
    assert expected_status(switch, Example(), world.people["notifier"]) == 405

"""The demo data gives two Berkshire boards, their agencies and one person per role."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Organisation, Role, RoleGrant
from casereviews.communications.models import Communication, CommunicationState
from casereviews.decisions.models import InvolvementRequest
from casereviews.involvement.models import LisgMeeting
from casereviews.involvement.recipients import agency_leads, unreachable
from casereviews.notifications.models import Notification, ReviewSought, Status

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, list[tuple[object, ...]]]:
    return {
        "boards": list(Board.objects.values_list("pk", "name", "code").order_by("pk")),
        "organisations": list(
            Organisation.objects.values_list("pk", "name", "type").order_by("pk")
        ),
        "partners": list(
            Board.partners.through.objects.values_list("board_id", "organisation_id").order_by("pk")
        ),
        "users": list(
            User.objects.values_list("pk", "email", "organisation_id", "password").order_by("pk")
        ),
        "grants": list(
            RoleGrant.objects.values_list("pk", "user_id", "board_id", "role").order_by("pk")
        ),
    }


def test_loading_demo_data_twice_leaves_the_same_rows() -> None:
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = snapshot()
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == first


def test_demo_data_has_bracknell_forest_a_second_board_and_every_role() -> None:
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Board.objects.values_list("code", flat=True)) == {"BF", "RBWM"}
    assert Organisation.objects.filter(name="Thames Valley Police", boards__code="RBWM").exists()
    held = set(RoleGrant.objects.filter(board__code="BF").values_list("role", flat=True))
    assert held == set(Role.values)
    assert User.objects.filter(is_administrator=True).count() == 1


def test_the_demo_gives_the_business_manager_notifications_to_verify() -> None:
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    waiting = Notification.objects.filter(board__code="BF", status=Status.SUBMITTED)
    # Two from the first demo, and a single-agency CPIR consultation (issue 10).
    assert waiting.count() == 3
    assert waiting.filter(review_sought=ReviewSought.SINGLE_AGENCY_CPIR).count() == 1


def test_the_demo_shows_a_press_statement_waiting_for_the_lisg() -> None:
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    (waiting,) = Communication.objects.all()
    assert waiting.state == CommunicationState.DRAFTED
    assert waiting.audience == "press"


def test_the_demo_has_a_lisg_meeting_with_an_agenda_and_its_pack_issued() -> None:
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # Next week's meeting; today's is the one that took the demo SCR to its recommendation.
    meeting = LisgMeeting.objects.get(board__code="BF", date__gt=timezone.localdate())
    assert meeting.pack_issued_at is not None
    (on_agenda,) = meeting.cases.select_related("notification")
    assert on_agenda.notification.status == Status.UNDER_CONSIDERATION
    members = set(meeting.members.values_list("user__email", flat=True))
    assert "lisg.member@demo.example.org" in members


def test_issue28_the_demo_has_two_lisg_members_and_agencies_with_and_without_a_lead() -> None:
    """A walk through the demo meets an agency nobody can be told and a conflict that
    still leaves a LISG member to recommend (issue 28, Acceptance)."""
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    board = Board.objects.get(code="BF")
    members = RoleGrant.objects.filter(board=board, role=Role.LISG_MEMBER)
    assert members.count() >= 2
    partners = list(board.partners.all())
    cannot = unreachable(partners, board)
    led = [o for o in partners if agency_leads(o, board)]
    assert cannot
    assert led
    secure_only = [o for o in partners if o not in cannot and o not in led]
    assert secure_only
    meeting = LisgMeeting.objects.get(board=board, date__gt=timezone.localdate())
    assert meeting.members.filter(user__role_grants__role=Role.LISG_MEMBER).count() >= 2
    asked = InvolvementRequest.objects.filter(notification__board=board)
    assert not asked.filter(organisation__in=cannot).exists()

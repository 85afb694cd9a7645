from __future__ import annotations

from dataclasses import dataclass

import pytest

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Organisation, Role
from casereviews.notifications.models import FamilyMember, Notification, Status
from tests.factories import ChildFactory, NotificationFactory, OrganisationFactory, person
from tests.workflow.procedure import staff

CHILD = "Kacey Hollins"
PARENT = "Morgan Hollins"
NARRATIVE = "Found unresponsive by the stepfather after the evening feed"


@pytest.fixture(autouse=True)
def quick_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Partners:
    board: Board
    case: Notification
    people: dict[Role, User]
    police: Organisation
    health: Organisation
    school: Organisation
    police_lead: User
    health_lead: User
    school_lead: User

    @property
    def manager(self) -> User:
        return self.people[Role.BUSINESS_MANAGER]


@pytest.fixture
def partners(board: Board) -> Partners:
    return build_partners(board)


def build_partners(board: Board) -> Partners:
    """A case under consideration in a board of three partner agencies, each with a
    lead; the notifier named the health trust."""
    people = staff(board)
    police = OrganisationFactory.create(name="Thames Valley Police")
    health = OrganisationFactory.create(name="Frimley Health NHS Foundation Trust", type="health")
    school = OrganisationFactory.create(name="Crown Wood Primary School", type="education")
    board.partners.add(police, health, school)
    case = NotificationFactory.create(
        board=board,
        notifier=people[Role.NOTIFIER],
        status=Status.UNDER_CONSIDERATION,
        what_happened=NARRATIVE,
        incident_date="2026-11-02",
        criteria_facts={"child_died": True, "abuse_or_neglect": "suspected"},
    )
    case.agencies.add(health)
    ChildFactory.create(
        notification=case,
        full_name=CHILD,
        date_of_birth="2025-04-09",
        address="4 Larch Avenue, Bracknell",
        child_protection_plan="never",
        looked_after="never",
    )
    FamilyMember.objects.create(
        notification=case, full_name=PARENT, relationship="mother", date_of_birth="1998-02-01"
    )
    return Partners(
        board,
        case,
        people,
        police,
        health,
        school,
        person(board, Role.AGENCY_LEAD, organisation=police, full_name="Police Lead"),
        person(board, Role.AGENCY_LEAD, organisation=health, full_name="Health Lead"),
        person(board, Role.AGENCY_LEAD, organisation=school, full_name="School Lead"),
    )

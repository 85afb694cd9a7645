"""Factories that build people with exactly the roles a test needs, and cases with the
records of the state a test needs: a test names the state ("a child", "recommended",
"decided", "told", one step `moved` through the service) instead of writing its rows out.
"""

from __future__ import annotations

import datetime
from typing import Any

import factory
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Organisation, OrganisationType, Role, RoleGrant
from casereviews.decisions.models import (
    ChairDecision,
    ExternalBody,
    ExternalNotification,
    InvolvementRequest,
    LisgRecommendation,
)
from casereviews.notifications.models import Child, Notification, Status
from casereviews.reviews.models import ReviewAction
from casereviews.workflow.services import notification_transition

PASSWORD = "correct-horse-battery-staple-1"


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Agency {n}")
    type = OrganisationType.POLICE


class BoardFactory(factory.django.DjangoModelFactory[Board]):
    class Meta:
        model = Board
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Board {n} Local Safeguarding Children Board")
    code = factory.Sequence(lambda n: "B" + "".join(chr(65 + int(d)) for d in f"{n:02d}"))


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@agency.example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation  # type: ignore[untyped-decorator]
    def roles(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        """`roles=[(board, Role.NOTIFIER), …]`"""
        for board, role in extracted or ():
            RoleGrant.objects.create(user=obj, board=board, role=role)
        if create:
            obj.save()


def person(board: Board, role: Role, **kwargs: Any) -> User:
    return UserFactory.create(roles=[(board, role)], **kwargs)


class NotificationFactory(factory.django.DjangoModelFactory[Notification]):
    class Meta:
        model = Notification

    board = factory.SubFactory(BoardFactory)
    notifier = factory.SubFactory(UserFactory)
    organisation = factory.SelfAttribute("notifier.organisation")
    status = Status.SUBMITTED
    reference = factory.LazyAttributeSequence(
        lambda o, n: (
            f"{o.board.code}-{timezone.now().year}-{n + 1:04d}"
            if o.status != Status.DRAFT
            else None
        )
    )
    submitted_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status != Status.DRAFT else None
    )


# A child whose identity must never leave the service (e-mails, URLs, logs): tests look
# for these words where they must not be.
CHILD_NAME = "Amelia Zebedee-Quartermaine"
CHILD_ADDRESS = "17 Larkspur Crescent"


class ChildFactory(factory.django.DjangoModelFactory[Child]):
    class Meta:
        model = Child

    notification = factory.SubFactory(NotificationFactory)
    full_name = CHILD_NAME
    address = CHILD_ADDRESS
    date_of_birth = datetime.date(2019, 5, 17)
    sex = "female"
    child_protection_plan = "no"
    looked_after = "no"
    open_to_social_care = "no"

    class Params:
        # A child of whom little is known yet: no address or date of birth, "unknown"
        # wherever the CRNF A allows it.
        little_known = factory.Trait(
            sex="unknown",
            child_protection_plan="unknown",
            looked_after="unknown",
            open_to_social_care="unknown",
            address="",
            date_of_birth=None,
        )


class LisgRecommendationFactory(factory.django.DjangoModelFactory[LisgRecommendation]):
    class Meta:
        model = LisgRecommendation

    notification = factory.SubFactory(NotificationFactory)
    review_type = "scr"
    methodology = "scie_learning_together"
    rationale = "Regulation 5(2) is met"
    meeting_date = datetime.date(2026, 3, 2)
    recorded_by = factory.SubFactory(UserFactory)
    recorded_at = factory.LazyFunction(timezone.now)


class ChairDecisionFactory(factory.django.DjangoModelFactory[ChairDecision]):
    class Meta:
        model = ChairDecision

    notification = factory.SubFactory(NotificationFactory)
    decision = "scr"
    rationale = "The Chair's reasons"
    decided_by = factory.SubFactory(UserFactory)
    decided_at = factory.LazyFunction(timezone.now)


class ExternalNotificationFactory(factory.django.DjangoModelFactory[ExternalNotification]):
    class Meta:
        model = ExternalNotification

    notification = factory.SubFactory(NotificationFactory)
    body = ExternalBody.OFSTED
    told_at = factory.LazyFunction(timezone.now)
    how = "Secure e-mail"
    recorded_by = factory.SubFactory(UserFactory)
    recorded_at = factory.LazyFunction(timezone.now)


class InvolvementRequestFactory(factory.django.DjangoModelFactory[InvolvementRequest]):
    class Meta:
        model = InvolvementRequest

    notification = factory.SubFactory(NotificationFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    requested_by = factory.SubFactory(UserFactory)
    requested_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class ReviewActionFactory(factory.django.DjangoModelFactory[ReviewAction]):
    """An action from a review's recommendation (give `recommendation` and `notification`),
    owned by a partner agency; the board is the case's."""

    class Meta:
        model = ReviewAction

    board = factory.SelfAttribute("notification.board")
    description = "Share"
    owner_agency = factory.SubFactory(OrganisationFactory)
    owner_name = "Head of service"
    due_on = factory.LazyFunction(timezone.localdate)
    created_at = factory.LazyFunction(timezone.now)


# Cases by state: each takes the case and the board's people (`staff`), adds the records
# a case in that state has, written by the person who holds that role, and returns it.


def with_a_child(case: Notification, **fields: Any) -> Notification:
    """The case with a child (`CHILD_NAME` at `CHILD_ADDRESS` unless told otherwise)."""
    ChildFactory.create(notification=case, **fields)
    return case


def recommended(
    case: Notification, people: dict[Role, User], kind: str = "scr", **fields: Any
) -> LisgRecommendation:
    """The LISG's recommendation on the case, recorded by the board's LISG member."""
    return LisgRecommendationFactory.create(
        notification=case, review_type=kind, recorded_by=people[Role.LISG_MEMBER], **fields
    )


def decided(
    case: Notification, people: dict[Role, User], kind: str = "scr", **fields: Any
) -> ChairDecision:
    """The Independent Chair's decision on the case."""
    return ChairDecisionFactory.create(
        notification=case, decision=kind, decided_by=people[Role.INDEPENDENT_CHAIR], **fields
    )


def told(case: Notification, body: str, by: User, **fields: Any) -> ExternalNotification:
    """Ofsted or the National Panel told of the case, as recorded by `by`."""
    return ExternalNotificationFactory.create(
        notification=case, body=body, recorded_by=by, **fields
    )


def moved(case: Notification, name: str, by: User, **fields: Any) -> Notification:
    """The case taken one step (`name`) through the service by `by`, as the step's page
    would (`notification_transition`, with the version the person saw), and read again."""
    case.refresh_from_db()
    notification_transition(
        notification=case, name=name, by=by, expected_version=case.version, **fields
    )
    case.refresh_from_db()
    return case

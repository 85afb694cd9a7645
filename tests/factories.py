"""Factories that build people with exactly the roles a test needs."""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Organisation, OrganisationType, Role, RoleGrant
from casereviews.notifications.models import Notification, Status

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

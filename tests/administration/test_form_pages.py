"""The administration forms follow the GOV.UK patterns: a way back, and radios with
nothing chosen until the administrator chooses."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from casereviews.boards.models import Role, RoleGrant
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_give_a_role_offers_no_blank_role_and_chooses_none(signed_in, administrator, board) -> None:
    someone = UserFactory.create(full_name="Sam Patel")
    client = signed_in(administrator)
    url = reverse("administration:role-create", args=[someone.pk])
    page = client.get(url).content.decode()
    assert "Select an option" not in page
    radios = re.findall(r'<input class="govuk-radios__input"[^>]*>', page)
    assert len(radios) == len(Role)
    assert not [radio for radio in radios if "checked" in radio]
    back = reverse("administration:user", args=[someone.pk])
    assert f'<a href="{back}" class="govuk-back-link">Back</a>' in page

    refused = client.post(url, {"board": str(board.pk)})
    assert refused.status_code == 200
    assert "Select the role" in refused.content.decode()
    assert "<title>Error: Give a role" in refused.content.decode()
    assert not RoleGrant.objects.filter(user=someone).exists()

    given = client.post(url, {"board": str(board.pk), "role": Role.LISG_MEMBER}, follow=True)
    assert "Sam Patel now holds the role LISG member in" in given.content.decode()
    assert RoleGrant.objects.filter(user=someone, role=Role.LISG_MEMBER).exists()


@pytest.mark.parametrize(
    ("page", "back"),
    [
        ("administration:board-create", "administration:boards"),
        ("administration:organisation-create", "administration:organisations"),
        ("administration:user-create", "administration:users"),
    ],
)
def test_every_administration_form_has_a_back_link(signed_in, administrator, page, back) -> None:
    html = signed_in(administrator).get(reverse(page)).content.decode()
    assert f'<a href="{reverse(back)}" class="govuk-back-link">Back</a>' in html

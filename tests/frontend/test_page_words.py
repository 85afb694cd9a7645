"""The words of the page frame: error summaries in page order, refusal pages that fit
the person reading them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from tests.factories import person
from tests.helpers import sign_in


class PeriodForm(forms.Form):
    start = forms.CharField(label="Start")
    end = forms.CharField(label="End")

    def clean_end(self) -> str:
        raise forms.ValidationError("Enter the end")

    def clean(self) -> dict[str, Any]:
        # Checked after every field, about the first one: added to the errors last.
        self.add_error("start", "The start must be before the end")
        return self.cleaned_data


def test_the_error_summary_lists_errors_in_the_order_of_the_page() -> None:
    form = PeriodForm(data={"start": "May", "end": ""})
    assert list(form.errors) == ["end", "start"]  # the order they were found in
    summary = Template("{% govuk_error_summary form %}").render(Context({"form": form}))
    assert re.findall(r'<a href="#id_(\w+)">', summary) == ["start", "end"]


@pytest.mark.django_db
def test_a_signed_in_person_refused_a_page_is_told_it_is_their_roles_not_a_sign_out(
    board,
) -> None:
    notifier = person(board, Role.NOTIFIER)
    client = Client()
    sign_in(client, notifier)
    refused = client.get(reverse("audit:search"))
    assert refused.status_code == 403
    page = refused.content.decode()
    assert f"Your roles in {board.name} do not let you do this" in page
    assert "signed out" not in page
    assert AuditEvent.objects.filter(action="access.denied", actor=notifier).exists()


@pytest.mark.django_db
def test_an_administrator_refused_a_boards_page_is_told_what_administrators_do(
    administrator,
) -> None:
    client = Client()
    sign_in(client, administrator)
    page = client.get(reverse("audit:search")).content.decode()
    assert "Administrators manage boards, organisations and people" in page
    assert "signed out" not in page

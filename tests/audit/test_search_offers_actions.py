"""The audit search offers every action the code can write (each labelled: see
test_action_labels.py), read from the code rather than from the trail (which would cost
more with every event)."""

from __future__ import annotations

from typing import cast

import pytest
from django import forms

from casereviews.audit.actions import audit_actions
from casereviews.audit.forms import AuditSearchForm


@pytest.mark.django_db
def test_the_search_form_offers_the_vocabulary_without_reading_the_trail(
    board, django_assert_num_queries
) -> None:
    with django_assert_num_queries(0):
        form = AuditSearchForm(board=board)
    choices = cast(list[tuple[str, str]], cast(forms.ChoiceField, form.fields["action"]).choices)
    offered = [value for value, _ in choices]
    assert offered == ["", *audit_actions()]

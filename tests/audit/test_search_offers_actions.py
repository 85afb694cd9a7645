"""The audit search offers every action the code can write (each labelled: see
test_action_labels.py), read from the code rather than from the trail (which would cost
more with every event)."""

from __future__ import annotations

import pytest

from casereviews.audit.actions import audit_actions
from casereviews.audit.forms import AuditSearchForm


@pytest.mark.django_db
def test_the_search_form_offers_the_vocabulary_without_reading_the_trail(
    board, django_assert_num_queries
) -> None:
    with django_assert_num_queries(0):
        form = AuditSearchForm(board=board)
    offered = [value for value, _ in form.fields["action"].choices]  # type: ignore[attr-defined]
    assert offered == ["", *audit_actions()]

"""The audit search offers every action the code can write, read from the code rather
than from the trail (which would cost more with every event)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casereviews.audit.forms import AuditSearchForm
from casereviews.audit.vocabulary import audit_actions
from casereviews.workflow.transitions import TRANSITIONS

SOURCE = Path(__file__).resolve().parents[2] / "casereviews"


def written_actions() -> set[str]:
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text()
        found |= set(re.findall(r'\baction="([a-z_]+\.[a-z_.]+)"', text))
    # The administration's forms audit `<noun>.create` and `<noun>.update`.
    administration = (SOURCE / "administration" / "views.py").read_text()
    for noun in re.findall(r'\bnoun = "([a-z_]+)"', administration):
        found |= {f"{noun}.create", f"{noun}.update"}
    return found


def test_every_action_the_code_writes_is_in_the_vocabulary() -> None:
    written = written_actions()
    assert "notification.read" in written
    assert written <= set(audit_actions())


def test_every_transition_is_in_the_vocabulary() -> None:
    assert {f"notification.{name}" for name in TRANSITIONS} <= set(audit_actions())


@pytest.mark.django_db
def test_the_search_form_offers_the_vocabulary_without_reading_the_trail(
    board, django_assert_num_queries
) -> None:
    with django_assert_num_queries(0):
        form = AuditSearchForm(board=board)
    offered = [value for value, _ in form.fields["action"].choices]  # type: ignore[attr-defined]
    assert offered == ["", *audit_actions()]

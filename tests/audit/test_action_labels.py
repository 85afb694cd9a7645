"""Every action the code can write to the audit trail has one label, and the pages and
the CSV show the label, never the code."""

from __future__ import annotations

import ast
import csv
import io
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from casereviews import administration
from casereviews.administration import views as administration_views
from casereviews.audit.actions import ACTION_LABELS, action_label
from casereviews.audit.models import AuditEvent
from casereviews.audit.services import audit_record
from casereviews.boards.models import Role
from casereviews.learning.prepared import EXPORTS
from casereviews.workflow.transitions import TRANSITIONS
from tests.factories import NotificationFactory, person
from tests.helpers import sign_in

CODE = Path(administration.__file__).resolve().parent.parent

# The actions written with a computed name, and how each is computed: the test below
# lists every name each can take.
TRANSITION_ACTION = "notification.{}"
ADMINISTRATION_ACTION = "{}.{}"


def _written_actions() -> tuple[set[str], set[str]]:
    """The `action=` of every `audit_record(...)` call in the code: the literal names, and
    the computed ones as their source. A function that passes its own `action` parameter
    on (a module's small audit helper) is followed to its callers' literal names."""
    trees = [
        (path, ast.parse(path.read_text(encoding="utf-8")))
        for path in CODE.rglob("*.py")
        if "migrations" not in path.parts
    ]
    literal: set[str] = set()
    computed: set[str] = set()
    passers: dict[str, int] = {}  # helper name -> position of its `action` parameter
    for path, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name != "audit_record":
                continue
            action = next((k.value for k in node.keywords if k.arg == "action"), None)
            assert action is not None, f"{path}:{node.lineno} writes an event with no action"
            if isinstance(action, ast.Constant) and isinstance(action.value, str):
                literal.add(action.value)
            else:
                computed.add(ast.unparse(action))
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                parameters = [a.arg for a in function.args.args]
                passes_on = any(
                    isinstance(call, ast.Call)
                    and getattr(call.func, "id", getattr(call.func, "attr", "")) == "audit_record"
                    and any(
                        k.arg == "action"
                        and isinstance(k.value, ast.Name)
                        and k.value.id == "action"
                        for k in call.keywords
                    )
                    for call in ast.walk(function)
                )
                if passes_on and "action" in parameters:
                    passers[function.name] = parameters.index("action")
    for _path, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in passers:
                continue
            given = next((k.value for k in node.keywords if k.arg == "action"), None)
            if given is None and len(node.args) > passers[name]:
                given = node.args[passers[name]]
            if isinstance(given, ast.Constant) and isinstance(given.value, str):
                literal.add(given.value)
    computed.discard("action")  # followed to the helpers' callers above
    return literal, computed


def test_every_action_written_by_name_has_a_label() -> None:
    literal, _ = _written_actions()
    assert len(literal) > 30  # the scan found the code
    assert sorted(literal - ACTION_LABELS.keys()) == []


def test_every_computed_action_is_one_the_labels_cover() -> None:
    """The computed names: a transition of the table, an administrator's change, a
    password reset asked for or throttled, the merged chronology read or exported, and
    the annual report exported.
    A new computed name fails here until its names are listed and labelled."""
    _, computed = _written_actions()
    # Compared without quotes, which `ast.unparse` writes differently by Python version.
    assert {re.sub(r"[\"' ]", "", source) for source in computed} == {
        "fnotification.{transition.name}",
        "f{self.noun}.{(createifcreatedelseupdate)}",
        "auth.password_reset_requestedifasked.allowedelseauth.password_reset_throttled",
        "fchronology.exported.{export}ifexportelsechronology.read",
        "fsubject_access.exported.{export}ifexportelsesubject_access.searched",
        "fannual_report.exported.{file_type}",
    }
    assert {
        "auth.password_reset_throttled",
        "chronology.read",
        *(f"chronology.exported.{export}" for export in ("csv", "xlsx", "pdf")),
        *(f"annual_report.exported.{file_type}" for file_type in EXPORTS),
    } <= ACTION_LABELS.keys()
    transitions = {TRANSITION_ACTION.format(name) for name in TRANSITIONS}
    nouns = {
        view.noun
        for view in vars(administration_views).values()
        if isinstance(view, type)
        and issubclass(view, administration_views.AuditedFormMixin)
        and view.noun
    }
    assert nouns == {"board", "organisation", "user"}
    changes = {
        ADMINISTRATION_ACTION.format(noun, verb) for noun in nouns for verb in ("create", "update")
    }
    assert sorted((transitions | changes) - ACTION_LABELS.keys()) == []


def test_labels_are_words_not_codes() -> None:
    for action, label in ACTION_LABELS.items():
        assert label[0].isupper(), action
        assert not re.search(r"[a-z]+[._][a-z]+", label), f"{action}: {label!r} reads as a code"
    assert len(set(ACTION_LABELS.values())) == len(ACTION_LABELS), "two actions share a label"


@pytest.mark.django_db
def test_the_audit_page_and_its_csv_show_the_label_and_the_case_a_refusal_was_for(board) -> None:
    """A transition and a refused request appear as words; the refusal names the case
    and the page that was asked for."""
    manager = person(board, Role.BUSINESS_MANAGER)
    case = NotificationFactory.create(board=board)
    audit_record(actor=manager, action="notification.close", obj=case)
    outsider = person(board, Role.NOTIFIER)
    intruder = Client()
    sign_in(intruder, outsider)
    chair_page = reverse("decisions:chair-decision", args=[case.reference])
    assert intruder.get(chair_page).status_code == 404
    refusal = AuditEvent.objects.get(action="access.denied", actor=outsider)
    assert refusal.detail["case"] == case.reference
    assert refusal.detail["path"] == chair_page

    client = Client()
    sign_in(client, manager)
    page = client.get(reverse("audit:search"), {"reference": str(case.reference)}).content.decode()
    # The events table (the search form's options carry the codes as values only).
    page = page[page.index("<table") :]
    assert "Closed the case" in page
    assert "Refused access" in page
    assert f"{case.reference} (page {chair_page})" in page
    assert "notification.close" not in page
    assert "access.denied" not in page

    export = client.get(reverse("audit:export"), {"reference": str(case.reference)})
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    what = {row[5]: row[6] for row in rows[1:]}
    assert {row[4] for row in rows[1:]} == {"Business Manager", "Notifier"}  # roles in words
    assert what["Closed the case"] == case.reference
    assert what["Refused access"] == f"{case.reference} (page {chair_page})"
    assert not any(code in export.content.decode() for code in ("notification.", "access."))


def test_an_unknown_action_keeps_its_code_rather_than_lose_it() -> None:
    assert action_label("notification.close") == "Closed the case"
    assert action_label("retired.action") == "retired.action"

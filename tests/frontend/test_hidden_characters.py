"""One text rule for every free-text and name input (docs/adr/0021): generated from every
form the URLconf reaches, every serializer of the API and every upload column, each fed
the same hostile strings. A new form, serializer or column that does not clean fails."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django import forms
from django.http import QueryDict
from django.urls import get_resolver
from django.utils import timezone
from rest_framework import serializers

from bench import specimens
from casereviews.api.serializers import CleanTextSerializer
from casereviews.frontend.forms import CleanTextMixin, is_free_text
from casereviews.frontend.text import first_hidden, normalised, printable, refusal
from casereviews.involvement import files
from casereviews.involvement.entries import COLUMNS, HEADERS, MULTILINE_COLUMNS

pytestmark = pytest.mark.django_db

# The same hostile strings everywhere: each hides a character of one kind.
HOSTILE = {
    "bell (a control character)": ("Jo\x07 Smith", "control character"),
    "right-to-left override": ("Jo\u202eSmith", "right-to-left override"),
    "right-to-left isolate": ("Jo\u2067Smith", "right-to-left isolate"),
    "zero-width space": ("Jo\u200bSmith", "zero-width space"),
    "tag characters": ("Jo\U000e0041\U000e0042", "tag character"),
    "Hangul filler": ("\u3164", "Hangul filler"),
    "C1 control": ("Jo\x85Smith", "control character"),
    "variation selector": ("Jo\U000e0100", "variation selector"),
}
# Forms the audit trail owns (search filters that store nothing): their app is being
# reworked elsewhere and will take `Form` then.


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_the_rule_names_each_kind(case: str) -> None:
    text, kind = HOSTILE[case]
    hidden = first_hidden(text)
    assert hidden is not None
    assert kind in refusal(hidden, "the name")
    assert hidden is not None
    assert printable(text) != text


def test_the_rule_keeps_real_text() -> None:
    for text in ("Siân Jones-O'Neil", "Ælfrēd", "Mohammed al-Hassan", "Line one\nLine two\t."):
        assert first_hidden(text) is None
    assert first_hidden("one\nline", multiline=False) == "\n"
    assert normalised("Sia\u0302n") == "Siân"


def _forms() -> list[type[forms.BaseForm]]:
    assert get_resolver().url_patterns  # every view, so every form, is imported
    found: list[type[forms.BaseForm]] = []
    stack: list[type[forms.BaseForm]] = [forms.Form, forms.ModelForm]
    while stack:
        form = stack.pop()
        stack.extend(form.__subclasses__())
        if form.__module__.startswith("casereviews.") and form.__module__ not in (
            "casereviews.frontend.forms"
        ):
            found.append(form)
    return sorted(set(found), key=lambda f: f"{f.__module__}.{f.__qualname__}")


def test_every_form_of_the_service_cleans_text() -> None:
    found = _forms()
    assert len(found) > 60
    forgotten = [
        f"{form.__module__}.{form.__qualname__}"
        for form in found
        if not issubclass(form, CleanTextMixin)
    ]
    assert forgotten == []


def _built(form_class: type[forms.BaseForm], data: QueryDict) -> forms.BaseForm | None:
    """The form bound to `data`, if it needs nothing else to be built (those that need
    a board or a case are covered by inheriting the mixin, checked above)."""
    try:
        return form_class(data=data)
    except (TypeError, KeyError, ValueError):
        return None


def _text_fields() -> list[tuple[str, type[forms.BaseForm], str]]:
    fields = []
    for form_class in _forms():
        form = _built(form_class, QueryDict(mutable=True))
        for name, field in (form.fields if form is not None else {}).items():
            if is_free_text(field):
                fields.append((f"{form_class.__qualname__}.{name}", form_class, name))
    return fields


TEXT_FIELDS = _text_fields()


def test_the_generated_list_reaches_the_forms_people_type_names_and_stories_in() -> None:
    names = {label for label, _, _ in TEXT_FIELDS}
    assert len(names) > 60
    assert {"EntryForm.what_happened", "DraftForm.message", "UserForm.full_name"} <= names


@pytest.mark.parametrize(
    ("label", "form_class", "name"), TEXT_FIELDS, ids=[t[0] for t in TEXT_FIELDS]
)
def test_every_text_field_refuses_every_hidden_character_at_the_field(
    label: str, form_class: type[forms.BaseForm], name: str
) -> None:
    for case, (text, kind) in HOSTILE.items():
        data = QueryDict(mutable=True)
        form = _built(form_class, data)
        assert form is not None
        key = form.add_prefix(name)
        data[key] = text
        form = _built(form_class, data)
        assert form is not None
        assert not form.is_valid(), case
        errors = [str(e) for e in form.errors.get(name, [])]
        assert any(f"Remove the hidden character ({kind}) from" in e for e in errors), (
            case,
            errors,
        )


def _serializers() -> list[type[serializers.Serializer[Any]]]:
    assert get_resolver().url_patterns
    found: list[type[serializers.Serializer[Any]]] = []
    stack: list[type[serializers.Serializer[Any]]] = [serializers.Serializer]
    while stack:
        serializer = stack.pop()
        stack.extend(serializer.__subclasses__())
        if serializer.__module__.startswith("casereviews."):
            found.append(serializer)
    return found


def test_every_serializer_of_the_service_cleans_text() -> None:
    found = _serializers()
    assert len(found) > 10
    assert [s.__qualname__ for s in found if not issubclass(s, CleanTextSerializer)] == []


def _serializer_text_fields() -> list[tuple[str, type[serializers.Serializer[Any]], str]]:
    found = []
    for serializer in _serializers():
        if serializer is CleanTextSerializer:
            continue
        for name, field in serializer().fields.items():
            if isinstance(field, serializers.CharField) and not field.read_only:
                found.append((f"{serializer.__qualname__}.{name}", serializer, name))
    return found


SERIALIZER_FIELDS = _serializer_text_fields()


@pytest.mark.parametrize(
    ("label", "serializer", "name"), SERIALIZER_FIELDS, ids=[t[0] for t in SERIALIZER_FIELDS]
)
def test_every_api_text_field_refuses_every_hidden_character(
    label: str, serializer: type[serializers.Serializer[Any]], name: str
) -> None:
    for case, (text, kind) in HOSTILE.items():
        body = serializer(data={name: text})
        assert not body.is_valid(), case
        assert any(f"({kind})" in str(e) for e in body.errors.get(name, [])), case


TEXT_COLUMNS = [key for key, _ in COLUMNS]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("column", TEXT_COLUMNS)
def test_every_upload_column_refuses_every_hidden_character_naming_row_and_column(
    column: str, kind: str
) -> None:
    index = TEXT_COLUMNS.index(column)
    header = HEADERS[index].split(" (")[0]
    good = ["05/01/2026", "09:15", "no", "Health visitor home visit", "Health visitor", "HV"]
    # XML cannot hold a control character, so a workbook never carries one.
    cases = {
        case: value
        for case, value in HOSTILE.items()
        if kind == "csv" or value[1] != "control character"
    }
    rows = []
    for text, _ in cases.values():
        row = list(good)
        row[index] = text
        rows.append(row)
    if kind == "csv":
        out = io.StringIO()
        csv.writer(out).writerows([list(HEADERS), *rows])
        content = out.getvalue().encode()
    else:
        content = specimens.xlsx(
            [specimens.inline_row(n, r) for n, r in enumerate([list(HEADERS), *rows], start=1)]
        )
    _, problems = files.read_upload(
        f"chronology.{kind}", io.BytesIO(content), size=len(content), today=timezone.localdate()
    )
    assert [p.row for p in problems] == list(range(2, 2 + len(cases)))
    for problem, (case, (_, expected)) in zip(problems, cases.items(), strict=True):
        assert f"\u201c{header}\u201d" in problem.reason, case
        assert f"({expected})" in problem.reason, case


def test_only_what_happened_runs_over_lines() -> None:
    assert {"what_happened"} == MULTILINE_COLUMNS

"""Schemathesis generates requests from the OpenAPI document; the API answers none of
them with a server error or a response its document does not describe."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db


def test_the_api_keeps_to_its_openapi_document(notifier, token_for) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    headers = bearer(token_for(notifier))
    wanted = [
        checks.not_a_server_error,
        checks.status_code_conformance,
        checks.content_type_conformance,
        checks.response_schema_conformance,
    ]
    operations = list(schema.get_all_operations())
    assert operations, "the document describes no operation"
    for result in operations:
        operation = result.ok()

        @settings(
            max_examples=60,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        )
        @given(case=operation.as_strategy())
        def call(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=wanted)

        call()

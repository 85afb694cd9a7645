"""Schemathesis generates requests from the OpenAPI document; the API answers none of
them with a server error or a response its document does not describe."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import checks
from schemathesis.core.result import Ok

from casereviews.notifications.models import Notification, Status
from tests.api.conftest import bearer

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
# What every answer must keep to: no server error, and the status, content type and body
# the document describes.
WANTED = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]


def _operation(result: Any) -> Any:
    """The operation described; an invalid document fails here."""
    assert isinstance(result, Ok), result
    return result.ok()


@pytest.fixture
def connection_kept_open() -> Iterator[None]:
    """The WSGI application closes the database connection after each request, which
    would end the test's transaction on PostgreSQL; Django's own test client stops it the
    same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_api_keeps_to_its_openapi_document(notifier, token_for, connection_kept_open) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    headers = bearer(token_for(notifier))
    operations = list(schema.get_all_operations())
    assert operations, "the document describes no operation"
    described = {_operation(result).path for result in operations}
    assert {"/api/v1/notifications", "/api/v1/notifications/{reference}"} <= described
    for result in operations:
        operation = _operation(result)

        @settings(
            max_examples=60,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        )
        @given(case=operation.as_strategy())
        def call(case: schemathesis.Case[Any]) -> None:
            case.call_and_validate(headers=headers, checks=WANTED)

        call()


def test_the_documented_examples_work_as_documented(
    board, notifier, token_for, connection_kept_open
) -> None:
    """The examples in the OpenAPI document are sent as they stand: each answer keeps to
    the document, and the example CRNF A really makes a notification of the board."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    headers = bearer(token_for(notifier))
    sent = 0
    for result in schema.get_all_operations():
        operation = _operation(result)
        for strategy in operation.get_strategies_from_examples():

            @settings(
                max_examples=1,
                deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture],
            )
            @given(case=strategy)
            def call(case: schemathesis.Case[Any]) -> None:
                case.call_and_validate(headers=headers, checks=WANTED)

            call()
            sent += 1
    assert sent
    made = Notification.objects.get(notifier=notifier)
    assert (made.board, made.status) == (board, Status.SUBMITTED)

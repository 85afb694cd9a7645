"""Log lines as JSON (LOG_FORMAT=json), each with its request's id, and never a child's
identity (docs/adr/0025-health-metrics-and-logs.md)."""

from __future__ import annotations

import json
import logging
import logging.config
from io import StringIO

import pytest
from django.http import HttpResponse
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.monitoring.logs import logging_config
from casereviews.monitoring.middleware import RequestIdMiddleware
from tests.factories import ChildFactory, NotificationFactory

pytestmark = pytest.mark.django_db
CHILD = "Jasmine Okonkwo-Smith"


@pytest.fixture
def json_log():
    """The service's logging as LOG_FORMAT=json configures it, into a buffer."""
    logging.config.dictConfig(logging_config(log_format="json", level="INFO"))
    handler = logging.getLogger().handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    buffer = StringIO()
    handler.setStream(buffer)
    yield buffer
    logging.config.dictConfig(logging_config(log_format="plain", level="INFO"))


def lines(buffer: StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_a_json_log_line_carries_the_request_id_and_no_childs_name(
    json_log, signed_in, business_manager, board, notifier
) -> None:
    case = NotificationFactory.create(board=board, notifier=notifier)
    ChildFactory.create(
        notification=case, full_name=CHILD, age_at_incident=4, address="", date_of_birth=None
    )
    client = signed_in(business_manager)
    response = client.get(reverse("notifications:detail", args=[case.reference]))
    assert response.status_code == 200
    request_id = response["X-Request-Id"]
    logging.getLogger("casereviews.test").warning(
        "Saved %s", {"full_name": CHILD, "date_of_birth": "2015-03-07"}
    )
    written = lines(json_log)
    page = next(line for line in written if line["logger"] == "casereviews.request")
    assert page["request_id"] == request_id
    assert (page["view"], page["method"], page["status"]) == ("notifications:detail", "GET", 200)
    assert case.reference not in json_log.getvalue()
    assert CHILD not in json_log.getvalue()
    assert "2015-03-07" not in json_log.getvalue()
    assert AuditEvent.objects.filter(request_id=request_id, action="notification.read").exists()


def test_every_line_of_a_request_carries_its_id(json_log, client, rf) -> None:
    """Any line written while a request is served, not only the request's own."""

    def view(request):
        logging.getLogger("casereviews.test").error("Child %s", f"full_name={CHILD!r}")
        return HttpResponse("ok")

    response = RequestIdMiddleware(view)(rf.get("/", HTTP_X_REQUEST_ID="edge-proxy-0001"))
    assert response["X-Request-Id"] == "edge-proxy-0001"
    line = next(line for line in lines(json_log) if line["logger"] == "casereviews.test")
    assert line["request_id"] == "edge-proxy-0001"
    assert line["message"] == "Child full_name=[redacted]"
    assert CHILD.split()[-1] not in json_log.getvalue()


@pytest.mark.parametrize(
    ("incoming", "kept"),
    [
        ("0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef"),
        ("6F9619FF-8B86-D011-B42D-00C04FC964FF", "6f9619ff8b86d011b42d00c04fc964ff"),
        ("short", None),
        ("x" * 33, None),
        ("id with spaces", None),
        ("<script>alert(1)</script>", None),
        ("abc\r\nSet-Cookie: a=b", None),
    ],
)
def test_an_incoming_request_id_is_used_only_if_well_formed(client, incoming, kept) -> None:
    response = client.get(reverse("monitoring:live"), HTTP_X_REQUEST_ID=incoming)
    echoed = response["X-Request-Id"]
    if kept:
        assert echoed == kept
    else:
        assert echoed != incoming
        assert len(echoed) == 32
        int(echoed, 16)


def test_an_unknown_log_format_is_named() -> None:
    with pytest.raises(ValueError, match="LOG_FORMAT must be plain or json"):
        logging_config(log_format="xml", level="INFO")

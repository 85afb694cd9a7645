"""A local HTTP server that answers as GOV.UK Notify's API documents, for driving the real
`notifications-python-client` in tests: POST /v2/notifications/email with a JWT bearer
token, verified with the service id and secret of the API key
(`name-serviceid-secretkey`); 201 with the documented JSON, or the documented errors."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from notifications_python_client.authentication import decode_jwt_token, get_token_issuer
from notifications_python_client.errors import TokenError

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"case-reviews-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"

# The errors as Notify's documentation gives them, by status.
ERRORS = {
    400: ("BadRequestError", "Can't send to this recipient using a team-only API key"),
    403: ("AuthError", "Invalid token: signature, api token not found"),
    429: (
        "RateLimitError",
        "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds",
    ),
    500: ("Exception", "Internal server error"),
}


@dataclass
class FakeNotify:
    """What the server received, and what it answers next (`answer`: 201 or an error)."""

    url: str = ""
    answer: int = 201
    received: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _handler(notify: FakeNotify) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return None

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _error(self, status: int) -> None:
            error, message = ERRORS[status]
            self._reply(
                status, {"status_code": status, "errors": [{"error": error, "message": message}]}
            )

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            if self.path != "/v2/notifications/email":
                self._reply(404, {"status_code": 404, "errors": [{"error": "NotFound"}]})
                return
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            try:
                verified = get_token_issuer(token) == SERVICE_ID and decode_jwt_token(token, SECRET)
            except TokenError:
                verified = False
            with notify.lock:
                notify.received.append({"body": body, "verified": bool(verified)})
                answer = notify.answer
            if not verified:
                self._error(403)
            elif answer != 201:
                self._error(answer)
            else:
                personalisation = body.get("personalisation", {})
                identifier = str(uuid.uuid4())
                self._reply(
                    201,
                    {
                        "id": identifier,
                        "reference": body.get("reference"),
                        "content": {
                            "subject": personalisation.get("subject", ""),
                            "body": personalisation.get("body", ""),
                            "from_email": "case.reviews@notifications.service.gov.uk",
                        },
                        "uri": f"{notify.url}/v2/notifications/{identifier}",
                        "template": {
                            "id": body.get("template_id"),
                            "version": 1,
                            "uri": f"{notify.url}/v2/template/{body.get('template_id')}",
                        },
                    },
                )

    return Handler


@contextmanager
def fake_notify() -> Iterator[FakeNotify]:
    notify = FakeNotify()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(notify))
    notify.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield notify
    finally:
        server.shutdown()
        server.server_close()

# Run through `manage.py shell -c "$(cat scripts/profile_requests.py)"` against a database
# made by `generate_load_data` (never a real one; it submits notifications). For the
# notification submit (API) and the case page, in this process: the queries each request
# makes, how long it holds the audit chain's lock (PostgreSQL: from the moment the
# advisory lock is granted to the commit that releases it), its time, and where that time
# goes (cProfile). "one lock per action" is the service as it is; "lock from the first
# event" puts back plain `transaction.atomic()` where the service now opens
# `audited_transaction()`, as it was before docs/adr/0017-audit-chain-throughput.md.
import cProfile
import io
import json
import os
import pstats
import statistics
import time

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment

from bench.generate import board_code
from casereviews.api.notification_serializers import EXAMPLE
from casereviews.api.services import api_token_create
from casereviews.audit import services as audit_services
from casereviews.boards.models import Board, Role, RoleGrant
from casereviews.notifications.models import Notification, Status
from casereviews.submission import intake
from casereviews.submission import services as submission_services
from casereviews.workflow import services as workflow_services
from tests.helpers import sign_in

ROUNDS = int(os.environ.get("PROFILE_ROUNDS", "15"))
setup_test_environment()
holds: list[float] = []
granted: list[float] = []


def timing_the_lock(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if "pg_advisory_xact_lock" in sql:
        granted.append(time.perf_counter())
    return result


commit_now = connection.commit


def commit_and_time() -> None:
    commit_now()
    if granted:
        holds.append((time.perf_counter() - granted.pop()) * 1000)


connection.commit = commit_and_time


board = Board.objects.get(code=board_code(0))
manager = RoleGrant.objects.get(board=board, role=Role.BUSINESS_MANAGER).user
token = api_token_create(user=manager, name="Profile")[1]
case = (
    Notification.objects.filter(board=board, status=Status.UNDER_CONSIDERATION)
    .order_by("-submitted_at")
    .first()
)
api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
page = sign_in(Client(), manager)
body = {**EXAMPLE, "board": board.code}
body.pop("client_reference")


def submit() -> int:
    response = api.post("/api/v1/notifications", json.dumps(body), content_type="application/json")
    return response.status_code


def read() -> int:
    return page.get(f"/notifications/{case.reference}").status_code


def measure(name: str, request) -> dict:
    global holds
    request()  # warm
    holds, times, counts = [], [], []
    with connection.execute_wrapper(timing_the_lock):
        for _ in range(ROUNDS):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                status = request()
                times.append((time.perf_counter() - started) * 1000)
            assert status in (200, 201), status
            counts.append(len(queries.captured_queries))
    profile = cProfile.Profile()
    profile.enable()
    request()
    profile.disable()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
    stats.print_stats(r"casereviews", 12)
    return {
        "name": name,
        "queries": max(counts),
        "ms p50": round(statistics.median(times), 1),
        "lock held per request ms p50": round(statistics.median(holds), 2) if holds else None,
        "locks per request": len(holds) / ROUNDS,
        "profile": out.getvalue().split("\n", 8)[-1][:3000],
    }


def plain_atomic(mode: str) -> None:
    atomic = transaction.atomic if mode == "before" else audit_services.audited_transaction
    intake.audited_transaction = atomic
    submission_services.audited_transaction = atomic
    workflow_services.audited_transaction = atomic


for mode in ("before", "now"):
    plain_atomic(mode)
    label = "lock from the first event" if mode == "before" else "one lock per action"
    for name, request in (("notification submit", submit), ("case page", read)):
        result = measure(f"{name} ({label})", request)
        profile_text = result.pop("profile")
        print(json.dumps(result))
        if os.environ.get("PROFILE_PRINT"):
            print(profile_text)

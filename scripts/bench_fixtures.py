# Run by scripts/bench.py through `manage.py shell -c` against a generated database:
# prints, as one JSON line, who signs in for the bench and what they ask for.
import json

from bench.generate import LOAD_PASSWORD, LOAD_TOTP_KEY, board_code
from casereviews.api.notification_serializers import EXAMPLE
from casereviews.api.services import api_token_create
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board, Role, RoleGrant
from casereviews.deadlines.models import Deadline
from casereviews.frontend.keyset import encode_cursor
from casereviews.notifications.models import Notification, Status
from casereviews.notifications.selectors import NEWEST_SUBMITTED_FIRST

board = Board.objects.get(code=board_code(0))
people = {}
for role in Role:
    grant = RoleGrant.objects.filter(board=board, role=role).select_related("user").first()
    people[str(role)] = grant.user.email
manager = RoleGrant.objects.get(board=board, role=Role.BUSINESS_MANAGER).user
submitted = Notification.objects.filter(board=board).exclude(status=Status.DRAFT)
listed = submitted.order_by(*NEWEST_SUBMITTED_FIRST)
deep = listed[int(listed.count() * 0.9)]
case = submitted.filter(status=Status.UNDER_CONSIDERATION).order_by("-submitted_at").first()
# The submissions go to the last board, from its Business Manager, so that the pages
# measured in the first board show the same rows in every run: each run submits a
# thousand or so notifications, each with open deadlines of its own.
last = Board.objects.order_by("-code").first()
submitter = RoleGrant.objects.get(board=last, role=Role.BUSINESS_MANAGER).user
body = {**EXAMPLE, "board": last.code}
body.pop("client_reference")
print(
    json.dumps(
        {
            "people": people,
            "password": LOAD_PASSWORD,
            "totp_key": LOAD_TOTP_KEY,
            "token": api_token_create(user=manager, name="Bench")[1],
            "submit_token": api_token_create(user=submitter, name="Bench submissions")[1],
            "deep_cursor": encode_cursor(deep, NEWEST_SUBMITTED_FIRST),
            "case": (case or listed.first()).reference,
            "body": body,
            "sizes": {
                "boards": Board.objects.count(),
                "events": AuditEvent.objects.count(),
                "open_deadlines": Deadline.objects.filter(state="open").count(),
            },
        }
    )
)

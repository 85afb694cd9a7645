"""Demonstration notifications, so that `make run` shows the Business Manager two cases to
verify in Bracknell Forest (2015 procedure), and two safeguarding partnership cases in
Windsor and Maidenhead (Working Together 2023): one waiting for the notification to the
Panel, one whose rapid review is under way. They are made exactly as the API makes one
(the same checks, services and e-mails), and found again by their client reference, so
loading twice changes nothing. The children and families are invented."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from casereviews.accounts.models import User
from casereviews.api.notification_serializers import NotificationCreateSerializer
from casereviews.assessments.notifiability import notifiability_record
from casereviews.boards.models import Board
from casereviews.notifications.models import Notification, Status
from casereviews.submission.intake import notification_create_and_submit
from casereviews.workflow.models import PanelNotificationHow
from casereviews.workflow.panel_notification import panel_notification_record

DEMO_NOTIFICATIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    (
        "notifier@demo.example.org",
        {
            "board": "BF",
            "client_reference": "demo-0001",
            "review_sought": "inter_agency_cpir",
            "consultation": {
                "consulted_with": "agency_lead",
                "date": "2026-11-23",
                "time": "09:30",
            },
            "incident": {
                "date": "2026-11-21",
                "place": "At home",
                "with_whom": "Her mother's partner",
            },
            "children": [
                {
                    "full_name": "Demo Child Ava",
                    "date_of_birth": "2019-04-09",
                    "sex": "female",
                    "address": "1 Example Road, Bracknell",
                    "local_authority": "Bracknell Forest",
                    "child_protection_plan": "before",
                    "looked_after": "never",
                    "open_to_social_care": "yes",
                }
            ],
            "what_happened": (
                "Admitted to hospital with a fractured arm and bruising to the face. The "
                "explanations given do not match the injuries. A strategy discussion was held."
            ),
            "criteria_facts": {
                "child_died": False,
                "seriously_harmed": True,
                "abuse_or_neglect": "suspected",
                "inter_agency_concern": "unclear",
                "standards_not_met": "yes",
                "learning": ["working_together"],
                "good_practice": False,
                "similar_issues_previously_reviewed": None,
            },
            "family_members": [
                {"full_name": "Demo Parent Beth", "relationship": "mother"},
                {"full_name": "Demo Adult Carl", "relationship": "mother's partner"},
            ],
            "agencies": [
                "Thames Valley Police",
                "Frimley Health NHS Foundation Trust",
                "Bracknell Forest Council Children's Social Care",
            ],
            "other_agencies": "GP surgery",
            "parallel_processes": ["criminal_proceedings"],
        },
    ),
    (
        "health.notifier@demo.example.org",
        {
            "board": "BF",
            "client_reference": "demo-0002",
            "review_sought": "scr",
            "consultation": {
                "consulted_with": "business_manager",
                "date": "2026-11-24",
                "time": "14:00",
            },
            "incident": {
                "date": "2026-11-22",
                "place": "At home",
                "with_whom": "Both parents",
            },
            "children": [
                {
                    "full_name": "Demo Baby Dan",
                    "date_of_birth": "2026-08-02",
                    "date_of_death": "2026-11-22",
                    "sex": "male",
                    "address": "2 Example Close, Bracknell",
                    "local_authority": "Bracknell Forest",
                    "child_protection_plan": "never",
                    "looked_after": "never",
                    "open_to_social_care": "no",
                }
            ],
            "what_happened": (
                "Sudden unexpected death of a 3-month-old baby. Bruising was noted by the "
                "health visitor three weeks before."
            ),
            "criteria_facts": {
                "child_died": True,
                "suspected_suicide": False,
                "death_setting": "none",
                "seriously_harmed": False,
                "abuse_or_neglect": "suspected",
                "inter_agency_concern": "yes",
                "standards_not_met": "unclear",
                "learning": [],
                "good_practice": False,
                "similar_issues_previously_reviewed": None,
            },
            "family_members": [
                {"full_name": "Demo Parent Erin", "relationship": "mother"},
                {"full_name": "Demo Parent Finn", "relationship": "father"},
            ],
            "agencies": ["Frimley Health NHS Foundation Trust", "Thames Valley Police"],
            "parallel_processes": ["coroner_inquest", "criminal_proceedings"],
        },
    ),
)


def _partnership_case(
    client_reference: str, *, child: str, born: str, what_happened: str, facts: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    return (
        "notifier@demo.example.org",
        {
            "board": "RBWM",
            "client_reference": client_reference,
            # A partnership's notifier asks in Working Together 2023's words.
            "review_sought": "serious_incident",
            "consultation": {
                "consulted_with": "agency_lead",
                "date": "2026-11-23",
                "time": "11:00",
            },
            "incident": {"date": "2026-11-20", "place": "At home", "with_whom": "Her father"},
            "children": [
                {
                    "full_name": child,
                    "date_of_birth": born,
                    "sex": "female",
                    "address": "3 Example Lane, Maidenhead",
                    "local_authority": "Royal Borough of Windsor and Maidenhead",
                    "child_protection_plan": "now",
                    "looked_after": "never",
                    "open_to_social_care": "yes",
                }
            ],
            "what_happened": what_happened,
            "criteria_facts": {
                "standards_not_met": "unclear",
                "good_practice": False,
                "similar_issues_previously_reviewed": None,
                "learning": [],
                **facts,
            },
            "family_members": [{"full_name": "Demo Parent Gus", "relationship": "father"}],
            "agencies": ["Thames Valley Police", "Achieving for Children (Windsor and Maidenhead)"],
            "parallel_processes": ["criminal_proceedings"],
        },
    )


PARTNERSHIP_NOTIFICATIONS = (
    _partnership_case(
        "demo-rbwm-0001",
        child="Demo Child Hana",
        born="2015-02-11",
        what_happened=(
            "Admitted with a head injury after a reported fall; a child protection plan for "
            "neglect was in place."
        ),
        facts={
            "child_died": False,
            "seriously_harmed": True,
            "abuse_or_neglect": "suspected",
            "inter_agency_concern": "yes",
            "learning": ["working_together"],
        },
    ),
    _partnership_case(
        "demo-rbwm-0002",
        child="Demo Child Iris",
        born="2012-07-30",
        what_happened="Serious burns; the explanation given does not fit the injury.",
        facts={
            "child_died": False,
            "seriously_harmed": True,
            "abuse_or_neglect": "known",
            "inter_agency_concern": "unclear",
        },
    ),
)
# Of the partnership's cases, the one the Panel has been told of: its rapid review is on.
RAPID_REVIEW_UNDER_WAY = "demo-rbwm-0002"


def load_demo_notifications(
    demos: tuple[tuple[str, dict[str, Any]], ...] = (
        *DEMO_NOTIFICATIONS,
        *PARTNERSHIP_NOTIFICATIONS,
    ),
) -> None:
    """Submit the demo notifications; the API's own reading of a CRNF A gives the typed
    answers the intake takes."""
    for email, demo in demos:
        demo_submit(email, demo)
    case = Notification.objects.filter(client_reference=RAPID_REVIEW_UNDER_WAY).first()
    if case is not None and case.status == Status.SUBMITTED:
        # Judged notifiable (the engine agrees: known abuse, serious burns), then the
        # notification to the Panel recorded as sent.
        manager = User.objects.get(email="business.manager@demo.example.org")
        notifiability_record(
            notification=case, notifiable=True, by=manager, expected_version=case.version
        )
        case.refresh_from_db()
        panel_notification_record(
            notification=case,
            sent_at=timezone.now(),
            how=PanelNotificationHow.ONLINE_FORM,
            reference="DEMO-CSPRP-0001",
            sent_by="Demo Head of Children's Social Care",
            by=manager,
            expected_version=case.version,
        )


def demo_submit(email: str, demo: dict[str, Any]) -> Notification:
    """Submit one demo notification (again: the same client reference returns it)."""
    notifier = User.objects.get(email=email)
    board = Board.objects.get(code=demo["board"])
    # The API names agencies by id; the demo by name.
    agencies = board.partners.filter(name__in=demo["agencies"]).values_list("pk", flat=True)
    body = {**demo, "agencies": list(agencies)}
    serializer = NotificationCreateSerializer(data=body)
    serializer.is_valid(raise_exception=True)
    answers = dict(serializer.validated_data)
    answers["notifier"] = {
        "name": notifier.full_name,
        "job_title": notifier.job_title,
        "telephone": "01344 000000",
    }
    notification, _ = notification_create_and_submit(
        board=board,
        by=notifier,
        answers=answers,
        client_reference=answers["client_reference"],
    )
    return notification

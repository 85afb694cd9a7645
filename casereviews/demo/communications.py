"""What `make run` shows of the communications and single-agency CPIRs: a
single-agency CPIR consultation for the Business Manager to verify and then record as
one (Procedure B 1(i)), and a press statement about the baby's death waiting for the
LISG's agreement (A 4(v)). Loading twice changes nothing."""

from __future__ import annotations

from typing import Any

from casereviews.accounts.models import User
from casereviews.communications.models import Communication
from casereviews.communications.services import communication_draft
from casereviews.demo.notifications import load_demo_notifications
from casereviews.notifications.models import Notification

SINGLE_AGENCY_CONSULTATION: tuple[str, dict[str, Any]] = (
    "health.notifier@demo.example.org",
    {
        "board": "BF",
        "client_reference": "demo-0003",
        "review_sought": "single_agency_cpir",
        "consultation": {"consulted_with": "both", "date": "2026-11-25", "time": "11:00"},
        "incident": {"date": "2026-11-19", "place": "Health clinic", "with_whom": "Her mother"},
        "children": [
            {
                "full_name": "Demo Child Gwen",
                "date_of_birth": "2024-02-14",
                "sex": "female",
                "address": "3 Example Lane, Bracknell",
                "local_authority": "Bracknell Forest",
                "child_protection_plan": "never",
                "looked_after": "never",
                "open_to_social_care": "no",
            }
        ],
        "what_happened": (
            "Two follow-up health visits after a referral for weight loss did not take place; "
            "the child was admitted to hospital, and has recovered."
        ),
        "criteria_facts": {
            "child_died": False,
            "seriously_harmed": False,
            "abuse_or_neglect": "not_suspected",
            "inter_agency_concern": "no",
            "standards_not_met": "yes",
            "learning": ["single_agency"],
            "good_practice": False,
            "similar_issues_previously_reviewed": None,
        },
        "family_members": [{"full_name": "Demo Parent Hana", "relationship": "mother"}],
        "agencies": ["Frimley Health NHS Foundation Trust"],
        "parallel_processes": [],
    },
)


def load_demo_communications_and_single_agency() -> None:
    load_demo_notifications((SINGLE_AGENCY_CONSULTATION,))
    case = Notification.objects.filter(client_reference="demo-0002").first()
    manager = User.objects.filter(email="business.manager@demo.example.org").first()
    if case is None or manager is None or Communication.objects.filter(notification=case).exists():
        return
    communication_draft(
        notification=case,
        by=manager,
        audience="press",
        message=(
            "The Bracknell Forest LSCB has been told of the death of a baby and is considering "
            "whether a Serious Case Review should be held. It will not comment further while "
            "the coroner's inquest and the police investigation continue."
        ),
        channel="press_statement",
        deliverer=manager,
    )

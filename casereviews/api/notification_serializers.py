"""The CRNF A as JSON: what `POST /api/v1/notifications` takes and what
`GET /api/v1/notifications/{reference}` gives.

The serializers only check shapes and types. Whether the answers are acceptable is
judged by the form pages' own forms (`casereviews.notifications.intake`), so the API
and the pages refuse the same things with the same messages: every answer is therefore
optional here, and a missing one is refused there with the page's words."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample
from rest_framework import serializers

from casereviews.criteria import VOCABULARIES
from casereviews.notifications.forms import PARALLEL_PROCESSES
from casereviews.notifications.models import (
    ChildProtectionPlan,
    ConsultedWith,
    LookedAfter,
    ReviewSought,
    Sex,
    Status,
    YesNoUnknown,
)

PROCESS_NAMES = [key for key, _ in PARALLEL_PROCESSES if key != "none"]


def _text(max_length: int | None = None, **kwargs: Any) -> serializers.CharField:
    return serializers.CharField(
        required=False, allow_blank=True, allow_null=True, max_length=max_length, **kwargs
    )


def _choice(choices: Any, **kwargs: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices, required=False, allow_null=True, allow_blank=True, **kwargs
    )


def _date(**kwargs: Any) -> serializers.DateField:
    return serializers.DateField(required=False, allow_null=True, **kwargs)


def _flag(**kwargs: Any) -> serializers.BooleanField:
    return serializers.BooleanField(required=False, allow_null=True, **kwargs)


class NotifierSerializer(serializers.Serializer[Any]):
    name = _text(200, help_text="Default: the name on the token's account.")
    job_title = _text(200, help_text="Default: the job title on the token's account.")
    telephone = _text(40)


class ConsultationSerializer(serializers.Serializer[Any]):
    consulted_with = _choice(ConsultedWith.choices)
    date = _date(help_text="The day of the consultation (the 24-hour clock starts then).")
    time = _text(5, help_text="24-hour clock, like 14:30 (UK time).")
    not_consulted_reason = _text(help_text="Required when `consulted_with` is `none`.")


class IncidentSerializer(serializers.Serializer[Any]):
    date = _date()
    place = _text(help_text="Where the child was at the time.")
    with_whom = _text(help_text="Who the child was with at the time.")


class ChildSerializer(serializers.Serializer[Any]):
    full_name = _text(200)
    other_names = _text(200)
    date_of_birth = _date()
    age_at_incident = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=150,
        help_text="Only when the date of birth is not known.",
    )
    sex = _choice(Sex.choices)
    ethnicity = _text(100)
    address = _text()
    local_authority = _text(100)
    child_protection_plan = _choice(ChildProtectionPlan.choices)
    looked_after = _choice(LookedAfter.choices)
    open_to_social_care = _choice(YesNoUnknown.choices)
    date_of_death = _date()
    subject = serializers.BooleanField(
        required=False,
        default=False,
        help_text="The child who died or was most seriously harmed: the criteria facts "
        "describe them. Default: the first child.",
    )


class FamilyMemberSerializer(serializers.Serializer[Any]):
    full_name = _text(200)
    relationship = _text(100)
    date_of_birth = _date()
    address = _text()


def _fact(name: str) -> serializers.ChoiceField:
    return _choice([*VOCABULARIES[name], "unknown"])


class CrnfFactsSerializer(serializers.Serializer[Any]):
    """The criteria facts the form asks for, by their DESIGN.md names. `age_years` is
    worked out from the subject child and the parallel-process flags from
    `parallel_processes`."""

    child_died = _flag()
    seriously_harmed = _flag(help_text="null: not known.")
    suspected_suicide = _flag(help_text="Asked when the child died; null: not known.")
    death_setting = _fact("death_setting")
    abuse_or_neglect = _fact("abuse_or_neglect")
    inter_agency_concern = _fact("inter_agency_concern")
    standards_not_met = _fact("standards_not_met")
    learning = serializers.ListField(
        child=serializers.ChoiceField(choices=list(VOCABULARIES["learning"])),
        required=False,
        allow_null=True,
        help_text="Empty: none identified yet.",
    )
    good_practice = _flag()
    similar_issues_previously_reviewed = _flag(help_text="null: not known.")


EXAMPLE: dict[str, Any] = {
    "board": "BF",
    "client_reference": "TVP-2026-000123",
    "review_sought": "inter_agency_cpir",
    "notifier": {"job_title": "Detective Sergeant", "telephone": "01344 000000"},
    "consultation": {"consulted_with": "agency_lead", "date": "2026-11-25", "time": "09:30"},
    "incident": {
        "date": "2026-11-20",
        "place": "At home",
        "with_whom": "Her mother's partner",
    },
    "children": [
        {
            "full_name": "Child's full name",
            "date_of_birth": "2015-04-09",
            "sex": "female",
            "address": "Address",
            "local_authority": "Bracknell Forest",
            "child_protection_plan": "before",
            "looked_after": "never",
            "open_to_social_care": "yes",
        }
    ],
    "what_happened": "Admitted to hospital with injuries.",
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
    "family_members": [{"full_name": "Parent's full name", "relationship": "mother"}],
    "agencies": [],
    "other_agencies": "GP surgery",
    "parallel_processes": ["criminal_proceedings"],
}


class NotificationCreateSerializer(serializers.Serializer[Any]):
    """A whole CRNF A, sent to the board in one request."""

    board = serializers.CharField(max_length=20, help_text="The board's code, like BF.")
    client_reference = _text(
        100,
        help_text="Your own reference for this notification. Sending it again returns the "
        "notification already made (like the Idempotency-Key header).",
    )
    review_sought = _choice(ReviewSought.choices)
    notifier = NotifierSerializer(required=False)
    consultation = ConsultationSerializer(required=False)
    incident = IncidentSerializer(required=False)
    children = ChildSerializer(many=True, required=False)
    what_happened = _text()
    criteria_facts = CrnfFactsSerializer(required=False)
    family_members = FamilyMemberSerializer(many=True, required=False)
    agencies = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        required=False,
        help_text="Ids of the board's partner organisations known to be involved.",
    )
    other_agencies = _text()
    parallel_processes = serializers.ListField(
        child=serializers.ChoiceField(choices=PROCESS_NAMES),
        required=False,
        help_text="The parallel processes known to be under way; empty: none known.",
    )
    parallel_process_details = _text()


CREATE_EXAMPLES = [OpenApiExample("An inter-agency CPIR request", value=EXAMPLE)]


class CreatedSerializer(serializers.Serializer[Any]):
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    url = serializers.CharField(help_text="This notification in the API.")


class FieldProblemSerializer(serializers.Serializer[Any]):
    """Refused answers: `errors` maps each answer to the messages the form shows."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    # DRF collects declared fields before `Serializer.errors` is set, so the name is free.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


class AttachmentOutSerializer(serializers.Serializer[Any]):
    filename = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    download_url = serializers.CharField(help_text="The audited download (a signed-in page).")


class ChildOutSerializer(ChildSerializer):
    pass


class NotificationSerializer(serializers.Serializer[Any]):
    """A notification as its reader may see it."""

    reference = serializers.CharField()
    board = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    submitted_at = serializers.DateTimeField(allow_null=True)
    submission_due_at = serializers.DateTimeField(allow_null=True)
    submitted_on_time = serializers.BooleanField(allow_null=True)
    organisation = serializers.CharField()
    review_sought = serializers.CharField(allow_blank=True)
    notifier = NotifierSerializer()
    consultation = ConsultationSerializer()
    incident = IncidentSerializer()
    children = ChildOutSerializer(many=True)
    what_happened = serializers.CharField(allow_blank=True)
    criteria_facts = serializers.DictField(help_text="By the names of DESIGN.md section 4.")
    family_members = FamilyMemberSerializer(many=True)
    agencies = serializers.ListField(child=serializers.CharField())
    other_agencies = serializers.CharField(allow_blank=True)
    parallel_processes = serializers.ListField(child=serializers.CharField())
    parallel_process_details = serializers.CharField(allow_blank=True)
    attachments = AttachmentOutSerializer(many=True)

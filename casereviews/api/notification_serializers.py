"""The CRNF A as JSON: what `POST /api/v1/notifications` takes and what
`GET /api/v1/notifications/{reference}` gives.

The serializers are made from the CRNF A's description
(`casereviews.notifications.crnf.description`: each question's API path and kind) and
only check shapes and types. Whether the answers are acceptable is judged by the form
pages' own forms (`casereviews.submission.intake`), so the API
and the pages refuse the same things with the same messages: every answer is therefore
optional here, and a missing one is refused there with the page's words."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiExample
from rest_framework import serializers

from casereviews.api.serializers import CleanTextSerializer
from casereviews.decisions.models import Methodology, ReviewType
from casereviews.frameworks.vocabulary import FRAMEWORK_CHOICES
from casereviews.notifications.crnf.description import (
    CHILD_QUESTIONS,
    FAMILY_QUESTIONS,
    MAX_AGENCIES,
    MAX_CHILDREN,
    MAX_FAMILY_MEMBERS,
    QUESTIONS,
    RowLimit,
)
from casereviews.notifications.crnf.model import Kind, Question
from casereviews.notifications.models import Status

# The nested objects of the JSON, by the first part of their questions' API paths.
_GROUPS = {
    "notifier": "Notifier",
    "consultation": "Consultation",
    "incident": "Incident",
    "criteria_facts": "CrnfFacts",
}
_GROUP_HELP = {
    "criteria_facts": "The criteria facts the form asks for, by their DESIGN.md names. "
    "`age_years` is worked out from the subject child and the parallel-process flags from "
    "`parallel_processes`.",
}


def _check_limit(data: Any, limit: RowLimit) -> None:
    # Before any item is read, so the cost of refusing a long list does not grow with it.
    if isinstance(data, list) and len(data) > limit():
        raise serializers.ValidationError(limit.message)


class LimitedListField(serializers.ListField):
    """A list of at most `limit()` items (a setting, read at each request)."""

    def __init__(self, *, limit: RowLimit, **kwargs: Any) -> None:
        self.limit = limit
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Any:
        _check_limit(data, self.limit)
        return super().to_internal_value(data)


class LimitedRows(serializers.ListSerializer):  # type: ignore[type-arg]
    """Rows (children, family members) of at most `limit()`."""

    def __init__(self, *args: Any, limit: RowLimit, **kwargs: Any) -> None:
        self.limit = limit
        super().__init__(*args, **kwargs)

    def to_internal_value(self, data: Any) -> Any:
        _check_limit(data, self.limit)
        return super().to_internal_value(data)


def api_field(q: Question) -> serializers.Field[Any, Any, Any, Any]:
    """The JSON field of a question: only its shape and type are checked here."""
    common: dict[str, Any] = {"required": False, "allow_null": True, "help_text": q.api_help}
    if q.kind is Kind.DATE:
        return serializers.DateField(**common)
    if q.kind in {Kind.YES_NO, Kind.YES_NO_UNKNOWN}:
        return serializers.BooleanField(**common)
    if q.kind is Kind.CHOICE:
        # With their labels: two questions with the same codes but other words (a child
        # protection plan, looked after) are two enums in the OpenAPI document.
        return serializers.ChoiceField(choices=list(q.choices), allow_blank=True, **common)
    if q.kind is Kind.CHOICES:
        return serializers.ListField(
            child=serializers.ChoiceField(
                choices=[value for value, _ in q.choices if value != q.exclusive]
            ),
            max_length=len(q.choices),
            **common,
        )
    if q.kind is Kind.WHOLE_NUMBER:
        return serializers.IntegerField(min_value=0, max_value=150, **common)
    if q.kind is Kind.AGENCIES:
        common["allow_null"] = False
        return LimitedListField(
            child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
            limit=MAX_AGENCIES,
            **common,
        )
    # Text: its length is judged by the page's form, with the page's message.
    return serializers.CharField(allow_blank=True, **common)


def _serializer(
    name: str, fields: dict[str, serializers.Field[Any, Any, Any, Any]], doc: str = ""
) -> type[serializers.Serializer[Any]]:
    attrs: dict[str, Any] = {**fields, "__module__": __name__, "__doc__": doc}
    return type(name, (CleanTextSerializer,), attrs)


def _fields(questions: tuple[Question, ...]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    top: dict[str, Any] = {}
    groups: dict[str, dict[str, Any]] = {}
    for q in questions:
        parts = q.api_parts
        if len(parts) == 1:
            top[parts[0]] = api_field(q)
        else:
            groups.setdefault(parts[0], {})[parts[1]] = api_field(q)
    return top, groups


_TOP, _NESTED = _fields(QUESTIONS)
GROUP_SERIALIZERS = {
    group: _serializer(f"{_GROUPS[group]}Serializer", fields, _GROUP_HELP.get(group, ""))
    for group, fields in _NESTED.items()
}
ChildSerializer = _serializer(
    "ChildSerializer",
    {
        **_fields(CHILD_QUESTIONS)[0],
        "subject": serializers.BooleanField(
            required=False,
            default=False,
            help_text="The child who died or was most seriously harmed: the criteria facts "
            "describe them. Default: the first child.",
        ),
    },
)
FamilyMemberSerializer = _serializer("FamilyMemberSerializer", _fields(FAMILY_QUESTIONS)[0])


def _rows(serializer: type[serializers.Serializer[Any]], limit: RowLimit) -> LimitedRows:
    return LimitedRows(child=serializer(), required=False, limit=limit)


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


NotificationCreateSerializer = _serializer(
    "NotificationCreateSerializer",
    {
        "board": serializers.CharField(max_length=20, help_text="The board's code, like BF."),
        "client_reference": serializers.CharField(
            required=False,
            allow_blank=True,
            allow_null=True,
            max_length=100,
            help_text="Your own reference for this notification. Sending it again returns "
            "the notification already made (like the Idempotency-Key header).",
        ),
        **_TOP,
        **{group: serializer(required=False) for group, serializer in GROUP_SERIALIZERS.items()},
        "children": _rows(ChildSerializer, MAX_CHILDREN),
        "family_members": _rows(FamilyMemberSerializer, MAX_FAMILY_MEMBERS),
    },
    "A whole CRNF A, sent to the board in one request.",
)


CREATE_EXAMPLES = [OpenApiExample("An inter-agency CPIR request", value=EXAMPLE)]


class CreatedSerializer(CleanTextSerializer):
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    url = serializers.CharField(help_text="This notification in the API.")


class FieldProblemSerializer(CleanTextSerializer):
    """Refused answers: `errors` maps each answer to the messages the form shows."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    # DRF collects declared fields before `Serializer.errors` is set, so the name is free.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


class AttachmentOutSerializer(CleanTextSerializer):
    filename = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    download_url = serializers.CharField(help_text="The audited download (a signed-in page).")


# The decisions on the case and the Panel's response: what was decided and on which day
# only. The reasons, the agencies a review is commissioned from and who decided stay on the
# pages, where each is shown to whom it concerns.
class LisgRecommendationOutSerializer(CleanTextSerializer):
    """The LISG's latest recommendation (2015 procedure)."""

    review_type = serializers.ChoiceField(choices=ReviewType.choices)
    methodology = serializers.ChoiceField(choices=Methodology.choices)
    recommended_on = serializers.DateField(help_text="The day of the LISG's meeting.")


class ChairDecisionOutSerializer(CleanTextSerializer):
    """The Independent Chair's latest decision (2015 procedure)."""

    decision = serializers.ChoiceField(choices=ReviewType.choices)
    decided_on = serializers.DateField()


PARTNERS_DECISION_CHOICES = [
    ("lcspr", "A local child safeguarding practice review (LCSPR)"),
    ("other_review", "Another form of learning review"),
    ("no_review", "No review"),
]


class PartnersDecisionOutSerializer(CleanTextSerializer):
    """The safeguarding partners' latest decision (Working Together 2023)."""

    decision = serializers.ChoiceField(choices=PARTNERS_DECISION_CHOICES)
    decided_on = serializers.DateField()


class PanelResponseOutSerializer(CleanTextSerializer):
    """The Child Safeguarding Practice Review Panel's answer to the partnership's rapid
    review (Working Together 2023); the newest recorded, a correction replacing it."""

    national_review = serializers.BooleanField(
        help_text="Whether the Panel will carry out a national review."
    )
    received_on = serializers.DateField(help_text="The day the Panel answered.")


NotificationSerializer = _serializer(
    "NotificationSerializer",
    {
        "reference": serializers.CharField(),
        "board": serializers.CharField(),
        "status": serializers.ChoiceField(choices=Status.choices),
        "framework": serializers.ChoiceField(
            choices=FRAMEWORK_CHOICES,
            help_text="The statutory framework the case is judged, named and timed by: its "
            "board's in force when it was first submitted (bf-lscb-2015 or wt-2023).",
        ),
        "submitted_at": serializers.DateTimeField(allow_null=True),
        "submission_due_at": serializers.DateTimeField(allow_null=True),
        "submitted_on_time": serializers.BooleanField(allow_null=True),
        "organisation": serializers.CharField(),
        **_TOP,
        **{group: serializer() for group, serializer in GROUP_SERIALIZERS.items()},
        "criteria_facts": serializers.DictField(help_text="By the names of DESIGN.md section 4."),
        "children": ChildSerializer(many=True),
        "family_members": FamilyMemberSerializer(many=True),
        "agency_names": serializers.ListField(
            child=serializers.CharField(), help_text="The names of `agencies`."
        ),
        "attachments": AttachmentOutSerializer(many=True),
        "lisg_recommendation": LisgRecommendationOutSerializer(
            allow_null=True, help_text="Null until the LISG recommends (bf-lscb-2015)."
        ),
        "chair_decision": ChairDecisionOutSerializer(
            allow_null=True, help_text="Null until the Chair decides (bf-lscb-2015)."
        ),
        "partners_decision": PartnersDecisionOutSerializer(
            allow_null=True,
            help_text="Null until the safeguarding partners decide (wt-2023).",
        ),
        "panel_response": PanelResponseOutSerializer(
            allow_null=True,
            help_text="Null until the Panel's response is recorded (wt-2023).",
        ),
    },
    "A notification as its reader may see it.",
)

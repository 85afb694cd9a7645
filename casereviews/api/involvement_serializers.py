"""The agency's answer and the merged chronology in the API: the same words and checks as
the pages (`casereviews.involvement.entries`)."""

from __future__ import annotations

from rest_framework import serializers

from casereviews.api.serializers import CleanTextSerializer
from casereviews.involvement.entries import MAX_SHORT, MAX_WHAT
from casereviews.involvement.models import Involvement, ReturnState


class EntrySerializer(CleanTextSerializer):
    date = serializers.DateField(help_text="ISO date, e.g. 2026-03-12; today or earlier.")
    time = serializers.TimeField(required=False, allow_null=True, format="%H:%M")
    approximate = serializers.BooleanField(default=False)
    what_happened = serializers.CharField(max_length=MAX_WHAT)
    who_involved = serializers.CharField(
        max_length=MAX_SHORT, required=False, allow_blank=True, default=""
    )
    # DRF collects declared fields before `Field.source` is set, so the name is free.
    source = serializers.CharField(  # type: ignore[assignment]
        max_length=MAX_SHORT, help_text="The source record."
    )


class AnswerInSerializer(CleanTextSerializer):
    involvement = serializers.ChoiceField(choices=Involvement.choices)
    records_searched = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )
    summary = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")
    chronology = EntrySerializer(many=True, required=False, default=list)
    submit = serializers.BooleanField(
        default=False, help_text="Send the answer to the board; otherwise it is saved as a draft."
    )
    correction_reason = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Needed to change an answer already sent: it becomes a new version.",
    )


class VersionSerializer(CleanTextSerializer):
    version = serializers.IntegerField()
    state = serializers.ChoiceField(choices=ReturnState.choices)
    involvement = serializers.CharField()
    records_searched = serializers.CharField()
    summary = serializers.CharField()
    correction_reason = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    chronology = EntrySerializer(many=True)


class PersonSerializer(CleanTextSerializer):
    full_name = serializers.CharField()
    relationship = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    address = serializers.CharField()


class RequestSerializer(CleanTextSerializer):
    """What the agency needs to search its records, and its answer's versions."""

    id = serializers.IntegerField()
    reference = serializers.CharField()
    organisation = serializers.CharField()
    status = serializers.CharField()
    due_at = serializers.DateTimeField()
    incident_date = serializers.DateField(allow_null=True)
    people = PersonSerializer(many=True)
    versions = VersionSerializer(many=True)


class MergedEntrySerializer(EntrySerializer):
    agency = serializers.CharField()
    possible_duplicate = serializers.BooleanField()


class ChronologySerializer(CleanTextSerializer):
    reference = serializers.CharField()
    entries = MergedEntrySerializer(many=True)
    next = serializers.CharField(allow_null=True, help_text="The next page's address, if any.")

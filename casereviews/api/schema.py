"""The OpenAPI document's description of token authentication and the criteria JSON."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import serializers

from casereviews.api.serializers import CleanTextSerializer
from casereviews.criteria import VOCABULARIES, Recommendation
from casereviews.criteria.facts import MAX_AGE, MIN_AGE


class ApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "casereviews.api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token made on the “Your API tokens” page.",
        }


def _enum(name: str) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=[*VOCABULARIES[name], "unknown"], required=False, allow_null=True
    )


def _yes_no() -> serializers.BooleanField:
    return serializers.BooleanField(required=False, allow_null=True)


class CriteriaFactsSerializer(CleanTextSerializer):
    """The facts of DESIGN.md section 4. Omitted or null means unknown."""

    abuse_or_neglect = _enum("abuse_or_neglect")
    inter_agency_concern = _enum("inter_agency_concern")
    death_setting = _enum("death_setting")
    standards_not_met = _enum("standards_not_met")
    age_years = serializers.IntegerField(
        min_value=MIN_AGE, max_value=MAX_AGE, required=False, allow_null=True
    )
    learning = serializers.ListField(
        child=serializers.ChoiceField(choices=list(VOCABULARIES["learning"])),
        required=False,
        allow_null=True,
        help_text="Empty: no learning identified; null or omitted: not yet known.",
    )
    child_died = _yes_no()
    suspected_suicide = _yes_no()
    seriously_harmed = _yes_no()
    good_practice = _yes_no()
    similar_issues_previously_reviewed = _yes_no()
    domestic_homicide = _yes_no()
    adult_at_risk = _yes_no()
    mappa_offender = _yes_no()
    criminal_proceedings = _yes_no()
    coroner_inquest = _yes_no()


class FindingSerializer(CleanTextSerializer):
    code = serializers.CharField()
    text = serializers.CharField()
    # DRF collects declared fields before `Field.source` is set, so the name is free.
    source = serializers.CharField(help_text="The passage of the procedure relied on.")  # type: ignore[assignment]


class AssessmentSerializer(CleanTextSerializer):
    ruleset = serializers.CharField()
    ruleset_version = serializers.IntegerField()
    recommendation = serializers.ChoiceField(choices=[str(r) for r in Recommendation])
    findings = FindingSerializer(many=True)
    advisories = FindingSerializer(many=True)
    missing = serializers.ListField(child=serializers.CharField())


class ProblemSerializer(CleanTextSerializer):
    """An error, as RFC 9457 problem details."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    fact = serializers.CharField(required=False, help_text="The fact at fault, for bad facts.")

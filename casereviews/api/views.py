"""API endpoints. Each names its permission in the policy, as pages do."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from casereviews.api.base import PolicyAPIView
from casereviews.api.exceptions import PROBLEM_CONTENT_TYPE, problem
from casereviews.api.schema import AssessmentSerializer, CriteriaFactsSerializer, ProblemSerializer
from casereviews.criteria import (
    InvalidFacts,
    UnknownRuleset,
    assess,
    get_ruleset,
    parse_facts,
    ruleset_in_force,
)
from casereviews.policy import Action

PROBLEMS = {
    (401, PROBLEM_CONTENT_TYPE): OpenApiResponse(
        ProblemSerializer, description="No token, or not a valid one"
    ),
    (403, PROBLEM_CONTENT_TYPE): OpenApiResponse(
        ProblemSerializer, description="The token's user may not do this"
    ),
}


def _bad_request(detail: str, **extra: Any) -> Response:
    return Response(problem(400, detail, **extra), status=400, content_type=PROBLEM_CONTENT_TYPE)


class CriteriaAssessView(PolicyAPIView):
    """Assess facts against the criteria (DESIGN.md section 4). Keeps nothing."""

    permission = Action.CRITERIA_ASSESS

    @extend_schema(
        operation_id="criteria_assess",
        summary="Assess facts against the review criteria",
        description=(
            "Takes the facts of a case and gives the criteria engine's recommendation, "
            "each finding and advisory with the passage of the procedure it rests on, "
            "and the facts whose absence matters. Decision support only: nothing is stored."
        ),
        request=CriteriaFactsSerializer,
        parameters=[
            OpenApiParameter(
                "ruleset",
                str,
                description="The ruleset to use, like bf-lscb-2015 (default: in force today)",
            )
        ],
        responses={
            200: AssessmentSerializer,
            (400, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                ProblemSerializer, description="Bad facts; `fact` names it"
            ),
            **PROBLEMS,
        },
    )
    def post(self, request: Request) -> Response:
        code = request.query_params.get("ruleset")
        try:
            ruleset = get_ruleset(code) if code else ruleset_in_force(timezone.localdate())
        except UnknownRuleset as error:
            return _bad_request(str(error), fact="ruleset")
        try:
            facts = parse_facts(request.data)
        except InvalidFacts as error:
            return _bad_request(str(error), fact=error.fact)
        return Response(assess(facts, ruleset).as_dict())

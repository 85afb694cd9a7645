"""The policy's answers about objects, remembered for one request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from casereviews.policy.core import answers_remembered


class PolicyAnswersMiddleware:
    """A page asks "may this person see (or act on) this case?" once per link and section;
    the answer is remembered for the rest of the request, until anything is written
    (`casereviews.policy.core.answers_remembered`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with answers_remembered():
            return self.get_response(request)

"""Pages of the frame: home, the board switcher, information pages, error pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.generic import TemplateView, View

from casereviews.frontend.middleware import BOARD_SESSION_KEY
from casereviews.frontend.waiting import anything_shown_apart, waiting_lists
from casereviews.notifications.selectors import AttentionSection, attention_sections
from casereviews.policy import PUBLIC, SIGNED_IN, board_roles
from casereviews.policy.views import PolicyMixin
from casereviews.workflow.selectors import waiting_sections


class HomeView(PolicyMixin, TemplateView):
    """What needs the person's attention, by the roles they hold in the current board."""

    permission = SIGNED_IN
    template_name = "frontend/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        sections = (
            attention_sections(self.user, self.board)
            + waiting_sections(self.user, self.board)
            + [
                AttentionSection(title, "", items=items)
                for title, items in waiting_lists(self.user, self.board)
            ]
        )
        # No empty block: a list with nothing waiting is left out, its
        # link kept below the others.
        context["sections"] = [s for s in sections if s.waiting]
        context["other_links"] = [s for s in sections if not s.waiting and s.link_url]
        context["has_roles"] = bool(sections)
        # The agency's requests have their own table (`requests_for_my_agency`).
        context["nothing_waiting"] = not context["sections"] and not anything_shown_apart(
            self.user, self.board
        )
        return context


class SwitchBoardView(PolicyMixin, View):
    """Choose which of your boards you are working in."""

    permission = SIGNED_IN
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            board_id = int(request.POST.get("board", ""))
        except ValueError:
            board_id = 0
        if board_id in board_roles(request.user):
            request.session[BOARD_SESSION_KEY] = board_id
        return HttpResponseRedirect(reverse("frontend:home"))


class InformationPage(PolicyMixin, TemplateView):
    permission = PUBLIC


def _error(request: HttpRequest, status: int) -> HttpResponse:
    return render(request, f"errors/{status}.html", status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(request, 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(request, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500)

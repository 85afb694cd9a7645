"""Pages of the learning app: the search of cases and the lessons library."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.views import View

from casereviews.assessments.models import PastReview, Theme
from casereviews.audit.models import Outcome
from casereviews.audit.services import audit_record
from casereviews.boards.models import Board
from casereviews.frontend.keyset import AFTER, BEFORE, KeysetPage, keyset_page
from casereviews.kit.pages import StepPage
from casereviews.learning import annual, prepared, selectors, services, snapshots
from casereviews.learning.figures import Period
from casereviews.learning.forms import (
    BriefingForm,
    CaseSearchForm,
    ChildNameSearchForm,
    LessonFindingsForm,
)
from casereviews.learning.selectors import SearchTerms
from casereviews.notifications.models import Notification
from casereviews.policy import Action, boards_where, get_in_scope_or_404, may
from casereviews.policy.core import BOARD_ACTIONS
from casereviews.policy.views import PolicyMixin
from casereviews.prepared.views import PrepareView

# Names of the child are compared through this keyed hash in the audit trail, never
# written there (docs/adr/0015-search-and-figures.md).
CHILD_NAME_SALT = "casereviews.learning.child-name-search"
# Who may see the figures, and how many years back they may be chosen.
FIGURES_ROLES = BOARD_ACTIONS[Action.FIGURES_VIEW]
YEARS_SHOWN = 10
REFUSED = (
    "You cannot search by a child's name. Only the Business Manager and the Independent "
    "Chair of the board can; ask them."
)


def child_name_fingerprint(name: str) -> str:
    """A keyed hash of the name as the search compares it: an auditor holding the
    service's secret can tell whether a given name was searched; a reader of the trail
    learns nothing of it."""
    return salted_hmac(CHILD_NAME_SALT, selectors.name_key(name), algorithm="sha256").hexdigest()


def _search_detail(terms: SearchTerms, rows: int) -> dict[str, Any]:
    detail: dict[str, Any] = {}
    if terms.reference:
        detail["reference"] = terms.reference
    if terms.theme is not None:
        detail["theme"] = terms.theme.code
    if terms.agency is not None:
        detail["agency"] = terms.agency.name
    if terms.date_from:
        detail["notified_from"] = terms.date_from.isoformat()
    if terms.date_to:
        detail["notified_to"] = terms.date_to.isoformat()
    if terms.outcome:
        detail["outcome"] = terms.outcome
    if terms.status:
        detail["status"] = terms.status
    return {"terms": detail, "rows_shown": rows}


class CaseSearchView(PolicyMixin, View):
    """Search the board's cases. Anyone with a role may search; the results are the cases
    they may see. Searching by the child's name is a POST, for the Business Manager and
    the Chair alone, and every search is audited with its terms."""

    permission = Action.CASE_SEARCH
    template_name = "learning/search.html"

    @property
    def current_board(self) -> Board:
        assert self.board is not None  # the policy checked a role in it
        return self.board

    def may_search_by_name(self) -> bool:
        return may(self.user, Action.CASE_SEARCH_BY_CHILD_NAME, board=self.current_board)

    def page(
        self, terms: SearchTerms, *, after: str | None, before: str | None
    ) -> KeysetPage[Notification]:
        found: QuerySet[Notification] = selectors.case_search(self.user, self.current_board, terms)
        return keyset_page(
            found, ordering=selectors.NEWEST_SUBMITTED_FIRST, after=after, before=before
        )

    def show(self, status: int = 200, **context: Any) -> HttpResponse:
        context.setdefault("form", CaseSearchForm(board=self.current_board))
        context.setdefault("name_form", ChildNameSearchForm())
        context["may_search_by_name"] = self.may_search_by_name()
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        searched = any(key not in (AFTER, BEFORE) and value for key, value in request.GET.items())
        if not searched:
            return self.show()
        form = CaseSearchForm(request.GET, board=self.current_board)
        if not form.is_valid() or not (terms := form.terms()):
            return self.show(form=form)
        page = self.page(terms, after=request.GET.get(AFTER), before=request.GET.get(BEFORE))
        audit_record(
            request=request,
            action="case.search",
            board=self.current_board,
            detail=_search_detail(terms, len(page)),
        )
        return self.show(form=form, page=page, searched=True)

    def post(self, request: HttpRequest) -> HttpResponse:
        name_form = ChildNameSearchForm(request.POST)
        if not self.may_search_by_name():
            audit_record(
                request=request,
                action="case.search_by_child_name",
                board=self.current_board,
                outcome=Outcome.DENIED,
                detail={"child_name": "given, not recorded"},
            )
            return self.show(status=403, refused=REFUSED)
        if not name_form.is_valid():
            return self.show(name_form=name_form)
        name = name_form.cleaned_data["child_name"]
        terms = SearchTerms(child_name=name)
        page = self.page(
            terms, after=request.POST.get(AFTER) or None, before=request.POST.get(BEFORE) or None
        )
        audit_record(
            request=request,
            action="case.search_by_child_name",
            board=self.current_board,
            detail={
                "child_name": "given, not recorded",
                "child_name_fingerprint": child_name_fingerprint(name),
                "rows_shown": len(page),
            },
        )
        return self.show(name_form=name_form, page=page, searched=True, by_name=True)


class LibraryView(PolicyMixin, View):
    """The board's lessons library: its past reviews, newest first, by theme."""

    permission = Action.LESSONS_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        assert self.board is not None
        code = request.GET.get("theme", "")
        theme = Theme.objects.filter(code=code).first() if code else None
        page = keyset_page(
            selectors.library(self.board, theme=theme),
            ordering=selectors.NEWEST_YEAR_FIRST,
            request=request,
        )
        return render(
            request,
            "learning/library.html",
            {
                "page": page,
                "entries": page.rows,
                "themes": selectors.themes(),
                "theme": theme,
                "may_record": may(self.user, Action.LESSONS_RECORD, board=self.board),
            },
        )


class LessonMixin(PolicyMixin):
    """A page of one entry of the library, fetched through the policy's scope: an entry
    of a board where the person holds no such role is "not found"."""

    scoped = True
    entry: PastReview

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase | None:
        self.entry = get_in_scope_or_404(request.user, Action(self.permission), pk=kwargs["pk"])
        return None


class LessonView(LessonMixin, View):
    permission = Action.LESSONS_VIEW

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        page = keyset_page(
            selectors.briefings_of(self.entry),
            ordering=selectors.NEWEST_BRIEFING_FIRST,
            request=request,
        )
        case = self.entry.notification
        return render(
            request,
            "learning/lesson.html",
            {
                "entry": self.entry,
                "briefings": page.rows,
                "page": page,
                "may_record": may(self.user, Action.LESSONS_RECORD, board=self.entry.board),
                "may_see_case": case is not None and may(self.user, Action.NOTIFICATION_VIEW, case),
            },
        )


class LessonFindingsView(LessonMixin, View):
    permission = Action.LESSONS_RECORD

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = LessonFindingsForm(
            initial={
                "key_findings": self.entry.key_findings,
                "recommendations": self.entry.recommendations,
                "published_url": self.entry.published_url,
            }
        )
        return self.show(form)

    def show(self, form: LessonFindingsForm) -> HttpResponse:
        return render(
            self.request, "learning/lesson_findings.html", {"entry": self.entry, "form": form}
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = LessonFindingsForm(request.POST)
        if not form.is_valid():
            return self.show(form)
        services.lesson_findings_record(request=request, entry=self.entry, **form.cleaned_data)
        messages.success(request, "The key findings and recommendations are saved")
        return redirect("learning:lesson", pk=self.entry.pk)


class BriefingRecordView(StepPage, LessonMixin, View):
    """Record a briefing of partners on the lessons of an entry (the kit's step page)."""

    permission = Action.LESSONS_RECORD
    form_class = BriefingForm
    template_name = "learning/briefing.html"

    def fetch(self) -> None:
        """`load` has fetched the entry through the policy, before the handler ran."""

    def back_url(self) -> str:
        return reverse("learning:lesson", args=[self.entry.pk])

    def context(self) -> dict[str, Any]:
        return {"entry": self.entry}

    def call(self, form: Any) -> str:
        services.briefing_record(
            request=self.request, by=self.user, entry=self.entry, **form.cleaned_data
        )
        return "The briefing is recorded"


class FiguresMixin(PolicyMixin):
    """The board and the year the figures are for: boards where the person holds a role
    that may see figures, the current board unless they choose another."""

    permission = Action.FIGURES_VIEW

    def years(self) -> list[int]:
        this_year = timezone.localdate().year
        return list(range(this_year, this_year - YEARS_SHOWN, -1))

    def choices(self) -> tuple[list[Board], list[int]]:
        boards = list(
            Board.objects.filter(pk__in=boards_where(self.user, *FIGURES_ROLES)).order_by("name")
        )
        return boards, self.years()

    def chosen(self, request: HttpRequest) -> tuple[list[Board], Board, Period]:
        boards, years = self.choices()
        assert self.board is not None  # the policy checked the role in the current board
        wanted = request.GET.get("board", "")
        board = next((b for b in boards if str(b.pk) == wanted), None)
        if board is None:
            board = next((b for b in boards if b.pk == self.board.pk), boards[0])
        year = request.GET.get("year", "")
        return (
            boards,
            board,
            Period(int(year) if year.isdigit() and int(year) in years else years[0]),
        )


class DashboardView(FiguresMixin, View):
    """The figures of a board for a year, each chart beside its table, as counted at most
    `settings.FIGURES_REFRESH` ago; the page says when."""

    def get(self, request: HttpRequest) -> HttpResponse:
        boards, board, period = self.chosen(request)
        counted = snapshots.figures_counted([board.pk], period)
        return render(
            request,
            "learning/dashboard.html",
            {
                "boards": boards,
                "chosen_board": board,
                "period": period,
                "years": self.years(),
                "figures": counted.figures,
                "counted_at": counted.counted_at,
                "counted_clock": snapshots.clock(counted.counted_at),
                "counted_every": snapshots.every(settings.FIGURES_REFRESH),
            },
        )


class AnnualReportView(FiguresMixin, View):
    """The annual report of a board for a year: the figures and the reviews commissioned,
    with the report as a PDF, a CSV file and a spreadsheet."""

    def get(self, request: HttpRequest) -> HttpResponse:
        boards, board, period = self.chosen(request)
        page = keyset_page(
            annual.reviews_of(board, period), ordering=annual.DECIDED_FIRST, request=request
        )
        return render(
            request,
            "learning/annual_report.html",
            {
                "boards": boards,
                "chosen_board": board,
                "period": period,
                "years": self.years(),
                "report": annual.annual_report(board, period),
                "reviews": annual.review_lines(page.rows),
                "partners_reviews": annual.review_lines(
                    list(annual.partners_reviews_of(board, period)[: annual.PARTNERS_SHOWN])
                ),
                "partners_shown": annual.PARTNERS_SHOWN,
                "page": page,
                "formats": prepared.EXPORTS,
            },
        )


class AnnualReportExportView(FiguresMixin, PrepareView):
    """The annual report as a file, prepared by the worker (casereviews/prepared). Its
    download is audited."""

    def to_prepare(self, request: HttpRequest, **kwargs: Any) -> tuple[str, dict[str, Any]]:
        if kwargs["file_type"] not in prepared.EXPORTS:
            raise Http404("Not found")
        _, board, period = self.chosen(request)
        return prepared.KIND, {
            "board": board.pk,
            "year": period.year,
            "format": kwargs["file_type"],
        }

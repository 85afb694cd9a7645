"""Pages administrators use to manage boards, organisations, people and their roles.

Administrators hold no board role as such, so the policy shows them no case."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, cast

from django.contrib import messages
from django.db import transaction
from django.db.models import Model, QuerySet
from django.forms import BaseModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView, View

from casereviews.accounts.models import User
from casereviews.accounts.password_reset import password_setup_send
from casereviews.accounts.services import user_sessions_end
from casereviews.administration.forms import (
    AbsenceForm,
    BoardForm,
    BoardFrameworkForm,
    DeputyForm,
    FrameworkMoveForm,
    OrganisationForm,
    RoleGrantForm,
    UserForm,
)
from casereviews.administration.services import RoleRefused, role_grant, role_revoke
from casereviews.audit.services import audit_record
from casereviews.boards.contacts import (
    boards_without_business_manager,
    business_manager_absent,
    business_managers_active,
)
from casereviews.boards.models import (
    Board,
    BusinessManagerAbsence,
    BusinessManagerDeputy,
    Organisation,
    RoleGrant,
)
from casereviews.frameworks.vocabulary import Framework
from casereviews.frontend.keyset import keyset_page
from casereviews.notifications.models import Notification
from casereviews.policy import Action
from casereviews.policy.views import PolicyMixin
from casereviews.workflow.services import (
    FrameworkMoveRefused,
    NotificationChanged,
    notification_framework_move,
)


class AdministrationMixin(PolicyMixin):
    permission = Action.ADMINISTER


class IndexView(AdministrationMixin, TemplateView):
    template_name = "administration/index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            without_manager=list(boards_without_business_manager()[:50]),
            boards=Board.objects.count(),
            organisations=Organisation.objects.count(),
            users=User.objects.count(),
        )
        return context


class AuditedFormMixin(AdministrationMixin):
    """Saves the form and records the change in the audit trail, in one transaction."""

    noun: str = ""
    success_url_name: str = ""

    def form_valid(self, form: BaseModelForm[Any]) -> HttpResponse:
        created = form.instance.pk is None
        with transaction.atomic():
            obj: Model = form.save()
            audit_record(
                request=self.request,
                action=f"{self.noun}.{'create' if created else 'update'}",
                obj=obj,
                detail={"changed": sorted(form.changed_data)},
            )
        messages.success(self.request, f"{obj} {'added' if created else 'saved'}")
        return HttpResponseRedirect(reverse(self.success_url_name))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context.setdefault("back_url", reverse(self.success_url_name))
        return context


class BoardCoverView(AdministrationMixin, TemplateView):
    """Who stands in for the board's Business Manager: its deputies and the absences
    recorded (the latest 20), with the forms to name a deputy and record an absence."""

    template_name = "administration/board_cover.html"

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.board_shown = get_object_or_404(Board, pk=kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        board = self.board_shown
        return {
            **super().get_context_data(**kwargs),
            "board_shown": board,
            "managers": list(business_managers_active(board).order_by("full_name")),
            "absent_today": business_manager_absent(board),
            "deputies": list(
                BusinessManagerDeputy.objects.filter(board=board)
                .select_related("person")
                .order_by("person__full_name")[:50]
            ),
            "absences": list(
                BusinessManagerAbsence.objects.filter(board=board)
                .select_related("person")
                .order_by("-starts_on", "-id")[:20]
            ),
        }


class BoardCoverFormView(AdministrationMixin, View, ABC):
    """Name a deputy or record an absence; audited, in one transaction."""

    form_class: type[DeputyForm] | type[AbsenceForm]
    heading = ""

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.board_shown = get_object_or_404(Board, pk=kwargs["pk"])

    def page(self, form: DeputyForm | AbsenceForm) -> HttpResponse:
        back = reverse("administration:board-cover", args=[self.board_shown.pk])
        return render(
            self.request,
            "administration/form.html",
            {"form": form, "heading": self.heading, "back_url": back},
        )

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.page(self.form_class(board=self.board_shown))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = self.form_class(request.POST, board=self.board_shown)
        if not form.is_valid():
            return self.page(form)
        with transaction.atomic():
            said = self.save(form.cleaned_data)
        messages.success(request, said)
        return HttpResponseRedirect(reverse("administration:board-cover", args=[pk]))

    @abstractmethod
    def save(self, data: dict[str, Any]) -> str:
        """Record what the form says; the sentence telling the administrator it is done."""


class DeputyCreateView(BoardCoverFormView):
    form_class = DeputyForm
    heading = "Name a deputy for the Business Manager"

    def save(self, data: dict[str, Any]) -> str:
        person: User = data["email"]
        deputy = BusinessManagerDeputy.objects.create(
            board=self.board_shown, person=person, named_at=timezone.now()
        )
        audit_record(
            request=self.request,
            action="board.bm_deputy_named",
            obj=deputy,
            board=self.board_shown,
            detail={"person": person.pk},
        )
        return f"{person.full_name} is now a deputy for the Business Manager"


class AbsenceCreateView(BoardCoverFormView):
    form_class = AbsenceForm
    heading = "Record that a Business Manager is absent"

    def save(self, data: dict[str, Any]) -> str:
        absence = BusinessManagerAbsence.objects.create(
            board=self.board_shown,
            person=data["person"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            recorded_at=timezone.now(),
        )
        audit_record(
            request=self.request,
            action="board.bm_absence_recorded",
            obj=absence,
            board=self.board_shown,
            detail={"person": data["person"].pk},
        )
        return f"{data['person'].full_name} is recorded as absent"


class BoardListView(AdministrationMixin, ListView[Board]):
    model = Board
    template_name = "administration/board_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        without = list(boards_without_business_manager()[:50])
        return {**super().get_context_data(**kwargs), "without_manager": without}


class BoardCreateView(AuditedFormMixin, CreateView[Board, BoardForm]):
    form_class = BoardForm
    template_name = "administration/form.html"
    noun = "board"
    success_url_name = "administration:boards"
    extra_context = {"heading": "Add a board"}


class BoardUpdateView(AuditedFormMixin, UpdateView[Board, BoardForm]):
    model = Board
    form_class = BoardForm
    template_name = "administration/form.html"
    noun = "board"
    success_url_name = "administration:boards"
    extra_context = {"heading": "Change a board"}


class BoardFrameworkCreateView(AdministrationMixin, View):
    """Set the framework a board runs new cases under from a date. Cases already
    submitted keep theirs."""

    template_name = "administration/form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        board = get_object_or_404(Board, pk=pk)
        return self._page(board, BoardFrameworkForm(board=board))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        board = get_object_or_404(Board, pk=pk)
        form = BoardFrameworkForm(request.POST, board=board)
        if not form.is_valid():
            return self._page(board, form)
        with transaction.atomic():
            period = form.save()
            audit_record(
                request=request,
                action="board_framework.create",
                obj=period,
                detail={"framework": period.framework, "from": str(period.effective_from)},
            )
        messages.success(request, f"{board.name}: {period.get_framework_display()} saved")
        return HttpResponseRedirect(reverse("administration:boards"))

    def _page(self, board: Board, form: BoardFrameworkForm) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "heading": f"Change the framework of {board.name}",
                "periods": list(board.frameworks.all()),
                "back_url": reverse("administration:boards"),
            },
        )


class FrameworkMoveView(AdministrationMixin, View):
    """Move a submitted case to another framework, before any decision, with a reason.
    The administrator names the case by its reference and never sees its content."""

    template_name = "administration/framework_move.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(FrameworkMoveForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = FrameworkMoveForm(request.POST)
        if not form.is_valid():
            return self._page(form)
        case = Notification.objects.filter(reference=form.cleaned_data["reference"].strip()).first()
        if case is None:
            form.add_error("reference", "No submitted case has this reference")
            return self._page(form)
        try:
            moved = notification_framework_move(
                notification=case,
                framework=Framework(form.cleaned_data["framework"]),
                by=cast(User, request.user),
                reason=form.cleaned_data["reason"],
                expected_version=case.version,
                request=request,
            )
        except FrameworkMoveRefused as refused:
            form.add_error(refused.field, refused.message)
            return self._page(form)
        except NotificationChanged:
            form.add_error("reference", "The case changed while you were moving it: try again")
            return self._page(form)
        messages.success(request, f"{moved.reference} moved; its deadlines were recomputed")
        return HttpResponseRedirect(reverse("administration:index"))

    def _page(self, form: FrameworkMoveForm) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form})


class OrganisationListView(AdministrationMixin, ListView[Organisation]):
    model = Organisation
    template_name = "administration/organisation_list.html"


class OrganisationCreateView(AuditedFormMixin, CreateView[Organisation, OrganisationForm]):
    form_class = OrganisationForm
    template_name = "administration/form.html"
    noun = "organisation"
    success_url_name = "administration:organisations"
    extra_context = {"heading": "Add an organisation"}


class OrganisationUpdateView(AuditedFormMixin, UpdateView[Organisation, OrganisationForm]):
    model = Organisation
    form_class = OrganisationForm
    template_name = "administration/form.html"
    noun = "organisation"
    success_url_name = "administration:organisations"
    extra_context = {"heading": "Change an organisation"}


class UserListView(AdministrationMixin, ListView[User]):
    model = User
    template_name = "administration/user_list.html"

    def get_queryset(self) -> Any:
        return User.objects.select_related("organisation")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        people = cast("QuerySet[User]", self.object_list)
        page = keyset_page(people, ordering=("full_name", "id"), request=self.request)
        return super().get_context_data(object_list=page.rows, page=page, **kwargs)


class UserCreateView(AuditedFormMixin, CreateView[User, UserForm]):
    form_class = UserForm
    template_name = "administration/form.html"
    noun = "user"
    success_url_name = "administration:users"
    extra_context = {"heading": "Add a person"}

    def form_valid(self, form: UserForm) -> HttpResponse:  # type: ignore[override]
        form.instance.set_unusable_password()
        return super().form_valid(form)


class UserUpdateView(AuditedFormMixin, UpdateView[User, UserForm]):
    model = User
    form_class = UserForm
    template_name = "administration/form.html"
    noun = "user"
    success_url_name = "administration:users"
    extra_context = {"heading": "Change a person's details"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        back = reverse("administration:user", args=[self.object.pk])
        return {**super().get_context_data(**kwargs), "back_url": back}

    def form_valid(self, form: UserForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        # "Can sign in" unticked: end every session they have now, not at their next click.
        if not form.instance.is_active:
            user_sessions_end(user=form.instance)
        return response


class UserDetailView(AdministrationMixin, DetailView[User]):
    model = User
    template_name = "administration/user_detail.html"
    context_object_name = "person"


class UserSetupEmailView(AdministrationMixin, View):
    """Send a person the link to set their password (new people have none)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_object_or_404(User, pk=pk, is_active=True)
        password_setup_send(request=request, user=person)
        messages.success(request, f"Set-up email sent to {person.email}")
        return HttpResponseRedirect(reverse("administration:user", args=[pk]))


class RoleGrantCreateView(AdministrationMixin, CreateView[RoleGrant, RoleGrantForm]):
    form_class = RoleGrantForm
    template_name = "administration/form.html"
    extra_context = {"heading": "Give a role"}

    def load(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        # After the permission check, so a refused person cannot learn who exists.
        self.person = get_object_or_404(User, pk=kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.person}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        back = reverse("administration:user", args=[self.person.pk])
        return {**super().get_context_data(**kwargs), "person": self.person, "back_url": back}

    def form_valid(self, form: RoleGrantForm) -> HttpResponse:
        try:
            grant = role_grant(
                person=self.person,
                board=form.cleaned_data["board"],
                role=form.cleaned_data["role"],
                by=self.user,
                request=self.request,
            )
        except RoleRefused as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"{self.person} now holds the role {grant.get_role_display()} in {grant.board}",
        )
        return HttpResponseRedirect(reverse("administration:user", args=[self.person.pk]))


class RoleGrantRemoveView(AdministrationMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, grant_pk: int) -> HttpResponse:
        grant = get_object_or_404(RoleGrant, pk=grant_pk, user_id=pk)
        role_revoke(grant=grant, by=self.user, request=request)
        messages.success(request, f"Role removed: {grant.get_role_display()} in {grant.board}")
        return HttpResponseRedirect(reverse("administration:user", args=[pk]))

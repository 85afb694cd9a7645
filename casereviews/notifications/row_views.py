"""The "add another" pages: children, and family members and significant others. URLs
name rows by their id, never by a name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.generic import View

from casereviews.frontend.templatetags.govuk import govuk_date
from casereviews.notifications import services
from casereviews.notifications.crnf.description import MAX_CHILDREN, MAX_FAMILY_MEMBERS
from casereviews.notifications.form_views import DraftMixin
from casereviews.notifications.forms import FormContext
from casereviews.notifications.models import Child
from casereviews.notifications.row_forms import ChildForm, FamilyMemberForm, SubjectChildForm


class ChildrenMixin(DraftMixin):
    kind = "children"
    noun = "child"
    form_class: type[forms.Form] = ChildForm
    title = "The child or children"
    limit = MAX_CHILDREN

    def rows(self) -> list[Any]:
        return list(self.notification.children.all())

    def row(self, row_id: int) -> Any:
        found = self.notification.children.filter(pk=row_id).first()
        if found is None:
            raise Http404("Not found")
        return found

    def form_kwargs(self) -> dict[str, Any]:
        return {"context": FormContext(incident_date=self.notification.incident_date)}

    def save(self, answers: dict[str, Any], row: Any) -> None:
        services.child_save(
            notification=self.notification,
            answers=answers,
            by=self.user,
            child=row,
            request=self.request,
        )

    def remove(self, row: Any) -> None:
        services.child_remove(
            notification=self.notification, child=row, by=self.user, request=self.request
        )

    def item(self, row: Any) -> dict[str, str]:
        pk = self.notification.pk
        born = govuk_date(row.date_of_birth)
        if self.kind == "children":
            detail = f"Born {born}" if born else f"Aged {row.age_at_incident} at the incident"
            names = ("child", "child-remove")
        else:
            detail = row.relationship + (f", born {born}" if born else "")
            names = ("family-member", "family-member-remove")
        return {
            "name": row.full_name,
            "detail": detail,
            "change_url": reverse(f"notifications:{names[0]}", args=[pk, row.pk]),
            "remove_url": reverse(f"notifications:{names[1]}", args=[pk, row.pk]),
        }

    def list_url(self) -> str:
        return reverse(f"notifications:{self.kind}", args=[self.notification.pk])


class FamilyMixin(ChildrenMixin):
    kind = "family"
    noun = "family member or significant other"
    form_class = FamilyMemberForm
    title = "Family members and significant others"
    limit = MAX_FAMILY_MEMBERS

    def rows(self) -> list[Any]:
        return list(self.notification.family_members.all())

    def row(self, row_id: int) -> Any:
        found = self.notification.family_members.filter(pk=row_id).first()
        if found is None:
            raise Http404("Not found")
        return found

    def form_kwargs(self) -> dict[str, Any]:
        return {}

    def save(self, answers: dict[str, Any], row: Any) -> None:
        services.family_member_save(
            notification=self.notification,
            answers=answers,
            by=self.user,
            member=row,
            request=self.request,
        )

    def remove(self, row: Any) -> None:
        services.family_member_remove(
            notification=self.notification, member=row, by=self.user, request=self.request
        )


class RowListBase(ChildrenMixin, View):
    """The summary list with change and remove links, and the way on."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(self._subject_form())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        rows = self.rows()
        if self.kind == "family":
            services.notification_mark_page_answered(
                notification=self.notification, slug="family", by=self.user, request=request
            )
            return redirect(self.after("family"))
        if not rows:
            return self._render(None, error="Add at least one child")
        if len(rows) == 1:
            chosen: Child = rows[0]
        else:
            form = self._subject_form(request.POST)
            if not form or not form.is_valid():
                return self._render(form)
            chosen = next(row for row in rows if row.pk == form.cleaned_data["subject_child"])
        services.notification_choose_subject_child(
            notification=self.notification, child=chosen, by=self.user, request=request
        )
        return redirect(self.after("children"))

    def _subject_form(self, data: Any = None) -> SubjectChildForm | None:
        rows = self.rows()
        if self.kind != "children" or len(rows) < 2:
            return None
        initial = {"subject_child": self.notification.subject_child_id}
        return SubjectChildForm(
            data, initial=initial, children=[(row.pk, row.full_name) for row in rows]
        )

    def _render(self, form: SubjectChildForm | None, error: str = "") -> HttpResponse:
        return render(
            self.request,
            "notifications/form/rows.html",
            {
                "notification": self.notification,
                "title": self.title,
                "kind": self.kind,
                "noun": self.noun,
                "items": [self.item(row) for row in self.rows()],
                "limit_message": self.limit.message if len(self.rows()) >= self.limit() else "",
                "form": form,
                "error": error,
                "back_url": self.before(self.kind),
                "add_url": reverse(f"notifications:{self.kind}-add", args=[self.notification.pk]),
            },
        )


class RowFormBase(ChildrenMixin, View):
    """Add a row, or change one."""

    def get(self, request: HttpRequest, pk: int, row_id: int | None = None) -> HttpResponse:
        row = self.row(row_id) if row_id else None
        initial = model_to_dict(row) if row else {}
        return self._render(self.form_class(initial=initial, **self.form_kwargs()), row)

    def post(self, request: HttpRequest, pk: int, row_id: int | None = None) -> HttpResponse:
        row = self.row(row_id) if row_id else None
        form = self.form_class(request.POST, **self.form_kwargs())
        if not form.is_valid():
            return self._render(form, row)
        try:
            self.save(form.cleaned_data, row)
        except services.RowLimitReached as reached:
            # Nothing typed is lost: the page comes back with the answers and the limit.
            form.add_error(None, reached.message)
            return self._render(form, row)
        return redirect(self.list_url())

    def _render(self, form: forms.Form, row: Model | None) -> HttpResponse:
        verb = "Change the details of" if row else "Add"
        noun = self.noun if self.kind == "family" else "the child"
        if not row and self.kind == "children" and self.rows():
            noun = "another child"
        return render(
            self.request,
            "notifications/form/question.html",
            {
                "form": form,
                "title": f"{verb} {noun}" if row else f"Add {noun}",
                "notification": self.notification,
                "back_url": self.list_url(),
            },
        )


class RowRemoveBase(ChildrenMixin, View):
    """Remove a row, after asking."""

    def get(self, request: HttpRequest, pk: int, row_id: int) -> HttpResponse:
        return render(
            request,
            "notifications/form/remove.html",
            {
                "notification": self.notification,
                "row": self.row(row_id),
                "noun": self.noun,
                "back_url": self.list_url(),
            },
        )

    def post(self, request: HttpRequest, pk: int, row_id: int) -> HttpResponse:
        self.remove(self.row(row_id))
        return redirect(self.list_url())


class ChildrenView(RowListBase):
    """The children added so far, and which of them the criteria answers are about."""


class ChildView(RowFormBase):
    """Add or change a child."""


class ChildRemoveView(RowRemoveBase):
    """Remove a child."""


class FamilyView(FamilyMixin, RowListBase):
    """Family members and significant others added so far."""


class FamilyMemberView(FamilyMixin, RowFormBase):
    """Add or change a family member or significant other."""


class FamilyMemberRemoveView(FamilyMixin, RowRemoveBase):
    """Remove a family member or significant other."""

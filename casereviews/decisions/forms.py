from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from casereviews.assessments.selectors import RECOMMENDATION_LABELS
from casereviews.boards.models import Organisation
from casereviews.criteria import SCR_RECOMMENDATIONS
from casereviews.decisions.models import (
    Choice,
    Commissioning,
    ExternalBody,
    Methodology,
    OtherProcedure,
    OtherProcedureRelation,
    ReviewType,
    choice_problems,
)
from casereviews.decisions.services import (
    DEPARTURE_NOT_CONFIRMED,
    DEPARTURE_REASON_MISSING,
    lisg_departure_message,
)
from casereviews.frontend.dates import not_in_future
from casereviews.frontend.forms import DateField
from casereviews.frontend.templatetags.govuk import govuk_date
from casereviews.involvement.models import LisgMeeting
from casereviews.workflow.forms import VersionedForm

OUTSIDE_A_MEETING = [("outside", "Outside a meeting (an extraordinary or virtual decision)")]


def _agencies(field: forms.Field, partners: list[Organisation]) -> None:
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in partners])
    multiple = isinstance(field, forms.ModelMultipleChoiceField)
    blank = [] if multiple else [("", "Select an agency")]
    field.choices = [*blank, *((o.pk, o.name) for o in partners)]


def _commissioning() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="If a CPIR, how is it commissioned?",
        choices=Commissioning.choices,
        widget=forms.RadioSelect,
        required=False,
    )


def _commissioning_agency() -> forms.ModelChoiceField[Organisation]:
    return forms.ModelChoiceField(
        label="If a single-agency CPIR, which agency carries it out?",
        queryset=Organisation.objects.none(),
        required=False,
    )


def _other_review_name() -> forms.CharField:
    return forms.CharField(
        label="If another review or audit, which one?",
        help_text="For example, a multi-agency audit of neglect cases",
        max_length=200,
        required=False,
    )


def _other_review_agencies() -> forms.ModelMultipleChoiceField[Organisation]:
    return forms.ModelMultipleChoiceField(
        label="If another review or audit, which agencies carry it out?",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class CommissionedFields(VersionedForm):
    """What a CPIR or another review or audit is, so the review that follows knows what was
    commissioned: shared by the LISG's recommendation and the Chair's decision."""

    type_field = "review_type"

    def __init__(
        self, *args: Any, partners: list[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        partners = partners or []
        _agencies(self.fields["commissioning_agency"], partners)
        _agencies(self.fields["other_review_agencies"], partners)

    def choice(self, cleaned: dict[str, Any]) -> Choice:
        agency = cleaned.get("commissioning_agency")
        return Choice(
            review_type=cleaned.get(self.type_field) or "",
            methodology=cleaned.get("methodology") or None,
            methodology_other=cleaned.get("methodology_other") or "",
            commissioning=cleaned.get("commissioning") or "",
            commissioning_agency=agency.pk if agency else None,
            other_review_name=cleaned.get("other_review_name") or "",
            other_review_agencies=tuple(o.pk for o in cleaned.get("other_review_agencies") or ()),
            other_procedure=cleaned.get("other_procedure") or "",
            other_procedure_relation=cleaned.get("other_procedure_relation") or "",
        )

    def check_choice(self, cleaned: dict[str, Any]) -> None:
        if not cleaned.get(self.type_field):
            return
        for field, problem in choice_problems(self.choice(cleaned)):
            if field not in self.errors:
                self.add_error(field, problem)


class LisgRecommendationForm(CommissionedFields):
    review_type = forms.ChoiceField(
        label="What does the LISG recommend?",
        choices=ReviewType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the LISG recommends"},
    )
    commissioning = _commissioning()
    commissioning_agency = _commissioning_agency()
    other_review_name = _other_review_name()
    other_review_agencies = _other_review_agencies()
    other_procedure = forms.ChoiceField(
        label="Is a DHR, SAR or MAPPA review the more appropriate procedure?",
        help_text="Procedure, Section A 5(i): the LISG agrees which procedure is most "
        "appropriate; an SCR may also be needed.",
        choices=[("", "No, none of these"), *OtherProcedure.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    other_procedure_relation = forms.ChoiceField(
        label="If so, alongside a Serious Case Review or instead of one?",
        choices=OtherProcedureRelation.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    methodology = forms.ChoiceField(
        label="Which methodology does the LISG recommend?",
        choices=Methodology.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the methodology"},
    )
    methodology_other = forms.CharField(
        label="If another methodology, describe it",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    rationale = forms.CharField(
        label="Why does the LISG recommend this?",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": "Enter why the LISG recommends this"},
    )
    # At the meeting that had the case on its agenda, or outside a meeting (an
    # extraordinary or virtual decision) on a date and for a reason recorded.
    meeting_held = forms.ChoiceField(
        label="Where did the LISG make this recommendation?",
        choices=OUTSIDE_A_MEETING,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the LISG made this recommendation"},
    )
    outside_meeting_reason = forms.CharField(
        label="If outside a meeting, why?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10000,
    )
    dissent_by = forms.CharField(
        label="Who did not agree with the recommendation?",
        help_text="Leave empty if every member agreed. Name the members or their agencies.",
        max_length=300,
        required=False,
    )
    dissent_view = forms.CharField(
        label="What was their view?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
    )
    meeting_date = DateField(
        label="If outside a meeting, when did the LISG make it?",
        help_text="For example, 27 3 2026",
        required=False,
        validators=[not_in_future],
    )
    # Shown only where the criteria engine says an SCR must or should be commissioned.
    departure_reason = forms.CharField(
        label="If the LISG recommends anything but an SCR, why?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
    )

    def __init__(
        self, *args: Any, engine: str = "", meeting: LisgMeeting | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.engine = engine
        self.meeting = meeting
        if meeting is not None:
            field = self.fields["meeting_held"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("meeting", f"At the {meeting}"), *OUTSIDE_A_MEETING]
        if engine in SCR_RECOMMENDATIONS:
            self.fields["departure_reason"].help_text = (
                f"The criteria engine's answer: {RECOMMENDATION_LABELS[engine]}. Say why the "
                "LISG departs from it."
            )
        else:
            del self.fields["departure_reason"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        review_type = cleaned.get("review_type")
        self.check_choice(cleaned)
        who, view = (cleaned.get("dissent_by") or "").strip(), (cleaned.get("dissent_view") or "")
        if who and not view.strip():
            self.add_error("dissent_view", "Enter the view of the members who did not agree")
        elif view.strip() and not who:
            self.add_error("dissent_by", "Enter who did not agree with the recommendation")
        if (
            self.engine in SCR_RECOMMENDATIONS
            and review_type
            and review_type != ReviewType.SCR
            and not (cleaned.get("departure_reason") or "").strip()
        ):
            self.add_error("departure_reason", lisg_departure_message(self.engine))
        if cleaned.get("meeting_held") == "outside":
            if not (cleaned.get("outside_meeting_reason") or "").strip():
                self.add_error(
                    "outside_meeting_reason", "Enter why the LISG recommends outside a meeting"
                )
            if not cleaned.get("meeting_date") and "meeting_date" not in self.errors:
                self.add_error("meeting_date", "Enter the date the LISG made its recommendation")
        return cleaned


class ChairDecisionForm(CommissionedFields):
    type_field = "decision"

    decision = forms.ChoiceField(
        label="What is your decision?",
        choices=ReviewType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select your decision"},
    )
    commissioning = _commissioning()
    commissioning_agency = _commissioning_agency()
    other_review_name = _other_review_name()
    other_review_agencies = _other_review_agencies()
    rationale = forms.CharField(
        label="Why did you decide this?",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": "Enter why you decided this"},
    )
    other_review_consideration = forms.CharField(
        label="How was a CPIR or another review or audit considered?",
        help_text="Needed if no SCR is held: the board must consider a CPIR or another review.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
    )
    # Shown only where the criteria engine says an SCR must be commissioned.
    departure_confirmed = forms.BooleanField(
        label="I confirm that I am deciding against the criteria engine's answer that a "
        "Serious Case Review must be commissioned (Regulation 5(2))",
        required=False,
    )
    departure_reason = forms.CharField(
        label="Why are you deciding against a Serious Case Review?",
        help_text="Needed if you decide on anything but an SCR. It is kept with your decision "
        "and shown wherever the decision is shown.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
    )

    def __init__(self, *args: Any, must: bool = False, advice: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.must = must
        if advice is not None and not self.is_bound:
            # What the LISG recommended is commissioned unless the Chair says otherwise;
            # the decision itself is never pre-selected.
            self.initial.update(
                commissioning=advice.commissioning,
                commissioning_agency=advice.commissioning_agency_id,
                other_review_name=advice.other_review_name,
                other_review_agencies=[a.pk for a in advice.other_review_agencies.all()],
            )
        if not must:
            del self.fields["departure_confirmed"]
            del self.fields["departure_reason"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        decision = cleaned.get("decision")
        self.check_choice(cleaned)
        if self.must and decision and decision != ReviewType.SCR:
            if not cleaned.get("departure_confirmed"):
                self.add_error("departure_confirmed", DEPARTURE_NOT_CONFIRMED)
            if not (cleaned.get("departure_reason") or "").strip():
                self.add_error("departure_reason", DEPARTURE_REASON_MISSING)
        return cleaned


class EscalationForm(VersionedForm):
    rationale = forms.CharField(
        label="Why is the CPIR escalated to an SCR?",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        error_messages={"required": "Enter why the CPIR is escalated to an SCR"},
    )


class InvolvementRequestForm(VersionedForm):
    """Every partner agency not yet asked, all selected; those the notifier named first."""

    organisations = forms.ModelMultipleChoiceField(
        label="Which agencies do you want to ask for information?",
        help_text="Every partner agency is selected. Clear any the board should not ask.",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one agency to ask"},
    )
    working_days = forms.IntegerField(
        label="How many working days do the agencies have to answer?",
        help_text=(
            "Used while no LISG meeting is set for the case: 10 working days unless the "
            "board agreed otherwise"
        ),
        initial=10,
        min_value=1,
        max_value=60,
        error_messages={
            "required": "Enter the number of working days",
            "min_value": "The number of working days must be 1 or more",
            "max_value": "The number of working days must be 60 or fewer",
        },
    )

    def __init__(
        self, *args: Any, partners: list[Organisation] | None = None, **kwargs: Any
    ) -> None:
        partners = partners or []
        kwargs.setdefault("initial", {})
        if not args:
            kwargs["initial"]["organisations"] = [o.pk for o in partners]
        super().__init__(*args, **kwargs)
        field = self.fields["organisations"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in partners])
        # Keep the order given (the notifier's agencies first), not the queryset's.
        field.choices = [(o.pk, o.name) for o in partners]


class ExternalNotificationForm(VersionedForm):
    body = forms.ChoiceField(
        label="Who was told of the Independent Chair's decision?",
        choices=ExternalBody.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who was told"},
    )
    told_on = DateField(
        label="When were they told?",
        help_text="For example, 27 3 2026",
        validators=[not_in_future],
        error_messages={"required": "Enter when they were told"},
    )
    how = forms.CharField(
        label="How were they told?",
        help_text="For example, the Ofsted online notification form",
        max_length=200,
        error_messages={"required": "Enter how they were told"},
    )
    body_reference = forms.CharField(
        label="Their reference (optional)",
        help_text="The reference Ofsted or the National Panel gave the notification, if any",
        max_length=100,
        required=False,
    )

    def __init__(self, *args: Any, earliest: tuple[date, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.earliest = earliest

    def clean_told_on(self) -> date | None:
        told_on: date | None = self.cleaned_data.get("told_on")
        if told_on is not None and self.earliest is not None:
            first, event = self.earliest
            if told_on < first:
                raise forms.ValidationError(
                    f"The date they were told must be on or after {govuk_date(first)}, {event}"
                )
        return told_on

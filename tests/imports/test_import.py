"""Importing a board's existing cases: the dry run, the cases and their history written,
the audit trail, re-import, and who may (docs/adr/0033)."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.decisions.models import ChairDecision
from casereviews.imports.models import CaseImport, ImportedCase
from casereviews.notifications.models import Child, Notification, ReferenceCounter, Status
from casereviews.reviews.models import Publication, Review, ReviewAction
from casereviews.workflow.models import StatusChange, TimelineEntry
from tests.factories import person
from tests.imports.sheets import action_row, case_row, csv_file

pytestmark = pytest.mark.django_db

URL = "/cases/import/"
RLO = "\u202e"


def three_cases() -> list[list[str]]:
    return [
        case_row(
            "SCR-2019-04",
            decided="11/02/2019",
            stage="Actions monitored",
            decision="SCR",
            review_type="SILP",
            published="20/01/2020",
            action=("Audit neglect toolkit use", "Thames Valley Police", "31/03/2020", "Complete"),
        ),
        action_row(
            "SCR-2019-04",
            (
                "Refresh bruising training",
                "Frimley Health NHS Foundation Trust",
                "30/06/2030",
                "On track",
            ),
        ),
        case_row(
            "NR-2019-07",
            notified="01/03/2019",
            decided="20/04/2019",
            child="Sam Other",
            born="",
            stage="Closed",
            decision="No review",
        ),
        case_row(
            "OPEN-2019-09", notified="02/09/2019", child="Jo Third", stage="Under consideration"
        ),
    ]


def counts() -> dict[str, int]:
    models = (
        Notification,
        Child,
        StatusChange,
        TimelineEntry,
        ChairDecision,
        Review,
        Publication,
        ReviewAction,
        ImportedCase,
        CaseImport,
    )
    return {model.__name__: model.objects.count() for model in models}


def test_the_dry_run_names_every_bad_row_by_number_and_column_and_writes_nothing(
    partners, business_manager, signed_in
) -> None:
    client = signed_in(business_manager)
    rows = [
        *three_cases(),
        case_row("BAD-1", notified="31/02/2019"),
        case_row("BAD-2", agency="Nobody's Agency"),
        case_row("BAD-3", child=f"Alex{RLO}Example"),
        case_row("BAD-4", stage="Closed", decision="SCR"),
    ]
    response = client.post(URL, {"file": csv_file(rows), "intent": "import"})

    assert response.status_code == 200
    problems = [(p.row, p.column, p.reason) for p in response.context["problems"]]
    assert problems == [
        (6, "Date notified", "The date '31/02/2019' is not a real date"),
        (
            7,
            "Notifying agency",
            "'Nobody's Agency' is not a partner agency of the board: use the "
            "agency's name as the service has it",
        ),
        (
            8,
            "Child's full name",
            "Remove the hidden character (right-to-left override) from the cell",
        ),
        (9, "Date decided", "Enter the date decided: the case has a decision"),
    ]
    page = response.content.decode()
    assert "4 rows have a problem: nothing was imported" in page
    assert "Row 8" in page
    assert "right-to-left override" in page
    assert set(counts().values()) == {0}
    assert not AuditEvent.objects.filter(
        action__in=["cases.imported", "notification.imported"]
    ).exists()


def test_checking_only_writes_nothing_and_says_what_would_be_imported(
    partners, business_manager, signed_in
) -> None:
    response = signed_in(business_manager).post(
        URL, {"file": csv_file(three_cases()), "intent": "check"}
    )
    assert response.status_code == 200
    assert "3 new cases to import" in response.content.decode()
    assert set(counts().values()) == {0}


def test_an_import_writes_each_case_with_its_dated_history_and_the_audit_trail(
    board, partners, business_manager, signed_in
) -> None:
    response = signed_in(business_manager).post(
        URL, {"file": csv_file(three_cases()), "intent": "import"}, follow=True
    )

    assert "3 cases imported; 0 cases were already imported" in response.content.decode()
    scr = Notification.objects.get(reference="SCR-2019-04")
    assert scr.board == board
    assert scr.status == Status.ACTIONS_MONITORED
    assert scr.imported_at is not None
    assert scr.organisation.name == "Thames Valley Police"
    assert scr.submitted_at is not None
    assert scr.submitted_at.date() == datetime.date(2019, 1, 14)
    child = scr.subject_child
    assert child is not None
    assert (child.full_name, child.date_of_birth) == ("Alex Example", datetime.date(2012, 5, 3))
    changes = list(scr.status_changes.values_list("transition", "to_status", "at__date"))
    assert changes[:2] == [
        ("submit", "submitted", datetime.date(2019, 1, 14)),
        ("decide_scr", "scr_commissioned", datetime.date(2019, 2, 11)),
    ]
    assert changes[2][:2] == ("import", "actions_monitored")
    timeline = list(scr.timeline.values_list("kind", "at__date"))
    assert timeline[:3] == [
        ("imported.notified", datetime.date(2019, 1, 14)),
        ("imported.decided", datetime.date(2019, 2, 11)),
        ("imported.published", datetime.date(2020, 1, 20)),
    ]
    assert timeline[3][0] == "imported"
    assert "Alex" not in " ".join(scr.timeline.values_list("text", flat=True))
    decision = ChairDecision.objects.get(notification=scr)
    assert (decision.decision, decision.decided_at.date()) == ("scr", datetime.date(2019, 2, 11))
    assert scr.review.methodology == "silp"
    assert scr.review.publication.published_on == datetime.date(2020, 1, 20)
    assert list(
        scr.review_actions.order_by("due_on").values_list("owner_agency__name", "status")
    ) == [
        ("Thames Valley Police", "complete"),
        ("Frimley Health NHS Foundation Trust", "on_track"),
    ]
    closed = Notification.objects.get(reference="NR-2019-07")
    assert closed.status == Status.CLOSED
    assert not Review.objects.filter(notification=closed).exists()

    run = CaseImport.objects.get()
    assert (run.by, run.cases_created, run.cases_unchanged) == (business_manager, 3, 0)
    event = AuditEvent.objects.get(action="cases.imported")
    assert event.actor == business_manager
    assert event.board == board
    assert event.detail["created"] == 3
    assert event.detail["file_type"] == "csv"
    per_case = AuditEvent.objects.filter(action="notification.imported", actor=business_manager)
    assert sorted(per_case.values_list("object_label", flat=True)) == [
        "NR-2019-07",
        "OPEN-2019-09",
        "SCR-2019-04",
    ]
    assert "Alex" not in str(list(AuditEvent.objects.values_list("detail", flat=True)))


def test_importing_the_same_file_again_changes_nothing(
    partners, business_manager, signed_in
) -> None:
    client = signed_in(business_manager)
    client.post(URL, {"file": csv_file(three_cases()), "intent": "import"})
    before = counts()

    response = client.post(URL, {"file": csv_file(three_cases()), "intent": "import"}, follow=True)

    assert "0 cases imported; 3 cases were already imported and left unchanged" in (
        response.content.decode()
    )
    after = counts()
    assert after.pop("CaseImport") == before.pop("CaseImport") + 1
    assert after == before


def test_a_case_imported_before_with_other_details_is_refused_at_its_row(
    partners, business_manager, signed_in
) -> None:
    client = signed_in(business_manager)
    client.post(URL, {"file": csv_file(three_cases()), "intent": "import"})
    before = counts()
    changed = three_cases()
    changed[3][6] = "LISG recommended"

    response = client.post(URL, {"file": csv_file(changed), "intent": "import"})

    assert [(p.row, p.column) for p in response.context["problems"]] == [(5, "Reference")]
    assert counts() == before


def test_a_reference_in_the_services_own_form_moves_the_boards_counter_past_it(
    board, partners, business_manager, signed_in
) -> None:
    signed_in(business_manager).post(
        URL, {"file": csv_file([case_row("BF-2019-0042")]), "intent": "import"}
    )
    assert ReferenceCounter.objects.get(board=board, year=2019).last == 42


@pytest.mark.parametrize(
    "role", [Role.NOTIFIER, Role.AGENCY_LEAD, Role.INDEPENDENT_CHAIR, Role.LISG_MEMBER]
)
def test_only_the_business_manager_may_import(board, partners, signed_in, role) -> None:
    client = signed_in(person(board, role))
    assert client.get(URL).status_code == 403
    assert client.get(reverse("imports:template", args=["csv"])).status_code == 403
    response = client.post(URL, {"file": csv_file(three_cases()), "intent": "import"})
    assert response.status_code == 403
    assert Notification.objects.count() == 0


def test_the_template_offered_imports_as_it_is(partners, business_manager, signed_in) -> None:
    client = signed_in(business_manager)
    template = client.get(reverse("imports:template", args=["xlsx"]))
    assert template["Content-Disposition"] == 'attachment; filename="cases-template.xlsx"'
    upload = SimpleUploadedFile("cases.xlsx", template.content)
    client.post(URL, {"file": upload, "intent": "import"})
    case = Notification.objects.get(reference="SCR-2019-04")
    assert case.review_actions.count() == 2


def test_a_file_not_made_from_the_template_is_refused_at_the_field(
    partners, business_manager, signed_in
) -> None:
    upload = SimpleUploadedFile("cases.csv", b"Ref,Child\nA-1,Alex\n", content_type="text/csv")
    response = signed_in(business_manager).post(URL, {"file": upload, "intent": "import"})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The first row must be the template's headings: download the template and copy "
        "your cases into it"
    ]
    assert set(counts().values()) == {0}


def test_a_sheet_past_the_import_row_bound_is_refused_naming_the_bound(
    settings, partners, business_manager, signed_in
) -> None:
    settings.IMPORT_ROWS = 2
    rows = [case_row(f"R-{n}") for n in range(3)]
    response = signed_in(business_manager).post(URL, {"file": csv_file(rows), "intent": "import"})

    assert (
        "The file must have 2 rows or fewer below the headings"
        in (response.context["form"].errors["file"][0])
    )
    assert set(counts().values()) == {0}

"""The question pages of the CRNF A: each page's rules, and nothing typed is lost."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from casereviews.criteria import parse_facts
from casereviews.notifications.models import Notification
from casereviews.notifications.pages import missing_pages
from tests.notifications.helpers import (
    date_parts,
    fill_in,
    page,
    start,
)

pytestmark = pytest.mark.django_db


def test_the_first_answer_starts_a_draft_filled_in_from_the_account(signed_in, notifier) -> None:
    """The draft belongs to the current board and the notifier's organisation, and their
    name is already on the 'your details' page."""
    client = signed_in(notifier)
    notification = start(client)
    assert (notification.status, notification.notifier, notification.organisation) == (
        "draft",
        notifier,
        notifier.organisation,
    )
    assert notification.board.code == "BF"
    response = client.get(page(notification, "your-details"))
    assert 'value="Priya Shah"' in response.content.decode()


def test_starting_without_an_answer_saves_nothing(signed_in, notifier) -> None:
    """The first page without an answer shows the GOV.UK error and writes no draft."""
    response = signed_in(notifier).post(reverse("notifications:start"), {})
    assert response.status_code == 200
    assert "Select what you are asking us to consider" in response.content.decode()
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    ("slug", "messages"),
    [
        (
            "your-details",
            ["Enter your full name", "Enter your job title", "Enter a telephone number"],
        ),
        ("consultation", ["Select who you consulted before notifying us"]),
        (
            "incident",
            [
                "Enter the date of the incident",
                "Enter where the child was at the time",
                "Enter who the child was with at the time",
            ],
        ),
        ("what-happened", ["Enter what happened"]),
        ("harm", ["Select yes if the child died", "Select whether the child was seriously harmed"]),
        ("abuse-or-neglect", ["Select whether abuse or neglect is known or suspected"]),
        (
            "working-together",
            [
                "Select whether there is cause for concern about how agencies worked together",
                "Select whether requirements or standards were not met",
            ],
        ),
        (
            "learning",
            [
                "Select what a review could teach us, or &#x27;None identified yet&#x27;",
                "Select yes if there is good practice that could be shared",
                "Select whether similar issues have been reviewed before",
            ],
        ),
        ("agencies", ["Select the agencies involved, or enter another agency"]),
        ("parallel-processes", ["Select the processes under way, or &#x27;None known&#x27;"]),
    ],
)
def test_every_required_answer_is_asked_for(signed_in, notifier, slug, messages) -> None:
    """An empty page shows each GOV.UK message, in the summary and at the field, and
    marks nothing answered."""
    client = signed_in(notifier)
    notification = start(client)
    response = client.post(page(notification, slug), {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    for message in messages:
        assert html.count(message) == 2, message
    notification.refresh_from_db()
    assert notification.answered_pages == ["review-sought"]


def test_an_incident_in_the_future_is_refused_and_what_was_typed_is_kept(
    signed_in, notifier
) -> None:
    """The place and the date typed come back on the page; nothing is saved."""
    client = signed_in(notifier)
    notification = start(client)
    response = client.post(
        page(notification, "incident"),
        {
            **date_parts("incident_date", datetime.date(2026, 12, 1)),
            "incident_place": "Bracknell leisure centre",
            "incident_with_whom": "",
        },
    )
    html = response.content.decode()
    assert "The date of the incident must be today or in the past" in html
    assert "Bracknell leisure centre" in html
    assert 'value="2026"' in html
    assert 'value="12"' in html
    notification.refresh_from_db()
    assert (notification.incident_date, notification.incident_place) == (None, "")


def test_not_consulting_anyone_needs_a_reason(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = start(client)
    response = client.post(page(notification, "consultation"), {"consulted_with": "none"})
    assert "Enter why you have not consulted anyone" in response.content.decode()
    response = client.post(
        page(notification, "consultation"),
        {"consulted_with": "none", "not_consulted_reason": "Out of hours; nobody available"},
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert (notification.consulted_with, notification.consulted_at) == ("none", None)


def test_a_consultation_needs_a_date_and_a_real_time(signed_in, notifier) -> None:
    """The 24-hour clock starts at the consultation, so its time is asked for."""
    client = signed_in(notifier)
    notification = start(client)
    response = client.post(
        page(notification, "consultation"),
        {"consulted_with": "both", "consultation_time": "25:10"},
    )
    html = response.content.decode()
    assert "Enter the date of the consultation" in html
    assert "Enter the time of the consultation like 14:30" in html
    response = client.post(
        page(notification, "consultation"),
        {
            "consulted_with": "both",
            **date_parts("consultation_date", datetime.date(2026, 11, 24)),
            "consultation_time": "16:45",
        },
    )
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.consulted_at == datetime.datetime(2026, 11, 24, 16, 45, tzinfo=datetime.UTC)


def test_the_criteria_pages_write_exactly_the_facts_of_the_design(
    signed_in, notifier, police, board
) -> None:
    """The facts are named as in DESIGN.md section 4 and the engine's parser accepts them."""
    board.partners.add(police)
    notification = fill_in(signed_in(notifier), agency_ids=[police.pk])
    assert notification.criteria_facts == {
        "abuse_or_neglect": "suspected",
        "child_died": False,
        "suspected_suicide": False,
        "seriously_harmed": True,
        "inter_agency_concern": "unclear",
        "death_setting": "none",
        "age_years": 11,
        "standards_not_met": "yes",
        "learning": ["working_together"],
        "good_practice": False,
        "similar_issues_previously_reviewed": None,
        "domestic_homicide": False,
        "adult_at_risk": False,
        "mappa_offender": False,
        "criminal_proceedings": True,
        "coroner_inquest": False,
    }
    parse_facts(notification.criteria_facts)
    assert list(notification.agencies.all()) == [police]


def test_a_death_asks_about_suicide_and_the_setting(signed_in, notifier) -> None:
    """The death page applies only when the child died; its answers become facts."""
    client = signed_in(notifier)
    notification = start(client)
    response = client.post(
        page(notification, "harm"), {"child_died": "yes", "seriously_harmed": "no"}
    )
    assert response["Location"] == page(notification, "death")
    response = client.post(page(notification, "death"), {"suspected_suicide": "unknown"})
    assert "Select where the child died, or &#x27;None of these&#x27;" in response.content.decode()
    client.post(
        page(notification, "death"),
        {"suspected_suicide": "yes", "death_setting": "secure_childrens_home"},
    )
    notification.refresh_from_db()
    facts = notification.criteria_facts
    assert (facts["child_died"], facts["suspected_suicide"], facts["death_setting"]) == (
        True,
        True,
        "secure_childrens_home",
    )
    # Without a death, the page is passed by, and its answers are not kept as facts.
    client.post(page(notification, "harm"), {"child_died": "no", "seriously_harmed": "yes"})
    notification.refresh_from_db()
    assert notification.criteria_facts["death_setting"] == "none"
    client.post(page(notification, "harm"), {"child_died": "yes", "seriously_harmed": "no"})
    notification.refresh_from_db()
    assert "death_setting" not in notification.criteria_facts
    assert "death" in [p.slug for p in missing_pages(notification)]
    client.post(page(notification, "harm"), {"child_died": "no", "seriously_harmed": "yes"})
    assert client.get(page(notification, "death"))["Location"] == page(
        notification, "abuse-or-neglect"
    )


def test_a_change_link_on_check_your_answers_comes_back_to_it(signed_in, notifier) -> None:
    client = signed_in(notifier)
    notification = fill_in(client)
    check = reverse("submission:check", args=[notification.pk])
    html = client.get(check).content.decode()
    change = f"{page(notification, 'what-happened')}?change=1"
    assert change in html
    assert reverse("notifications:children", args=[notification.pk]) in html
    response = client.post(change, {"what_happened": "Found injured at home."})
    assert response["Location"] == check
    # Saying the child died makes a new page due: the change leads there first.
    response = client.post(
        f"{page(notification, 'harm')}?change=1", {"child_died": "yes", "seriously_harmed": "yes"}
    )
    assert response["Location"] == f"{page(notification, 'death')}?change=1"

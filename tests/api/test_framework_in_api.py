"""The API carries each case's framework: a notification sent through the API to a board
that has become a safeguarding partnership is a wt-2023 case, and says so when read; what it
asks us to consider is one of its framework's choices, as on the form."""

from __future__ import annotations

import datetime

import pytest

from casereviews.boards.models import BoardFramework
from casereviews.deadlines.models import Deadline
from casereviews.frameworks.vocabulary import VOCABULARIES, Framework
from casereviews.notifications.models import Notification
from casereviews.outbox.models import OutboxEmail
from tests.api.conftest import bearer, body
from tests.api.test_notifications_api import URL, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("a_fixed_now")]


def test_each_notification_says_the_framework_it_was_notified_under(
    client, board, notifier, business_manager, token_for
) -> None:
    before = post(client, token_for(notifier), body()).json()["reference"]
    BoardFramework.objects.create(
        board=board, framework="wt-2023", effective_from=datetime.date(2026, 11, 25)
    )
    after = post(client, token_for(notifier), body(review_sought="serious_incident")).json()[
        "reference"
    ]
    answers = {
        reference: client.get(
            f"{URL}/{reference}", headers=bearer(token_for(business_manager))
        ).json()["framework"]
        for reference in (before, after)
    }
    assert answers == {before: "bf-lscb-2015", after: "wt-2023"}
    partnership_case = Notification.objects.get(reference=after)
    # No Panel clock until the Business Manager judges the incident notifiable.
    assert not Deadline.objects.filter(notification=partnership_case).exists()


def test_each_framework_refuses_the_other_frameworks_choices_with_the_forms_words(
    client, board, notifier, token_for
) -> None:
    """A 2015 choice sent to a partnership, or a Working Together 2023 one sent to a 2015
    board, is refused at `review_sought` with the message the form shows; nothing is made
    and nothing is sent."""
    token = token_for(notifier)
    refused = post(client, token, body(review_sought="serious_incident"))
    assert refused.status_code == 400
    assert refused.json()["errors"]["review_sought"] == [
        VOCABULARIES[Framework.BF_LSCB_2015].review_sought_refused
    ]
    BoardFramework.objects.create(
        board=board, framework="wt-2023", effective_from=datetime.date(2026, 11, 1)
    )
    for old_choice in ("scr", "inter_agency_cpir", "single_agency_cpir", "good_practice"):
        refused = post(client, token, body(review_sought=old_choice))
        assert refused.status_code == 400
        message = refused.json()["errors"]["review_sought"]
        assert message == [VOCABULARIES[Framework.WT_2023].review_sought_refused]
        assert "Working Together 2023" in message[0]
    assert not Notification.objects.exists()
    assert not OutboxEmail.objects.exists()
    made = post(client, token, body(review_sought="other_learning_review"))
    assert made.status_code == 201
    case = Notification.objects.get(reference=made.json()["reference"])
    assert (case.framework, case.review_sought) == ("wt-2023", "other_learning_review")


def test_a_partnerships_notification_takes_the_day_the_local_authority_became_aware(
    client, board, notifier, business_manager, token_for
) -> None:
    """The API takes `incident.local_authority_aware_on` and gives it back; one before the
    incident is refused with the page's words; its document describes it. A 2015 board's
    form never asks it, so a 2015 notification keeps none."""
    old = post(client, token_for(notifier), body()).json()["reference"]
    assert Notification.objects.get(reference=old).local_authority_aware_on is None
    BoardFramework.objects.create(
        board=board, framework="wt-2023", effective_from=datetime.date(2026, 11, 25)
    )
    sent = body(review_sought="serious_incident")
    incident = datetime.date.fromisoformat(sent["incident"]["date"])
    sent["incident"]["local_authority_aware_on"] = str(incident - datetime.timedelta(days=1))
    refused = post(client, token_for(notifier), sent)
    assert refused.status_code == 400
    assert "must be the same as or after the date of the incident" in refused.content.decode()
    sent["incident"]["local_authority_aware_on"] = "2026-11-23"
    made = post(client, token_for(notifier), sent)
    assert made.status_code == 201, made.content
    reference = made.json()["reference"]
    case = Notification.objects.get(reference=reference)
    assert case.local_authority_aware_on == datetime.date(2026, 11, 23)
    read = client.get(f"{URL}/{reference}", headers=bearer(token_for(business_manager))).json()
    assert read["incident"]["local_authority_aware_on"] == "2026-11-23"
    document = client.get("/api/v1/openapi.json").json()
    described = document["components"]["schemas"]["Incident"]["properties"]
    aware = described["local_authority_aware_on"]
    assert aware["format"] == "date"
    assert "wt-2023" in aware["description"]

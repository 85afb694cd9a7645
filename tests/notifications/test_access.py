"""Need to know: drafts are their author's alone, another agency gets "not found", and an
Agency lead sees the notifications of their own organisation only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Role
from casereviews.notifications.models import Status
from tests.factories import NotificationFactory, OrganisationFactory, person
from tests.notifications.helpers import fill_in, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_agency_notifier(board, health):
    return person(board, Role.NOTIFIER, organisation=health)


def test_another_agencys_notifier_gets_not_found_everywhere(
    signed_in, client, notifier, other_agency_notifier
) -> None:
    """The notification, its PDF, its confirmation and every page of a draft answer 404,
    exactly as for a notification that does not exist; nothing is written."""
    mine = signed_in(notifier)
    sent = fill_in(mine)
    send(mine, sent)
    sent.refresh_from_db()
    draft = fill_in(mine)
    child = draft.children.get()
    client.logout()
    theirs = signed_in(other_agency_notifier)
    urls = [
        reverse("notifications:detail", args=[sent.reference]),
        reverse("notifications:pdf", args=[sent.reference]),
        reverse("submission:submitted", args=[sent.reference]),
        reverse("notifications:detail", args=["BF-2026-9999"]),
        reverse("notifications:resume", args=[draft.pk]),
        reverse("submission:check", args=[draft.pk]),
        reverse("notifications:delete", args=[draft.pk]),
        reverse("notifications:draft-page", args=[draft.pk, "incident"]),
        reverse("notifications:children", args=[draft.pk]),
        reverse("notifications:child", args=[draft.pk, child.pk]),
        reverse("notifications:child-remove", args=[draft.pk, child.pk]),
        reverse("notifications:family-add", args=[draft.pk]),
    ]
    before = AuditEvent.objects.count()
    for url in urls:
        assert theirs.get(url).status_code == 404, url
        if "/drafts/" in url:
            assert theirs.post(url, {"version": 1}).status_code == 404, url
    draft.refresh_from_db()
    assert (draft.status, draft.children.count()) == (Status.DRAFT, 1)
    # Each refusal is audited as such, and nothing was read.
    written = AuditEvent.objects.order_by("sequence")[before:]
    assert [event.action for event in written] == ["access.denied"] * (len(urls) + 8)


def test_a_colleague_in_the_same_agency_cannot_open_a_draft(
    signed_in, client, notifier, board
) -> None:
    draft = fill_in(signed_in(notifier))
    client.logout()
    colleague = person(board, Role.NOTIFIER, organisation=notifier.organisation)
    response = signed_in(colleague).get(reverse("submission:check", args=[draft.pk]))
    assert response.status_code == 404


def test_the_agency_lead_sees_their_organisations_notifications_only(
    signed_in, notifier, board, health
) -> None:
    """On their home page and on the case page; another organisation's is not found, and
    nobody's draft shows."""
    lead = person(board, Role.AGENCY_LEAD, organisation=notifier.organisation)
    ours = NotificationFactory.create(board=board, notifier=notifier)
    NotificationFactory.create(board=board, notifier=notifier, status=Status.DRAFT)
    theirs = NotificationFactory.create(
        board=board, notifier=person(board, Role.NOTIFIER, organisation=health)
    )
    client = signed_in(lead)
    home = client.get(reverse("frontend:home")).content.decode()
    assert "Notifications from your organisation" in home
    assert ours.reference in home
    assert theirs.reference not in home
    assert "Draft started" not in home
    response = client.get(reverse("notifications:detail", args=[ours.reference]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="notification.read", actor=lead).count() == 1
    assert client.get(reverse("notifications:detail", args=[theirs.reference])).status_code == 404
    assert client.get(reverse("notifications:pdf", args=[theirs.reference])).status_code == 404


def test_notify_a_case_is_offered_to_those_who_may_start_one(
    signed_in, client, notifier, board
) -> None:
    assert "Notify a case" in signed_in(notifier).get(reverse("frontend:home")).content.decode()
    client.logout()
    lisg = person(board, Role.LISG_MEMBER, organisation=OrganisationFactory.create())
    client = signed_in(lisg)
    assert "Notify a case" not in client.get(reverse("frontend:home")).content.decode()
    assert client.get(reverse("notifications:start")).status_code == 403
    assert client.post(reverse("notifications:start"), {"review_sought": "scr"}).status_code == 403


def test_the_case_page_shows_the_crnf_a_and_its_timeline(
    signed_in, client, notifier, business_manager
) -> None:
    mine = signed_in(notifier)
    notification = fill_in(mine)
    send(mine, notification)
    notification.refresh_from_db()
    client.logout()
    html = (
        signed_in(business_manager)
        .get(reverse("notifications:detail", args=[notification.reference]))
        .content.decode()
    )
    for text in (
        "Timeline",
        "Submitted the notification",
        "Reference BF-2026-0001 given",
        "Kacey Hollins",
        "What happened",
        "Other processes under way",
    ):
        assert text in html, text


def test_opening_a_returned_notification_in_the_form_is_a_recorded_read(
    board, notifier, signed_in
) -> None:
    """Returned for information, the notification is a case of the board: its notifier
    reading it in the form is audited once per page, like the case page."""
    returned = NotificationFactory.create(
        board=board, notifier=notifier, status=Status.RETURNED_FOR_INFORMATION
    )
    client = signed_in(notifier)
    assert client.get(reverse("submission:check", args=[returned.pk])).status_code == 200
    reads = AuditEvent.objects.filter(action="notification.read", object_id=str(returned.pk))
    assert [event.actor for event in reads] == [notifier]

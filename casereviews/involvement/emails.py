"""The e-mails of agencies' returns. Each carries the case's reference and a link, never
the child's name, date of birth or address (DESIGN.md section 6); an invitation to a new
agency lead says nothing about any case."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from casereviews.accounts.models import User
from casereviews.accounts.password_reset import password_link
from casereviews.boards.contacts import business_manager_recipients
from casereviews.boards.models import Board
from casereviews.deadlines.calendar import LONDON
from casereviews.decisions.models import InvolvementRequest
from casereviews.involvement.recipients import agency_addresses
from casereviews.kit.emails import step_body
from casereviews.outbox.services import outbox_enqueue


def request_link(involvement_request: InvolvementRequest) -> str:
    return settings.SERVICE_URL + reverse("involvement:request", args=[involvement_request.pk])


def involvement_request_emails(*, involvement_request: InvolvementRequest) -> int:
    """Tell the asked agency's leads (or, with none yet, its secure address)."""
    case = involvement_request.notification
    due = involvement_request.due_at.astimezone(LONDON)
    body = step_body(
        [
            f"{case.board.name} asks {involvement_request.organisation.name} whether it has "
            "had any involvement with the child and family of a case it is considering.",
            "",
            f"Reference: {case.reference}",
            f"Answer by: {due:%H:%M on %A %-d %B %Y}",
            "",
            "If you were involved, you will be asked for a summary of the information you "
            "hold and a skeleton chronology.",
        ],
        [("Answer the request", request_link(involvement_request))],
    )
    subject = f"Case {case.reference}: request for information from your agency"
    addresses = agency_addresses(involvement_request.organisation, case.board)
    for address in addresses:
        outbox_enqueue(
            key=f"involvement-request:{involvement_request.pk}:{address}",
            to=[address],
            subject=subject,
            body=body,
        )
    return len(addresses)


def involvement_due_changed_emails(
    *, involvement_request: InvolvementRequest, was: datetime.datetime
) -> int:
    """Tell the asked agency (as it was asked) that the date it was told has changed:
    a date someone was told never moves in silence (docs/deadlines.md)."""
    case = involvement_request.notification
    due = involvement_request.due_at.astimezone(LONDON)
    before = was.astimezone(LONDON)
    why = "earlier" if involvement_request.due_at < was else "later"
    body = "\n".join(
        [
            f"The date by which {involvement_request.organisation.name} is asked to answer "
            f"the request for information on case {case.reference} has moved {why}: the LISG "
            "meeting that considers the case has changed.",
            "",
            f"It was: {before:%H:%M on %A %-d %B %Y}",
            f"It is now: {due:%H:%M on %A %-d %B %Y}",
            "",
            f"Answer the request: {request_link(involvement_request)}",
            "",
            "This e-mail does not contain the child's details. Sign in to see them.",
        ]
    )
    addresses = agency_addresses(involvement_request.organisation, case.board)
    for address in addresses:
        outbox_enqueue(
            key=f"involvement-due:{involvement_request.pk}:{due:%Y%m%d%H%M}:{address}",
            to=[address],
            subject=f"Case {case.reference}: the date to answer has changed",
            body=body,
        )
    return len(addresses)


def involvement_returned_emails(*, involvement_request: InvolvementRequest, version: int) -> None:
    """Tell the Business Managers that an agency answered (or sent a correction)."""
    case = involvement_request.notification
    assert case.reference
    what = "answered" if version == 1 else f"sent a correction (version {version})"
    link = settings.SERVICE_URL + reverse("involvement:chronology", args=[case.reference])
    for manager in business_manager_recipients(case.board):
        outbox_enqueue(
            key=f"involvement-return:{involvement_request.pk}:v{version}:{manager.pk}",
            to=[manager.email],
            subject=f"Case {case.reference}: {involvement_request.organisation.name} {what}",
            body="\n".join(
                [
                    f"{involvement_request.organisation.name} has {what} the request for "
                    f"information on case {case.reference}.",
                    "",
                    f"See the agencies' chronology: {link}",
                ]
            ),
        )


def agency_lead_invitation_email(*, user: User, board: Board) -> None:
    """The new agency lead sets a password and then a second factor; nothing of the case."""
    body = render_to_string(
        "involvement/email/agency_invitation.txt",
        {
            "board_name": board.name,
            "organisation_name": user.organisation.name,
            "service_name": settings.SERVICE_NAME,
            "link": password_link(user),
        },
    )
    outbox_enqueue(
        key=f"agency-lead-invitation:{user.pk}",
        to=[user.email],
        subject=f"Set up your account for {settings.SERVICE_NAME}",
        body=body,
    )

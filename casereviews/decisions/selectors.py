"""Reads of the procedure records, for the workflow's guards and the case page."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from casereviews.decisions.models import (
    ChairDecision,
    ExternalBody,
    ExternalNotification,
    InvolvementRequest,
    LisgRecommendation,
    ReviewType,
)
from casereviews.notifications.models import Notification


def latest_chair_decision(notification: Notification) -> ChairDecision | None:
    return (
        ChairDecision.objects.filter(notification=notification)
        .order_by("-decided_at", "-id")
        .first()
    )


def latest_lisg_recommendation(notification: Notification) -> LisgRecommendation | None:
    return (
        LisgRecommendation.objects.filter(notification=notification)
        .order_by("-recorded_at", "-id")
        .first()
    )


def agency_information_requested(notification: Notification) -> bool:
    return InvolvementRequest.objects.filter(notification=notification).exists()


def bodies_told(notification: Notification, *, since_decision: ChairDecision | None) -> set[str]:
    """Which external bodies were recorded as told of the (latest) decision."""
    told = ExternalNotification.objects.filter(notification=notification)
    if since_decision is not None:
        told = told.filter(recorded_at__gte=since_decision.decided_at)
    return set(told.values_list("body", flat=True))


def scr_held(notification: Notification) -> bool:
    decision = latest_chair_decision(notification)
    return decision is not None and decision.decision == ReviewType.SCR


def external_bodies_due(notification: Notification) -> set[str]:
    """Who must be told of the latest decision: Ofsted and the Panel of an SCR, the Panel
    where no SCR is held."""
    if scr_held(notification):
        return {ExternalBody.OFSTED, ExternalBody.NATIONAL_PANEL}
    return {ExternalBody.NATIONAL_PANEL}


def earliest_told_on(notification: Notification) -> tuple[date, str]:
    """The first day Ofsted or the National Panel can have been told of the decision,
    and what happened that day: the day the Independent Chair decided (C 1(iii): the
    board tells them of the decision), or, with no decision recorded, the day the case
    was notified."""
    decision = latest_chair_decision(notification)
    if decision is not None:
        return timezone.localdate(decision.decided_at), "when the Independent Chair decided"
    notified = notification.submitted_at or notification.created_at
    return timezone.localdate(notified), "when the case was notified"

"""The life of one generated case, simulated step by step up to a moment: which states it
passed through and when, which deadlines it started and how each ended, who read it.
Plain Python with no database, so a seed gives the same cases every time.

Step durations are a local assumption for load testing, not the procedure's: about a
week to verify, three weeks for the agencies' returns, a month to the Chair's decision,
half a year of review, a year or more of monitoring actions.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

DAY = timedelta(days=1)

# How the Independent Chair decides, and how often (a local assumption): most cases
# end in no review or a CPIR; SCRs are rare.
DECISIONS = (
    ("decide_no_review", "no_review", 0.40),
    ("decide_cpir", "cpir", 0.30),
    ("decide_other_review", "other_review", 0.20),
    ("decide_scr", "scr", 0.10),
)


@dataclass
class Step:
    transition: str
    from_status: str
    to_status: str
    at: datetime


@dataclass
class PlannedDeadline:
    rule_code: str
    owner_role: str
    started_at: datetime
    due_at: datetime
    # None while open; otherwise the moment it was met, missed or cancelled.
    ended_at: datetime | None = None
    cancelled: bool = False
    agency: int | None = None  # index into the case's agencies, for agency returns


@dataclass
class CasePlan:
    created_at: datetime
    steps: list[Step] = field(default_factory=list)
    deadlines: list[PlannedDeadline] = field(default_factory=list)
    # (agency index, requested at, answered at or None)
    requests: list[tuple[int, datetime, datetime | None]] = field(default_factory=list)
    decision: str = ""
    verified_at: datetime | None = None
    recommended_at: datetime | None = None
    decided_at: datetime | None = None

    @property
    def status(self) -> str:
        return self.steps[-1].to_status if self.steps else "draft"

    @property
    def submitted_at(self) -> datetime | None:
        return self.steps[0].at if self.steps else None


def _decision(roll: float) -> tuple[str, str]:
    cumulative = 0.0
    for transition, decision, share in DECISIONS:
        cumulative += share
        if roll <= cumulative:
            return transition, decision
    return DECISIONS[-1][0], DECISIONS[-1][1]


def _after(rng: random.Random, start: datetime, low: float, high: float) -> datetime:
    return start + timedelta(days=rng.uniform(low, high))


def plan_case(rng: random.Random, created_at: datetime, until: datetime, agencies: int) -> CasePlan:
    """Simulate a case from its first draft until `until`: each step happens if its
    moment has come, so old cases are closed and recent ones are still in progress."""
    plan = CasePlan(created_at)
    status = "draft"

    def step(transition: str, to_status: str, at: datetime) -> bool:
        nonlocal status
        if at > until:
            return False
        plan.steps.append(Step(transition, status, to_status, at))
        status = to_status
        return True

    def deadline(code: str, role: str, start: datetime, days: float, **extra: object) -> None:
        plan.deadlines.append(PlannedDeadline(code, role, start, start + days * DAY, **extra))  # type: ignore[arg-type]

    def end(code: str, at: datetime, *, cancelled: bool = False) -> None:
        for planned in plan.deadlines:
            if planned.rule_code == code and planned.ended_at is None and at <= until:
                planned.ended_at, planned.cancelled = at, cancelled

    if rng.random() < 0.03:  # a few drafts are never sent
        return plan
    submitted = _after(rng, created_at, 0.05, 2)
    if not step("submit", "submitted", submitted):
        return plan
    deadline("verification_due", "business_manager", submitted, 3)
    deadline("scr_decision_within_one_month", "independent_chair", submitted, 30)
    at = submitted
    if rng.random() < 0.06:  # returned for information, and sent back
        at = _after(rng, at, 1, 4)
        if not step("return_for_information", "returned_for_information", at):
            return plan
        at = _after(rng, at, 1, 6)
        if not step("resubmit", "submitted", at):
            return plan
    if rng.random() < 0.04:
        at = _after(rng, at, 2, 10)
        if step("withdraw", "withdrawn", at):
            end("verification_due", at, cancelled=True)
            end("scr_decision_within_one_month", at, cancelled=True)
        return plan
    at = _after(rng, at, 1, 6)
    if not step("verify", "under_consideration", at):
        return plan
    end("verification_due", at)
    plan.verified_at = at
    deadline("lisg_recommendation_due", "lisg_member", at, 21)
    for agency in rng.sample(range(agencies), k=min(agencies, rng.randint(3, 6))):
        asked = _after(rng, at, 0, 2)
        if asked > until:
            continue
        answered = _after(rng, asked, 3, 16)
        answered_or_none = answered if answered <= until and rng.random() < 0.95 else None
        plan.requests.append((agency, asked, answered_or_none))
        deadline("agency_return_due", "agency_lead", asked, 14, agency=agency)
        if answered_or_none is not None:
            plan.deadlines[-1].ended_at = answered_or_none
    at = _after(rng, at, 14, 24)
    if not step("lisg_recommend", "lisg_recommended", at):
        return plan
    plan.recommended_at = at
    end("lisg_recommendation_due", at)
    end("agency_return_due", at, cancelled=True)
    transition, decision = _decision(rng.random())
    at = _after(rng, at, 2, 12)
    target = {"no_review": "no_review", "cpir": "cpir_commissioned"}.get(decision)
    target = target or {"scr": "scr_commissioned"}.get(decision, "other_review_commissioned")
    if not step(transition, target, at):
        return plan
    plan.decision, plan.decided_at = decision, at
    end("scr_decision_within_one_month", at)
    deadline("ofsted_and_panel_told", "business_manager", at, 5)
    end("ofsted_and_panel_told", _after(rng, at, 0.5, 6))
    if decision == "no_review":
        step("close", "closed", _after(rng, at, 5, 40))
        return plan
    if decision == "scr":
        deadline("review_completed_within_six_months", "business_manager", at, 182)
    at = _after(rng, at, 7, 30)
    if not step("start_review", "review_in_progress", at):
        return plan
    at = _after(rng, at, 90, 200)
    if not step("receive_report", "report", at):
        return plan
    end("review_completed_within_six_months", at)
    at = _after(rng, at, 14, 60)
    # An SCR is published; the learning of any other review is disseminated instead.
    after_report = (
        ("publish", "published")
        if decision == "scr"
        else ("disseminate_learning", "learning_disseminated")
    )
    if not step(*after_report, at):
        return plan
    at = _after(rng, at, 7, 30)
    if not step("monitor_actions", "actions_monitored", at):
        return plan
    step("close", "closed", _after(rng, at, 180, 540))
    return plan

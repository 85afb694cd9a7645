"""The dashboards' figures equal the same figures computed directly, row by row, from a
generated data set (the load-test generator: cases in every state, decisions, deadlines
and agency answers; the reviews' actions, which it does not make, are added here), on
SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime
import json
import random
import statistics
from collections import Counter, defaultdict
from typing import cast

import pytest
from django.db import transaction
from django.utils import timezone

from bench.generate import Generator
from casereviews.boards.models import Board, Organisation
from casereviews.deadlines.calendar import LONDON
from casereviews.deadlines.models import Deadline
from casereviews.deadlines.rules import AGENCY_RETURN_CODES, RULES
from casereviews.decisions.models import ChairDecision
from casereviews.decisions.models import ReviewType as Decision
from casereviews.learning import figures, snapshots
from casereviews.learning.figures import Period
from casereviews.learning.models import FiguresSnapshot
from casereviews.notifications.models import Child, Notification, Status
from casereviews.reviews.models import ActionStatus, Recommendation, Review, ReviewAction
from tests.factories import ReviewActionFactory

pytestmark = pytest.mark.django_db
UNTIL = datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC)
ENGINE = ["scr_mandatory", "cpir", "no_review", "other_review", ""]


@pytest.fixture
def generated() -> list[int]:
    generator = Generator(boards=2, cases=160, seed=11, until=UNTIL, years=2)
    with transaction.atomic():
        list(generator.case_rows(generator.people()))
    # The generator leaves the engine's recommendation out: give the decisions a mix.
    for number, decision in enumerate(ChairDecision.objects.order_by("id")):
        decision.engine_recommendation = ENGINE[number % len(ENGINE)]
        decision.save(update_fields=["engine_recommendation"])
    _actions(random.Random(11))
    return list(Board.objects.order_by("id").values_list("id", flat=True))


def _actions(rng: random.Random) -> None:
    """Each case the Chair commissioned a review of gets its review, a recommendation and
    up to four actions owned by the agencies, due across both years, in every status, some
    of the completed ones judged sustained."""
    agencies = list(Organisation.objects.order_by("id")[:5])
    commissioned = (
        ChairDecision.objects.filter(decision__in=["scr", "cpir", "other_review"])
        .select_related("notification")
        .order_by("id")
    )
    reviewed: set[int] = set()
    for decision in commissioned:
        case = decision.notification
        if case.pk in reviewed:
            continue
        reviewed.add(case.pk)
        review = Review.objects.create(
            notification=case,
            kind=decision.decision,
            created_by=decision.decided_by,
            created_at=decision.decided_at,
        )
        recommendation = Recommendation.objects.create(review=review, number=1, text="Share")
        for number in range(rng.randrange(5)):
            status = rng.choice(ActionStatus.values)
            ReviewActionFactory.create(
                recommendation=recommendation,
                board_id=case.board_id,
                notification=case,
                description=f"Action {number}",
                owner_agency=rng.choice(agencies),
                due_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(730)),
                status=status,
                created_at=decision.decided_at,
                sustained_on=datetime.date(2026, 11, 1)
                if status == ActionStatus.COMPLETE and rng.random() < 0.5
                else None,
            )


def _in(period: Period, moment: datetime.datetime | None) -> bool:
    return moment is not None and period.start <= moment < period.end


def _quarter(moment: datetime.datetime) -> str:
    local = moment.astimezone(LONDON)
    return f"{local.year} Q{(local.month - 1) // 3 + 1}"


@pytest.mark.parametrize("year", [2025, 2026])
def test_dashboard_figures_equal_the_data_counted_row_by_row(generated, year) -> None:
    board = generated[0]
    period = Period(year)
    now = timezone.now()

    cases = [n for n in Notification.objects.filter(board=board) if n.status != Status.DRAFT]
    stages = Counter(n.status for n in cases if _in(period, n.submitted_at))
    shown = {row.label: row.value for row in figures.notifications_by_stage([board], period).rows}
    assert shown == {
        label: stages.get(value, 0) for value, label in Status.choices if value != "draft"
    }
    assert sum(shown.values()) > 0

    deadlines = [
        d
        for d in Deadline.objects.filter(board=board)
        if _in(period, d.due_at)
        and d.state != "cancelled"
        # Only what fell due (issue 28, 12): an open deadline not yet due is not counted.
        and not (d.state == "open" and d.due_at >= now)
    ]
    expected: dict[str, tuple[int, int, int, int]] = {}
    for code in {d.rule_code for d in deadlines}:
        mine = [d for d in deadlines if d.rule_code == code]
        expected[RULES[code].title] = (
            len(mine),
            sum(d.state == "met" for d in mine),
            sum(d.state == "missed" for d in mine),
            sum(d.state == "open" and d.due_at < now for d in mine),
        )
    figure = figures.deadlines_due_and_missed([board], period)
    assert {row.label: row.more for row in figure.rows} == expected
    assert all(row.value == row.more[2] + row.more[3] for row in figure.rows)

    decisions = [
        d
        for d in ChairDecision.objects.select_related("notification")
        if d.notification.board_id == board
        and _in(period, d.decided_at)
        and d.escalates_id is None
        and d.notification.submitted_at is not None
    ]
    met = {
        d.notification_id
        for d in Deadline.objects.filter(rule_code="scr_decision_within_one_month", state="met")
    }
    by_quarter: dict[str, list[ChairDecision]] = defaultdict(list)
    for decision in decisions:
        by_quarter[_quarter(decision.decided_at)].append(decision)
    expected_waits = {}
    for quarter, rows in by_quarter.items():
        waits = [
            (d.decided_at - cast(datetime.datetime, d.notification.submitted_at)).total_seconds()
            / 86400
            for d in rows
        ]
        within = sum(d.notification_id in met for d in rows)
        expected_waits[quarter] = (round(statistics.median(waits), 1), len(rows), within)
    figure = figures.time_to_decision([board], period)
    assert {
        row.label: (row.value, row.more[0], row.more[1]) for row in figure.rows
    } == expected_waits
    assert expected_waits, "the generated year holds decisions"

    answers = [
        d
        for d in Deadline.objects.filter(
            board=board, rule_code__in=AGENCY_RETURN_CODES
        ).select_related("responsible_organisation")
        if _in(period, d.due_at)
        and d.state != "cancelled"
        # Only what fell due (issue 28, 12): an open deadline not yet due is not counted.
        and not (d.state == "open" and d.due_at >= now)
    ]
    by_agency: dict[str, list[Deadline]] = defaultdict(list)
    for answer in answers:
        name = answer.responsible_organisation.name if answer.responsible_organisation else ""
        by_agency[name or "Agency not recorded"].append(answer)
    expected_agencies = {
        name: (
            len(rows),
            sum(d.state == "met" for d in rows),
            sum(d.state == "missed" for d in rows),
            sum(d.state == "open" and d.due_at < now for d in rows),
        )
        for name, rows in by_agency.items()
    }
    figure = figures.agency_return_timeliness([board], period)
    assert {row.label: row.more for row in figure.rows} == expected_agencies

    outcomes = {value: [0, 0, 0] for value in Decision.values}
    for decision in ChairDecision.objects.select_related("notification"):
        if decision.notification.board_id != board or not _in(period, decision.decided_at):
            continue
        engine = decision.engine_recommendation
        column = 2 if not engine else 0 if engine in figures.FOLLOWS[decision.decision] else 1
        outcomes[decision.decision][column] += 1
    figure = figures.decisions_by_outcome([board], period)
    assert {row.label: list(row.more) for row in figure.rows} == {
        Decision(value).label: counts for value, counts in outcomes.items()
    }
    assert any(row.more[1] for row in figure.rows), "some decisions depart from the engine"

    actions = [
        a
        for a in ReviewAction.objects.filter(board=board).select_related("owner_agency")
        if period.start.date() <= a.due_on < period.end.date()
    ]
    by_owner: dict[str, list[ReviewAction]] = defaultdict(list)
    for action in actions:
        by_owner[action.owner_agency.name].append(action)
    expected_actions = {
        name: (
            len(rows),
            (
                *(sum(a.status == status for a in rows) for status in ActionStatus.values),
                sum(a.sustained_on is not None for a in rows),
            ),
        )
        for name, rows in by_owner.items()
    }
    figure = figures.actions_by_status_and_agency([board], period)
    assert {row.label: (row.value, row.more) for row in figure.rows} == expected_actions
    assert len(expected_actions) > 1, "the generated year holds actions of several agencies"
    assert any(counts[-1] for _, counts in expected_actions.values()), "some were sustained"


def test_a_board_sees_only_its_own_figures(generated) -> None:
    period = Period(2026)
    first = figures.notifications_by_stage([generated[0]], period)
    second = figures.notifications_by_stage([generated[1]], period)
    both = figures.notifications_by_stage(generated, period)
    assert [a.value + b.value for a, b in zip(first.rows, second.rows, strict=True)] == [
        row.value for row in both.rows
    ]


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_stored_figures_read_back_as_they_were_counted(generated, year) -> None:
    period = Period(year)
    counted = snapshots.figures_count(generated[:1], period)
    stored = FiguresSnapshot.objects.get(boards=str(generated[0]), year=year)
    assert snapshots.from_stored(stored.figures) == counted.figures
    assert counted.figures == figures.all_figures(generated[:1], period)
    assert any(not figure.empty for figure in counted.figures)


def test_the_stored_figures_hold_nothing_of_a_child_or_a_case(generated) -> None:
    for year in (2025, 2026):
        snapshots.figures_count(generated, Period(year))
    stored = " ".join(
        json.dumps(payload) for payload in FiguresSnapshot.objects.values_list("figures", flat=True)
    ).lower()
    children = Child.objects.values_list("full_name", "date_of_birth", "address")
    assert children, "the generated cases name their children"
    for name, born, address in children:
        assert name.lower() not in stored
        assert born is None or born.isoformat() not in stored
        assert not address or address.lower() not in stored
    for reference in Notification.objects.values_list("reference", flat=True):
        assert reference is None or reference.lower() not in stored


def test_counting_again_writes_the_same_row_over(generated) -> None:
    """Two processes counting the same board and year at once both succeed: the write is
    an upsert, and the later count is the one kept."""
    period = Period(2026)
    first = snapshots.figures_count(generated[:1], period)
    second = snapshots.figures_count(generated[:1], period)
    kept = FiguresSnapshot.objects.get()
    assert kept.counted_at == second.counted_at >= first.counted_at
    assert snapshots.figures_counted(generated[:1], period).counted_at == second.counted_at

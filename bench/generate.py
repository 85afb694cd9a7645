"""Generated boards, agencies, people and cases for load tests (`generate_load_data`).

No real people: every name is made up and every address is under example.org. The
cases follow the procedure's lifecycle (`plan.py`) and come with what exists for them
today: children and family members, the criteria assessment and verification,
involvement requests, the LISG's recommendation, the Chair's decision, Ofsted and Panel
notifications, status changes and timeline, deadlines open, met, missed and cancelled,
and an audit trail of at least 20 events per case, appended to the chain so that
`verify_audit` accepts it. Rows are written in bulk (COPY for the audit trail on
PostgreSQL), so 100,000 cases take minutes.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from typing import Any, cast

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from bench.plan import CasePlan, plan_case
from casereviews.accounts.models import User
from casereviews.assessments.models import CriteriaAssessment, VerificationDecision
from casereviews.audit.chain import chain_head, event_hash, lock_for_append
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board, Organisation, OrganisationType, Role, RoleGrant
from casereviews.criteria import assess, parse_facts, ruleset_in_force
from casereviews.deadlines.models import Deadline, DeadlineState
from casereviews.decisions.models import (
    ChairDecision,
    ExternalNotification,
    InvolvementRequest,
    LisgRecommendation,
)
from casereviews.notifications.models import Child, FamilyMember, Notification, ReferenceCounter
from casereviews.workflow.models import StatusChange, TimelineEntry

# Every generated person signs in with this password and this authenticator key (the
# load generator computes their codes). Refused in production, like the demo data.
LOAD_PASSWORD = "load-test-password-2026"  # noqa: S105
LOAD_TOTP_KEY = "3132333435363738393031323334353637383930"
DOMAIN = "loadtest.example.org"
CHUNK = 1000

FIRST_NAMES = [
    "Ava",
    "Bea",
    "Cal",
    "Dara",
    "Eli",
    "Finn",
    "Gus",
    "Hana",
    "Ivo",
    "Jude",
    "Kit",
    "Lena",
    "Milo",
    "Nia",
    "Oren",
    "Pia",
    "Quin",
    "Rae",
    "Sol",
    "Tam",
    "Uma",
    "Vic",
    "Wren",
    "Xan",
    "Yara",
    "Zed",
]
SURNAMES = [
    "Ashdown",
    "Birchley",
    "Copperfield",
    "Dunmore",
    "Elmstead",
    "Fernhill",
    "Glenholt",
    "Hawthorne",
    "Ivybridge",
    "Juniper",
    "Kestrel",
    "Larchmont",
    "Marlow",
    "Northcote",
    "Oakridge",
    "Pennybrook",
    "Quarrendon",
    "Redfern",
    "Stonebury",
    "Thornfield",
    "Underhill",
    "Valecroft",
    "Westmere",
    "Yarrowby",
]
LOCAL_AGENCIES = (
    ("Children's Social Care", OrganisationType.CHILDRENS_SOCIAL_CARE),
    ("Education Services", OrganisationType.EDUCATION),
    ("Youth Offending Service", OrganisationType.YOUTH_OFFENDING),
    ("Police", OrganisationType.POLICE),
    ("NHS Foundation Trust", OrganisationType.HEALTH),
    ("LSCB Business Unit", OrganisationType.BOARD_BUSINESS_UNIT),
)
NATIONAL_AGENCIES = (
    ("Loadshire Probation Service", OrganisationType.PROBATION),
    ("Loadshire CAFCASS", OrganisationType.CAFCASS),
)
FACT_TEMPLATES: tuple[dict[str, Any], ...] = (
    {"abuse_or_neglect": "known", "child_died": True, "death_setting": "none", "age_years": 3},
    {"abuse_or_neglect": "suspected", "seriously_harmed": True, "child_died": False,
     "inter_agency_concern": "yes", "age_years": 9},
    {"abuse_or_neglect": "not_suspected", "child_died": False, "seriously_harmed": True,
     "standards_not_met": "yes", "learning": ["working_together"], "age_years": 14},
    {"abuse_or_neglect": "unknown", "child_died": True, "age_years": 16},
    {"abuse_or_neglect": "not_suspected", "child_died": False, "seriously_harmed": False,
     "good_practice": True, "age_years": 6},
)  # fmt: skip
PAGES: tuple[str, ...] = (
    "review-sought",
    "your-details",
    "consultation",
    "incident",
    "what-happened",
)
PAGES += ("harm", "abuse-or-neglect", "working-together", "learning", "agencies")
PAGES += ("parallel-processes", "family")


def board_code(index: int) -> str:
    """LAA, LAB, …: 2 to 6 capital letters, as board codes are."""
    letters = ""
    for _ in range(2):
        index, remainder = divmod(index, 26)
        letters = chr(65 + remainder) + letters
    return "L" + letters


@dataclass
class BoardPeople:
    board: Board
    agencies: list[Organisation]
    business_manager: User
    chair: User
    lisg: list[User]
    leads: dict[int, User]  # organisation id → its agency lead
    notifiers: list[User]
    roles: dict[int, str] = field(default_factory=dict)  # user id → their roles, as audited


@dataclass
class CaseRow:
    """What the audit trail of a case needs once its rows exist."""

    notification_id: int
    label: str
    board: BoardPeople
    notifier: User
    plan: CasePlan
    request_agencies: list[Organisation]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


class Generator:
    def __init__(self, *, boards: int, cases: int, seed: int, until: datetime, years: int):
        self.boards, self.cases, self.seed = boards, cases, seed
        self.until, self.years = until, years
        self.rng = random.Random(seed)  # noqa: S311 - made-up data, not a secret
        self.password = make_password(LOAD_PASSWORD, salt=f"loadtestsalt{seed:08d}")
        self.answers = self._assessments()
        self.user_count = 0

    def _assessments(self) -> list[tuple[dict[str, Any], dict[str, Any], str, int]]:
        ruleset = ruleset_in_force(self.until.date())
        found = []
        for facts in FACT_TEMPLATES:
            answer = assess(parse_facts(facts), ruleset).as_dict()
            found.append((facts, answer, ruleset.code, ruleset.version))
        return found

    # -- people ---------------------------------------------------------------------------

    def _person(self, board: Board, organisation: Organisation, role: str) -> User:
        self.user_count += 1
        number = self.user_count
        return User(
            email=f"{role.replace('_', '.')}.{number}@{board.code.lower()}.{DOMAIN}",
            full_name=_name(self.rng),
            organisation=organisation,
            job_title=Role(role).label,
            password=self.password,
        )

    def people(self) -> list[BoardPeople]:
        national = [
            Organisation.objects.get_or_create(name=name, defaults={"type": kind})[0]
            for name, kind in NATIONAL_AGENCIES
        ]
        result = []
        for index in range(self.boards):
            code = board_code(index)
            place = f"Loadshire {code}"
            board, _ = Board.objects.update_or_create(
                code=code,
                defaults={
                    "name": f"{place} Local Safeguarding Children Board",
                    "secure_email": f"lscb@{code.lower()}.{DOMAIN}",
                },
            )
            local = [
                Organisation.objects.update_or_create(
                    name=f"{place} {name}", defaults={"type": kind}
                )[0]
                for name, kind in LOCAL_AGENCIES
            ]
            agencies = local + national
            board.partners.set(agencies)
            unit = local[-1]
            staff = [self._person(board, unit, Role.BUSINESS_MANAGER)]
            staff.append(self._person(board, unit, Role.INDEPENDENT_CHAIR))
            staff += [self._person(board, self.rng.choice(agencies), Role.LISG_MEMBER)]
            staff += [self._person(board, self.rng.choice(agencies), Role.LISG_MEMBER)]
            leads = [self._person(board, agency, Role.AGENCY_LEAD) for agency in agencies]
            notifiers = [
                self._person(board, agency, Role.NOTIFIER) for agency in agencies for _ in range(3)
            ]
            made = User.objects.bulk_create(staff + leads + notifiers)
            role_of = {
                made[0].pk: Role.BUSINESS_MANAGER,
                made[1].pk: Role.INDEPENDENT_CHAIR,
                made[2].pk: Role.LISG_MEMBER,
                made[3].pk: Role.LISG_MEMBER,
            }
            role_of |= {user.pk: Role.AGENCY_LEAD for user in made[4 : 4 + len(leads)]}
            role_of |= {user.pk: Role.NOTIFIER for user in made[4 + len(leads) :]}
            RoleGrant.objects.bulk_create(
                RoleGrant(user_id=pk, board=board, role=role) for pk, role in role_of.items()
            )
            TOTPDevice.objects.bulk_create(
                TOTPDevice(user=user, name="Load test authenticator", key=LOAD_TOTP_KEY)
                for user in made
            )
            result.append(
                BoardPeople(
                    board,
                    agencies,
                    made[0],
                    made[1],
                    made[2:4],
                    {user.organisation_id: user for user in made[4 : 4 + len(leads)]},
                    made[4 + len(leads) :],
                    {pk: str(role) for pk, role in role_of.items()},
                )
            )
        return result

    # -- cases ----------------------------------------------------------------------------

    def case_rows(self, everyone: list[BoardPeople]) -> Iterator[CaseRow]:
        """Write the cases in chunks, oldest first, and yield what their trail needs."""
        span = timedelta(days=365 * self.years)
        start = self.until - span
        moments = sorted(
            start + span * self.rng.random() for _ in range(self.cases)
        )  # the order cases were started in, across every board
        counters: dict[tuple[int, int], int] = {}
        for offset in range(0, self.cases, CHUNK):
            yield from self._chunk(moments[offset : offset + CHUNK], everyone, counters)
        ReferenceCounter.objects.bulk_create(
            [
                ReferenceCounter(board_id=board_id, year=year, last=last)
                for (board_id, year), last in counters.items()
            ],
            update_conflicts=True,
            unique_fields=["board", "year"],
            update_fields=["last"],
        )

    def _chunk(
        self,
        moments: list[datetime],
        everyone: list[BoardPeople],
        counters: dict[tuple[int, int], int],
    ) -> list[CaseRow]:
        rng = self.rng
        drafts: list[tuple[Notification, BoardPeople, User, CasePlan]] = []
        for created in moments:
            people = rng.choice(everyone)
            notifier = rng.choice(people.notifiers)
            plan = plan_case(rng, created, self.until, len(people.agencies))
            facts, *_ = rng.choice(self.answers)
            reference = None
            if plan.submitted_at is not None:
                year = plan.submitted_at.year
                key = (people.board.pk, year)
                counters[key] = counters.get(key, 0) + 1
                reference = f"{people.board.code}-{year}-{counters[key]:04d}"
            notification = Notification(
                board=people.board,
                reference=reference,
                status=plan.status,
                version=len(plan.steps) + 1,
                notifier=notifier,
                organisation_id=notifier.organisation_id,
                review_sought=rng.choice(("scr", "inter_agency_cpir", "single_agency_cpir")),
                criteria_facts=facts,
                notifier_name=notifier.full_name,
                notifier_job_title="Safeguarding practitioner",
                consulted_with="agency_lead",
                consulted_at=created - timedelta(hours=rng.uniform(1, 20)),
                incident_date=(created - timedelta(days=rng.uniform(1, 20))).date(),
                incident_place="At home",
                what_happened="Generated for load testing: no real child or family.",
                answered_pages=list(PAGES),
                created_at=created,
                updated_at=plan.steps[-1].at if plan.steps else created,
                submitted_at=plan.submitted_at,
                submitted_on_time=True if plan.submitted_at else None,
            )
            drafts.append((notification, people, notifier, plan))
        with _historic_timestamps():
            Notification.objects.bulk_create([row[0] for row in drafts])
        self._related(drafts)
        rows = []
        for notification, people, notifier, plan in drafts:
            requested = [people.agencies[index] for index, _, _ in plan.requests]
            label = notification.reference or f"Draft {notification.pk}"
            rows.append(CaseRow(notification.pk, label, people, notifier, plan, requested))
        return rows

    def _related(self, drafts: list[tuple[Notification, BoardPeople, User, CasePlan]]) -> None:
        rng = self.rng
        children, family, assessments, verifications = [], [], [], []
        requests, recommendations, decisions, told = [], [], [], []
        changes, timeline, deadlines, involved = [], [], [], []
        through = Notification.agencies.through
        for notification, people, notifier, plan in drafts:
            case_children = [
                Child(
                    notification=notification,
                    full_name=_name(rng),
                    date_of_birth=date(2010, 1, 1) + timedelta(days=rng.randint(0, 5000)),
                    sex=rng.choice(("female", "male")),
                    child_protection_plan=rng.choice(("now", "before", "never", "unknown")),
                    looked_after=rng.choice(("now", "before", "never", "unknown")),
                    open_to_social_care=rng.choice(("yes", "no", "unknown")),
                )
                for _ in range(1 if rng.random() < 0.85 else 2)
            ]
            children += case_children
            family += [
                FamilyMember(notification=notification, full_name=_name(rng), relationship=kin)
                for kin in rng.sample(("Mother", "Father", "Stepfather", "Grandmother"), 2)
            ]
            for agency in rng.sample(people.agencies, 2):
                involved.append(through(notification=notification, organisation=agency))
            bm, chair = people.business_manager, people.chair
            if plan.verified_at is not None:
                facts, answer, ruleset, version = rng.choice(self.answers)
                assessment = CriteriaAssessment(
                    notification=notification,
                    ruleset=ruleset,
                    ruleset_version=version,
                    facts=facts,
                    answer=answer,
                    recommendation=answer["recommendation"],
                    assessed_at=plan.verified_at,
                    by=bm,
                )
                assessments.append(assessment)
                verifications.append(
                    VerificationDecision(
                        notification=notification,
                        outcome="verified_cpir",
                        engine_recommendation=answer["recommendation"],
                        assessment=assessment,
                        agrees=True,
                        by=bm,
                        at=plan.verified_at,
                    )
                )
            for index, asked, answered in plan.requests:
                requests.append(
                    InvolvementRequest(
                        notification=notification,
                        organisation=people.agencies[index],
                        requested_by=bm,
                        requested_at=asked,
                        due_at=asked + timedelta(days=14),
                        status="answered" if answered else "sent",
                    )
                )
                if answered is None and plan.recommended_at is not None:
                    requests[-1].status = "cancelled"
            if plan.recommended_at is not None:
                recommendations.append(
                    LisgRecommendation(
                        notification=notification,
                        review_type=plan.decision or "cpir",
                        methodology="silp",
                        rationale="Generated recommendation.",
                        meeting_date=plan.recommended_at.date(),
                        recorded_by=people.lisg[0],
                        recorded_at=plan.recommended_at,
                    )
                )
            if plan.decided_at is not None:
                decisions.append(
                    ChairDecision(
                        notification=notification,
                        decision=plan.decision,
                        rationale="Generated decision.",
                        decided_by=chair,
                        decided_at=plan.decided_at,
                    )
                )
                for body in ("ofsted", "national_panel"):
                    told.append(
                        ExternalNotification(
                            notification=notification,
                            body=body,
                            told_at=plan.decided_at + timedelta(days=1),
                            how="Secure e-mail",
                            recorded_by=bm,
                            recorded_at=plan.decided_at + timedelta(days=1),
                        )
                    )
            for version, step in enumerate(plan.steps, start=2):
                by = chair if step.transition.startswith("decide") else bm
                if step.transition in ("submit", "resubmit"):
                    by = notifier
                elif step.transition == "lisg_recommend":
                    by = people.lisg[0]
                changes.append(
                    StatusChange(
                        notification=notification,
                        transition=step.transition,
                        from_status=step.from_status,
                        to_status=step.to_status,
                        by=by,
                        at=step.at,
                        version=version,
                    )
                )
                timeline.append(
                    TimelineEntry(
                        notification=notification,
                        at=step.at,
                        by=by,
                        kind=f"transition.{step.transition}",
                        text=f"{step.from_status} to {step.to_status}".replace("_", " "),
                    )
                )
            for planned in plan.deadlines:
                state = DeadlineState.OPEN
                if planned.cancelled:
                    state = DeadlineState.CANCELLED
                elif planned.ended_at is not None:
                    met = planned.ended_at <= planned.due_at
                    state = DeadlineState.MET if met else DeadlineState.MISSED
                owner = people.agencies[planned.agency] if planned.agency is not None else None
                deadlines.append(
                    Deadline(
                        notification=notification,
                        board=people.board,
                        rule_code=planned.rule_code,
                        subject=f"agency:{owner.pk}" if owner is not None else "",
                        started_at=planned.started_at,
                        due_at=planned.due_at,
                        responsible_role=planned.owner_role,
                        responsible_organisation=owner,
                        state=state,
                        ended_at=planned.ended_at,
                    )
                )
        Child.objects.bulk_create(children)
        subjects: dict[int, int] = {}
        for child in children:
            subjects.setdefault(child.notification_id, child.pk)
        first_child = Child.objects.filter(notification=models.OuterRef("pk")).order_by("id")
        Notification.objects.filter(pk__in=subjects).update(
            subject_child=models.Subquery(first_child.values("id")[:1])
        )
        # The verification decisions name their assessment: those need their ids.
        CriteriaAssessment.objects.bulk_create(assessments, batch_size=2000)
        for model, batch in (
            (FamilyMember, family),
            (through, involved),
            (VerificationDecision, verifications),
            (InvolvementRequest, requests),
            (LisgRecommendation, recommendations),
            (ChairDecision, decisions),
            (ExternalNotification, told),
            (StatusChange, changes),
            (TimelineEntry, timeline),
            (Deadline, deadlines),
        ):
            bulk_insert(model, batch)


class _historic_timestamps:  # noqa: N801 - used as a context manager
    """Keep the generated `created_at` and `updated_at` rather than now."""

    def __enter__(self) -> None:
        self.fields = [Notification._meta.get_field(n) for n in ("created_at", "updated_at")]
        self.saved = [(f.auto_now, f.auto_now_add) for f in self.fields]  # type: ignore[union-attr]
        for f in self.fields:
            f.auto_now = f.auto_now_add = False  # type: ignore[union-attr]

    def __exit__(self, *exc: object) -> None:
        for f, (now, add) in zip(self.fields, self.saved, strict=True):
            f.auto_now, f.auto_now_add = now, add  # type: ignore[union-attr]


# -- the audit trail --------------------------------------------------------------------

# One event to write: (moment, case index, action, actor, detail); sorted by moment.
Event = tuple[datetime, int, str, User, dict[str, object]]


def bm_of(case: CaseRow) -> User:
    return case.board.business_manager


def case_events(rng: random.Random, index: int, case: CaseRow, until: datetime) -> list[Event]:
    """At least 20 events: writing the draft, every transition, the records made, and
    the reads of the people whose work the case is."""
    plan, people, notifier = case.plan, case.board, case.notifier
    events: list[Event] = [(plan.created_at, index, "notification.draft_start", notifier, {})]
    sent = plan.submitted_at or until
    for page in PAGES:
        moment = plan.created_at + (sent - plan.created_at) * rng.random()
        events.append((moment, index, "notification.draft_save", notifier, {"page": page}))
    events.append((plan.created_at, index, "notification.child_save", notifier, {"child": 0}))

    def read(person: User, after: datetime, days: float = 10) -> None:
        moment = after + timedelta(days=rng.uniform(0, days))
        if moment <= until:
            events.append((moment, index, "notification.read", person, {}))

    for step in plan.steps:
        by = people.business_manager
        if step.transition in ("submit", "resubmit"):
            by = notifier
        elif step.transition.startswith("decide"):
            by = people.chair
        elif step.transition == "lisg_recommend":
            by = people.lisg[0]
        detail: dict[str, object] = {"from": step.from_status, "to": step.to_status}
        events.append((step.at, index, f"notification.{step.transition}", by, detail))
        read(people.business_manager, step.at, 2)
    if plan.verified_at is not None:
        verification: dict[str, object] = {"outcome": "verified_cpir", "agrees": True}
        events.append(
            (
                plan.verified_at,
                index,
                "notification.verification",
                people.business_manager,
                verification,
            )
        )
        for (_, asked, _), agency in zip(plan.requests, case.request_agencies, strict=True):
            request: dict[str, object] = {"organisation": agency.pk, "working_days": 10}
            events.append(
                (asked, index, "involvement_request.send", people.business_manager, request)
            )
            read(people.leads[agency.pk], asked, 7)
        for member in people.lisg:
            read(member, plan.verified_at, 14)
    if plan.decided_at is not None:
        read(people.chair, plan.decided_at - timedelta(days=3), 3)
        for body in ("ofsted", "national_panel"):
            moment = plan.decided_at + timedelta(days=1)
            if moment <= until:
                events.append(
                    (moment, index, "external_notification.record", people.business_manager,
                     {"body": body})
                )  # fmt: skip
    while len(events) < 20:  # the notifier checks how their notification is going
        read(notifier, sent, 60)
        if sent + timedelta(days=60) > until:
            read(notifier, plan.created_at, 0)
    return events


def write_trail(
    cases: list[CaseRow], seed: int, until: datetime, report: Callable[[str], None]
) -> int:
    """Append every case's events to the chain, oldest first, under the chain's lock."""
    rng = random.Random(seed + 1)  # noqa: S311 - made-up data, not a secret
    events: list[Event] = []
    for index, case in enumerate(cases):
        events += case_events(rng, index, case, until)
    events.sort(key=lambda event: (event[0], event[1]))
    report(f"  {len(events):,} audit events to chain")
    with transaction.atomic():
        lock_for_append()
        sequence, previous = chain_head()
        rebuild = _drop_secondary_indexes()
        batch: list[SimpleNamespace] = []
        for at, index, action, actor, detail in events:
            case = cases[index]
            sequence += 1
            # The fields `chain.canonical` reads, without a model instance per event.
            event = SimpleNamespace(
                sequence=sequence,
                at=at,
                actor_id=actor.pk,
                actor_email=actor.email,
                actor_organisation=_organisation_name(case, actor),
                actor_roles=case.board.roles.get(actor.pk, ""),
                action=action,
                object_type="notifications.notification",
                object_id=str(case.notification_id),
                object_label=case.label,
                board_id=case.board.board.pk,
                outcome="success",
                request_id="",
                ip_address=None,
                detail=detail,
                previous_hash=previous,
            )
            event.hash = previous = event_hash(cast(AuditEvent, event))
            batch.append(event)
            if len(batch) == 5000:
                _insert_events(batch)
                batch = []
        _insert_events(batch)
        _rebuild_indexes(rebuild)
    return len(events)


def _drop_secondary_indexes() -> list[str]:
    """PostgreSQL: drop the audit table's non-unique indexes for the load, returning the
    statements that make them again. Building an index once over millions of rows is
    much cheaper than keeping it up to date row by row. The primary key and the unique
    `sequence` stay, so the load is still checked against them. In the load's own
    transaction: a failed load gives the indexes back with everything else."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT index.relname, pg_get_indexdef(index.oid) FROM pg_index "
            "JOIN pg_class index ON index.oid = pg_index.indexrelid "
            "WHERE pg_index.indrelid = %s::regclass "
            "AND NOT pg_index.indisprimary AND NOT pg_index.indisunique",
            [AuditEvent._meta.db_table],
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in found]


def _rebuild_indexes(definitions: list[str]) -> None:
    if not definitions:
        return
    with connection.cursor() as cursor:
        # The foreign keys are checked at commit; PostgreSQL will not build an index on
        # a table with checks still pending, so they run now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for definition in definitions:
            cursor.execute(definition)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


_ORGANISATION_NAMES: dict[int, str] = {}


def _organisation_name(case: CaseRow, actor: User) -> str:
    if actor.organisation_id not in _ORGANISATION_NAMES:
        for agency in case.board.agencies:
            _ORGANISATION_NAMES[agency.pk] = agency.name
    return _ORGANISATION_NAMES.get(actor.organisation_id, "")


COLUMNS = (
    "sequence", "at", "actor_id", "actor_email", "actor_organisation", "actor_roles", "action",
    "object_type", "object_id", "object_label", "board_id", "outcome", "request_id",
    "ip_address", "detail", "previous_hash", "hash",
)  # fmt: skip


def _insert_events(batch: list[SimpleNamespace]) -> None:
    """The model's own manager refuses bulk writes so that the service cannot bypass the
    chain; this writes the chain itself, so it inserts the rows directly."""
    rows = [[getattr(event, name) for name in COLUMNS] for event in batch]
    if connection.vendor != "postgresql":
        instances = [AuditEvent(**dict(zip(COLUMNS, row, strict=True))) for row in rows]
        plain: models.QuerySet[AuditEvent] = models.QuerySet(AuditEvent)
        plain.bulk_create(instances, batch_size=500)
        return
    detail = COLUMNS.index("detail")
    for row in rows:
        row[detail] = json.dumps(row[detail])
    _copy(AuditEvent._meta.db_table, COLUMNS, rows)


def _copy(table: str, columns: tuple[str, ...], rows: list[list[Any]]) -> None:
    with connection.cursor() as cursor:
        raw: Any = cursor.cursor
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def bulk_insert(model: type[models.Model], instances: list[Any]) -> None:
    """Insert rows whose ids nothing else needs: COPY on PostgreSQL (Django's bulk insert
    spends most of its time preparing values), `bulk_create` elsewhere."""
    if not instances:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create(instances, batch_size=2000)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    rows = []
    for instance in instances:
        row = []
        for f in fields:
            value = getattr(instance, f.attname)
            if isinstance(f, models.ForeignKey) and value is None and f.is_cached(instance):
                related = f.get_cached_value(instance)
                value = related.pk if related is not None else None
            elif isinstance(f, models.JSONField):
                value = json.dumps(value)
            row.append(value)
        rows.append(row)
    _copy(model._meta.db_table, tuple(cast(str, f.column) for f in fields), rows)

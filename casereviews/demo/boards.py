"""Demonstration data: two Berkshire boards, their partner agencies and one person per role.

Bracknell Forest runs the 2015 LSCB procedure; Windsor and Maidenhead has become a
safeguarding partnership, under Working Together 2023 for cases notified from 1 September
2024 (`casereviews.frameworks`), with two cases of its own.

Loaded by `manage.py load_demo_data` (and by `make run`). Idempotent: every row is found
by its natural key and brought to the state below, so loading twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereviews.accounts.models import User
from casereviews.boards.models import (
    Board,
    BoardFramework,
    BusinessManagerDeputy,
    Organisation,
    OrganisationType,
    Role,
    RoleGrant,
)
from casereviews.demo.communications import load_demo_communications_and_single_agency
from casereviews.demo.meetings import load_demo_lisg_meeting
from casereviews.demo.notifications import load_demo_notifications
from casereviews.demo.past_reviews import load_past_reviews
from casereviews.demo.reviews import load_demo_review
from casereviews.frameworks.vocabulary import Framework

# For demonstration only; `load_demo_data` refuses to run in production.
DEMO_PASSWORD = "demo-safeguarding-2026"  # noqa: S105
# Every demo person's authenticator app shares this key, so one app entry (or
# `manage.py demo_code <email>`) gives the second factor for all of them.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"  # the RFC 6238 test key
DEMO_TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # noqa: S105 - the same key in base 32
DEMO_DEVICE_NAME = "Demo authenticator"

T = OrganisationType
ORGANISATIONS: tuple[tuple[str, OrganisationType], ...] = (
    ("Thames Valley Police", T.POLICE),
    ("Berkshire Healthcare NHS Foundation Trust", T.HEALTH),
    ("Frimley Health NHS Foundation Trust", T.HEALTH),
    ("Royal Berkshire NHS Foundation Trust", T.HEALTH),
    ("Bracknell Forest Council Children's Social Care", T.CHILDRENS_SOCIAL_CARE),
    ("Bracknell Forest Council Education Services", T.EDUCATION),
    ("Bracknell Forest Youth Offending Service", T.YOUTH_OFFENDING),
    ("Achieving for Children (Windsor and Maidenhead)", T.CHILDRENS_SOCIAL_CARE),
    ("National Probation Service", T.PROBATION),
    ("CAFCASS", T.CAFCASS),
    ("NSPCC", T.VOLUNTARY_SECTOR),
    ("Bracknell Forest LSCB Business Unit", T.BOARD_BUSINESS_UNIT),
    ("Windsor and Maidenhead LSCB Business Unit", T.BOARD_BUSINESS_UNIT),
)

# Agencies with no lead registered but a secure address, where their requests go; the
# others without a lead (probation, CAFCASS, the NSPCC, the youth offending service...)
# cannot be told, so the Business Manager's page names them before asking.
SECURE_ADDRESSES = {
    "Frimley Health NHS Foundation Trust": "safeguarding.children@fhft.example.org",
    "Bracknell Forest Council Children's Social Care": (
        "csc.safeguarding@bracknell-forest.example.org"
    ),
}

SHARED_PARTNERS = (
    "Thames Valley Police",
    "Berkshire Healthcare NHS Foundation Trust",
    "Frimley Health NHS Foundation Trust",
    "Royal Berkshire NHS Foundation Trust",
    "National Probation Service",
    "CAFCASS",
    "NSPCC",
)
BOARDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "Bracknell Forest Local Safeguarding Children Board",
        "BF",
        "bf.lscb@bracknell-forest.example.org",
        (
            *SHARED_PARTNERS,
            "Bracknell Forest Council Children's Social Care",
            "Bracknell Forest Council Education Services",
            "Bracknell Forest Youth Offending Service",
            "Bracknell Forest LSCB Business Unit",
        ),
    ),
    (
        "Windsor and Maidenhead Safeguarding Partnership",
        "RBWM",
        "lscb@rbwm.example.org",
        (
            *SHARED_PARTNERS,
            "Achieving for Children (Windsor and Maidenhead)",
            "Windsor and Maidenhead LSCB Business Unit",
        ),
    ),
)


PARTNERSHIP_FROM = date(2024, 9, 1)


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    job_title: str
    organisation: str
    roles: tuple[tuple[str, Role], ...] = ()
    is_administrator: bool = False


PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(
        "notifier@demo.example.org",
        "Priya Shah",
        "Detective Sergeant, Child Abuse Investigation Unit",
        "Thames Valley Police",
        (("BF", Role.NOTIFIER), ("RBWM", Role.NOTIFIER)),
    ),
    DemoPerson(
        "agency.lead@demo.example.org",
        "Mark Ellison",
        "Detective Inspector, Safeguarding Lead Officer",
        "Thames Valley Police",
        (("BF", Role.AGENCY_LEAD), ("RBWM", Role.AGENCY_LEAD)),
    ),
    DemoPerson(
        "health.notifier@demo.example.org",
        "Ruth Okafor",
        "Named Nurse for Safeguarding Children",
        "Frimley Health NHS Foundation Trust",
        (("BF", Role.NOTIFIER),),
    ),
    DemoPerson(
        "business.manager@demo.example.org",
        "Alison Burnell",
        "LSCB Business Manager",
        "Bracknell Forest LSCB Business Unit",
        (("BF", Role.BUSINESS_MANAGER), ("RBWM", Role.BUSINESS_MANAGER)),
    ),
    DemoPerson(
        "lisg.member@demo.example.org",
        "Dr Tom Reid",
        "Designated Doctor for Safeguarding Children",
        "Berkshire Healthcare NHS Foundation Trust",
        (("BF", Role.LISG_MEMBER),),
    ),
    # A second LISG member, so that a conflict of interest leaves someone to recommend.
    DemoPerson(
        "lisg.member2@demo.example.org",
        "Helen Morris",
        "Head of Safeguarding, Children's Social Care",
        "Bracknell Forest Council Children's Social Care",
        (("BF", Role.LISG_MEMBER),),
    ),
    DemoPerson(
        "chair@demo.example.org",
        "Jane Whitfield",
        "Independent Chair",
        "Bracknell Forest LSCB Business Unit",
        (("BF", Role.INDEPENDENT_CHAIR), ("RBWM", Role.INDEPENDENT_CHAIR)),
    ),
    # The three statutory safeguarding partners' representatives: in Windsor
    # and Maidenhead they agree the partners' decision together.
    DemoPerson(
        "partner.la@demo.example.org",
        "Helen Carter",
        "Director of Children's Services",
        "Achieving for Children (Windsor and Maidenhead)",
        (("BF", Role.PARTNER_LOCAL_AUTHORITY), ("RBWM", Role.PARTNER_LOCAL_AUTHORITY)),
    ),
    DemoPerson(
        "partner.icb@demo.example.org",
        "Dr Amir Hussain",
        "Director of Nursing, integrated care board",
        "Berkshire Healthcare NHS Foundation Trust",
        (("BF", Role.PARTNER_ICB), ("RBWM", Role.PARTNER_ICB)),
    ),
    DemoPerson(
        "partner.police@demo.example.org",
        "Claire Dunn",
        "Detective Superintendent, Protecting Vulnerable People",
        "Thames Valley Police",
        (("BF", Role.PARTNER_POLICE), ("RBWM", Role.PARTNER_POLICE)),
    ),
    # The council's data protection officer answers subject access requests; they see
    # no case page.
    DemoPerson(
        "dpo@demo.example.org",
        "Ruth Okafor",
        "Data Protection Officer",
        "Bracknell Forest Council Children's Social Care",
        (("BF", Role.DATA_PROTECTION_OFFICER),),
    ),
    DemoPerson(
        "admin@demo.example.org",
        "Sam Patel",
        "Systems Administrator",
        "Bracknell Forest LSCB Business Unit",
        is_administrator=True,
    ),
)


@transaction.atomic
def load_demo_data() -> None:
    organisations = {}
    for name, organisation_type in ORGANISATIONS:
        organisations[name], _ = Organisation.objects.update_or_create(
            name=name,
            defaults={"type": organisation_type, "secure_email": SECURE_ADDRESSES.get(name, "")},
        )
    boards = {}
    for name, code, secure_email, partners in BOARDS:
        board, _ = Board.objects.update_or_create(
            code=code, defaults={"name": name, "secure_email": secure_email}
        )
        board.partners.set([organisations[partner] for partner in partners])
        boards[code] = board
    # Windsor and Maidenhead became a safeguarding partnership: cases notified from this
    # date follow Working Together 2023; earlier ones keep the 2015 procedure.
    BoardFramework.objects.get_or_create(
        board=boards["RBWM"],
        effective_from=PARTNERSHIP_FROM,
        defaults={"framework": Framework.WT_2023},
    )
    for person in PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = User(email=person.email)
            user.set_password(DEMO_PASSWORD)
        user.full_name = person.full_name
        user.job_title = person.job_title
        user.organisation = organisations[person.organisation]
        user.is_administrator = person.is_administrator
        user.is_active = True
        user.save()
        for code, role in person.roles:
            RoleGrant.objects.get_or_create(user=user, board=boards[code], role=role)
        TOTPDevice.objects.update_or_create(
            user=user,
            name=DEMO_DEVICE_NAME,
            defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
        )
    # Bracknell Forest names its LISG member as the Business Manager's deputy (the
    # procedure's footnote names a second contact); RBWM has no Business Manager, so the
    # administrators' pages warn of it.
    BusinessManagerDeputy.objects.get_or_create(
        board=boards["BF"],
        person=User.objects.get(email="lisg.member@demo.example.org"),
        defaults={"named_at": timezone.now()},
    )
    # Each board's library of earlier reviews, for "similar issues previously reviewed".
    load_past_reviews()
    # Two notifications waiting for the Business Manager's verification in Bracknell
    # Forest, and two partnership cases in Windsor and Maidenhead.
    load_demo_notifications()
    # A LISG meeting next week with a case on its agenda and its pack issued.
    load_demo_lisg_meeting()
    # A single-agency CPIR consultation, and a press statement waiting for the LISG.
    load_demo_communications_and_single_agency()
    # An SCR in progress: reviewers, terms of reference and actions, one of them overdue.
    load_demo_review()

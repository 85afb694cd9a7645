"""Safeguarding children boards, partner agencies and the roles people hold in boards."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from casereviews.frameworks.vocabulary import DEFAULT_FRAMEWORK, FRAMEWORK_CHOICES, Framework


class OrganisationType(models.TextChoices):
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", "Local authority children's social care"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    YOUTH_OFFENDING = "youth_offending", "Youth offending"
    CAFCASS = "cafcass", "CAFCASS"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    BOARD_BUSINESS_UNIT = "board_business_unit", "Board business unit"


class Organisation(models.Model):
    """A partner agency. One organisation may be a partner of several boards."""

    name = models.CharField(max_length=200, unique=True)
    type = models.CharField(max_length=40, choices=OrganisationType.choices)
    secure_email = models.EmailField(
        "secure e-mail address", blank=True, help_text="Where requests to the agency are sent."
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Board(models.Model):
    """A Local Safeguarding Children Board. Every case belongs to exactly one board."""

    name = models.CharField(max_length=200, unique=True)
    code = models.CharField(
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,6}$", "Enter 2 to 6 capital letters, like BF")],
        help_text="Used at the start of case references, like BF in BF-2026-0007.",
    )
    secure_email = models.EmailField("secure e-mail address", blank=True)
    partners = models.ManyToManyField(Organisation, related_name="boards", blank=True)
    # Local standard (DESIGN.md section 5; the procedure, A 4(i), says only "in advance of
    # the discussion"): agencies' returns are due this many working days before the LISG
    # meeting that considers the case.
    agency_return_days_before_meeting = models.PositiveSmallIntegerField(
        "working days before the LISG meeting that agencies' returns are due",
        default=5,
        help_text="A local standard: 5 unless the board agreed otherwise.",
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    def framework_on(self, on: date) -> Framework:
        """The framework in force in this board on `on`: the one with the latest start on
        or before it; the 2015 procedure before any is set."""
        period = self.frameworks.filter(effective_from__lte=on).order_by("-effective_from").first()
        return Framework(period.framework) if period else DEFAULT_FRAMEWORK


class BoardFramework(models.Model):
    """The statutory framework a board runs new cases under, from a date until the next
    one starts (a Local Safeguarding Children Board under Working Together 2015 becoming a
    safeguarding partnership under Working Together 2023). A case keeps the framework in
    force when it was submitted (`Notification.framework`)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="frameworks")
    framework = models.CharField(max_length=20, choices=FRAMEWORK_CHOICES)
    effective_from = models.DateField(help_text="Cases submitted on or after this date use it.")

    class Meta:
        ordering = ("board", "effective_from")
        constraints = [
            models.UniqueConstraint(
                fields=("board", "effective_from"), name="one_framework_per_board_and_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.board} from {self.effective_from}: {self.framework}"


class Role(models.TextChoices):
    """The roles a person holds in a board (DESIGN.md section 2)."""

    NOTIFIER = "notifier", "Notifier"
    AGENCY_LEAD = "agency_lead", "Agency lead"
    BUSINESS_MANAGER = "business_manager", "Business Manager"
    LISG_MEMBER = "lisg_member", "LISG member"
    INDEPENDENT_CHAIR = "independent_chair", "Independent Chair"
    # The council's data protection officer: answers subject access requests about the
    # board's cases (casereviews/subject_access), and sees no case otherwise.
    DATA_PROTECTION_OFFICER = "data_protection_officer", "Data protection officer"
    # A safeguarding partnership's three statutory safeguarding partners (Children Act 2004
    # s16E; Working Together 2023, chapter 2): each agrees the partners' decision on a case
    # through its named representative, a person of that organisation; more than one holder
    # of the role are the representative and deputies (`casereviews.workflow.partners`).
    PARTNER_LOCAL_AUTHORITY = "partner_local_authority", "Safeguarding partner: local authority"
    PARTNER_ICB = "partner_icb", "Safeguarding partner: integrated care board"
    PARTNER_POLICE = "partner_police", "Safeguarding partner: chief officer of police"


class RoleGrant(models.Model):
    """A person holds a role in a board."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=30, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ("board__name", "role")
        constraints = [
            models.UniqueConstraint(fields=("user", "board", "role"), name="one_grant_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.board}"


class BusinessManagerDeputy(models.Model):
    """A person the board names to stand in for its Business Manager: while a Business
    Manager is absent, what is sent to the Business Manager goes to the deputies as well
    (the procedure's footnote names a second contact "where the LSCB Business Manager is
    unavailable"). `casereviews.boards.contacts` addresses both."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="bm_deputies")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    named_at = models.DateTimeField()

    class Meta:
        ordering = ("board", "named_at", "id")
        constraints = [
            models.UniqueConstraint(fields=("board", "person"), name="one_deputy_naming")
        ]

    def __str__(self) -> str:
        return f"Deputy Business Manager {self.person_id} of {self.board}"


class BusinessManagerAbsence(models.Model):
    """A Business Manager away from one date to another (both included)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="bm_absences")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("board", "-starts_on", "id")
        indexes = [models.Index(fields=("board", "ends_on"), name="bm_absence_board_ends")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="bm_absence_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"Business Manager {self.person_id} absent from {self.starts_on}"

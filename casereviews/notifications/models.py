"""A notification is the case: it starts as a CRNF A and carries the case to its close."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower, Trim
from django.utils import timezone

from casereviews.frameworks.vocabulary import (
    DEFAULT_FRAMEWORK,
    FRAMEWORK_CHOICES,
    Framework,
    framework_of,
)


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED_FOR_INFORMATION = "returned_for_information", "Returned for information"
    WITHDRAWN = "withdrawn", "Withdrawn"
    UNDER_CONSIDERATION = "under_consideration", "Under consideration"
    LISG_RECOMMENDED = "lisg_recommended", "LISG recommended"
    SCR_COMMISSIONED = "scr_commissioned", "SCR commissioned"
    CPIR_COMMISSIONED = "cpir_commissioned", "CPIR commissioned"
    OTHER_REVIEW_COMMISSIONED = "other_review_commissioned", "Other review or audit commissioned"
    NO_REVIEW = "no_review", "No review"
    REVIEW_IN_PROGRESS = "review_in_progress", "Review in progress"
    REPORT = "report", "Report"
    PUBLISHED = "published", "Published"
    # A CPIR, another review or audit (or an SCR the Chair agreed not to publish): its
    # learning was disseminated instead of a report being published.
    LEARNING_DISSEMINATED = "learning_disseminated", "Learning disseminated"
    ACTIONS_MONITORED = "actions_monitored", "Actions monitored"
    CLOSED = "closed", "Closed"
    # Procedure B 1(i): the agency's LSCB Representative and the Business Manager agreed
    # that the case is a single-agency CPIR. The agency runs the review; the board
    # records its outcome and learning, without the LISG and the Chair.
    SINGLE_AGENCY_CPIR = "single_agency_cpir", "Single-agency CPIR"
    # Working Together 2023 (framework wt-2023, `casereviews.workflow.wt_2023`): the local
    # authority has notified the Child Safeguarding Practice Review Panel and the
    # safeguarding partners' rapid review is under way.
    RAPID_REVIEW = "rapid_review", "Rapid review"
    # wt-2023: the rapid review has been sent to the Panel; the partners' decision is due.
    RAPID_REVIEW_SENT = "rapid_review_sent", "Rapid review sent to the Panel"
    # wt-2023: the partners decided on a local child safeguarding practice review; it then
    # follows the same review, report, publication and actions as an SCR.
    LCSPR_COMMISSIONED = "lcspr_commissioned", "LCSPR commissioned"
    # wt-2023: the Business Manager judged the incident not notifiable to the Panel; the
    # safeguarding partners decide on another form of learning review or none.
    NOT_NOTIFIABLE = "not_notifiable", "Not notifiable to the Panel"


# Named sets of states, defined once here beside `Status` and used by every app.
S = Status
# The Independent Chair commissioned a review, which is still to start.
COMMISSIONED = frozenset({S.SCR_COMMISSIONED, S.CPIR_COMMISSIONED, S.OTHER_REVIEW_COMMISSIONED})
# The Independent Chair has decided, and nothing has happened since.
DECIDED = COMMISSIONED | {S.NO_REVIEW}
# The Chair has decided and the case is not yet closed: who was told of the decision
# (Ofsted, the National Panel) can be recorded.
DECIDED_OR_LATER = DECIDED | {
    S.REVIEW_IN_PROGRESS,
    S.REPORT,
    S.PUBLISHED,
    S.LEARNING_DISSEMINATED,
    S.ACTIONS_MONITORED,
}
# A review is commissioned and not yet finished with: its records are kept (reviewers,
# terms of reference, reports, actions). A partnership's LCSPR keeps the same records.
UNDER_REVIEW = COMMISSIONED | {
    S.LCSPR_COMMISSIONED,
    S.REVIEW_IN_PROGRESS,
    S.REPORT,
    S.PUBLISHED,
    S.LEARNING_DISSEMINATED,
    S.ACTIONS_MONITORED,
}
# A CPIR at any stage before it closes: it can be escalated to an SCR (Procedure C 1:
# "cases that are initially subject to a CPIR are escalated and managed within the SCR
# process").
CPIR_ESCALATABLE = UNDER_REVIEW - {
    S.SCR_COMMISSIONED,
    S.OTHER_REVIEW_COMMISSIONED,
    S.LCSPR_COMMISSIONED,
}
# Before the LISG: verified and waiting for, or given, its recommendation.
BEFORE_THE_LISG = frozenset({S.UNDER_CONSIDERATION, S.LISG_RECOMMENDED})
# The partner agencies are asked for information while the case is considered: under
# consideration (Procedure A 4(i)) or, for a safeguarding partnership, in its rapid review
# (Working Together 2023, chapter 5) ...
ASKING_AGENCIES = frozenset({S.UNDER_CONSIDERATION, S.RAPID_REVIEW})
# ... and an agency asked may answer until the decision is made.
OPEN_FOR_ANSWERS = BEFORE_THE_LISG | {S.RAPID_REVIEW, S.RAPID_REVIEW_SENT}
# The notifier's to edit: a draft, or a notification the board returned for information.
EDITABLE_BY_NOTIFIER = frozenset({S.DRAFT, S.RETURNED_FOR_INFORMATION})
# Not an open case: never submitted, or finished with (closed or withdrawn).
NOT_OPEN = frozenset({S.DRAFT, S.CLOSED, S.WITHDRAWN})
OPEN = frozenset(Status) - NOT_OPEN
# wt-2023: the safeguarding partners commissioned a review (an LCSPR or another form of
# learning review), which is still to start.
PARTNERS_COMMISSIONED = frozenset({S.LCSPR_COMMISSIONED, S.OTHER_REVIEW_COMMISSIONED})
del S


class ReviewSought(models.TextChoices):
    """What a notifier asks the board or partnership to consider: every framework's
    choices. Which a case may choose is its framework's (`Vocabulary.review_sought`)."""

    # The 2015 LSCB procedure's.
    SCR = "scr", "Serious Case Review (SCR) consideration"
    INTER_AGENCY_CPIR = "inter_agency_cpir", "Inter-agency Child Protection Incident Review"
    SINGLE_AGENCY_CPIR = "single_agency_cpir", "Single-agency CPIR consultation"
    GOOD_PRACTICE = "good_practice", "Good practice review"
    # Working Together 2023's (chapter 5).
    SERIOUS_INCIDENT = (
        "serious_incident",
        "A rapid review of a serious incident (the child died or was seriously harmed, and "
        "abuse or neglect is known or suspected)",
    )
    OTHER_LEARNING_REVIEW = (
        "other_learning_review",
        "Learning from a case that may not meet those criteria (another form of learning review)",
    )


class ConsultedWith(models.TextChoices):
    AGENCY_LEAD = "agency_lead", "My agency's safeguarding lead"
    BUSINESS_MANAGER = "business_manager", "The Business Manager"
    BOTH = "both", "Both"
    NONE = "none", "I have not consulted anyone"


class Notification(models.Model):
    """A Case Review Notification Form (CRNF A) and the case it starts.

    States (`Status`), in the order of the procedure:
    - draft: being written by its notifier; only they can see it.
    - submitted: sent to the board; the Business Manager verifies it against the criteria.
    - returned_for_information: the Business Manager asked the notifier for more.
    - withdrawn: withdrawn by the board, with a reason.
    - under_consideration: verified; agencies are asked for involvement and chronologies.
    - lisg_recommended: the LISG has recommended a type of review, or none.
    - scr_commissioned / cpir_commissioned / other_review_commissioned / no_review: the
      Independent Chair's decision.
    - review_in_progress, report, published: the review and its report.
    - actions_monitored: the review's actions are being followed through.
    - closed: nothing more to do.
    - single_agency_cpir: the agency and the Business Manager agreed it is a single-agency
      CPIR (B 1(i)); the agency reviews, the board records the outcome and closes it, or
      escalates it back to under_consideration for the LISG and the Chair.
    A CPIR may be escalated to an SCR at any stage before it closes (`CPIR_ESCALATABLE`
    to scr_commissioned), and the Business Manager may reopen a closed or withdrawn case
    (back to under_consideration), with a reason. The transitions are the table in
    `casereviews.workflow.transitions`.
    """

    board = models.ForeignKey(
        "boards.Board", on_delete=models.PROTECT, related_name="notifications"
    )
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    status = models.CharField(max_length=40, choices=Status.choices, default=Status.DRAFT)
    # Optimistic versioning: every change increments it, and a change made from a page
    # showing an older version is refused (select_for_update does nothing on SQLite).
    version = models.PositiveIntegerField(default=1)
    # The statutory framework the case is judged, named and timed by: the board's
    # framework in force when it was first submitted (a draft carries the one in force
    # when it was started), kept for the case's whole life (docs/adr/0016-frameworks.md).
    framework = models.CharField(
        max_length=20, choices=FRAMEWORK_CHOICES, default=DEFAULT_FRAMEWORK
    )
    notifier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    organisation = models.ForeignKey(
        "boards.Organisation", on_delete=models.PROTECT, related_name="notifications"
    )
    review_sought = models.CharField(max_length=30, choices=ReviewSought.choices, blank=True)
    # The facts of DESIGN.md section 4 by their exact names, kept up to date by the form;
    # the criteria engine reads them (`casereviews.criteria.parse_facts`).
    criteria_facts = models.JSONField(default=dict, blank=True)
    # The CRNF A, as the notifier answered it.
    notifier_name = models.CharField(max_length=200, blank=True)
    notifier_job_title = models.CharField(max_length=200, blank=True)
    notifier_telephone = models.CharField(max_length=40, blank=True)
    consulted_with = models.CharField(max_length=20, choices=ConsultedWith.choices, blank=True)
    not_consulted_reason = models.TextField(blank=True)
    # The 24-hour clock for an inter-agency CPIR request starts here (Section B 1 ii).
    consulted_at = models.DateTimeField(null=True, blank=True)
    incident_date = models.DateField(null=True, blank=True)
    # Under Working Together 2023 the Panel is told within 5 working days of the local
    # authority becoming aware of the incident (Children Act 2004 s16C): that clock starts
    # here when the day is known, otherwise at submission (docs/deadlines.md).
    local_authority_aware_on = models.DateField(null=True, blank=True)
    incident_place = models.TextField(blank=True)
    incident_with_whom = models.TextField(blank=True)
    what_happened = models.TextField(blank=True)
    # The child who died or was most seriously harmed: the criteria facts describe them.
    subject_child = models.ForeignKey(
        "notifications.Child", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agencies = models.ManyToManyField(
        "boards.Organisation", blank=True, related_name="notifications_involved_in"
    )
    other_agencies = models.TextField(blank=True)
    parallel_process_details = models.TextField(blank=True)
    # Which pages of the form have been answered, so a draft resumes where it stopped.
    answered_pages = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # For an inter-agency CPIR request: due within 24 hours of the consultation. A late
    # one is accepted and its lateness kept.
    submission_due_at = models.DateTimeField(null=True, blank=True)
    submitted_on_time = models.BooleanField(null=True, blank=True)
    # Open notifications of the board for a child with the same name and date of birth,
    # found at submission; shown to the Business Manager only.
    possible_duplicates = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="+"
    )
    # Sent through the API: the client's own reference or its Idempotency-Key, so a
    # retried request finds the notification it already made.
    client_reference = models.CharField(max_length=100, blank=True)
    # Brought in from the board's own records rather than notified here
    # (`casereviews.imports`, docs/adr/0033): every page that shows the case says so.
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-submitted_at", "-created_at")
        # Each list of cases reads one range of one of these, in its order
        # (`casereviews.notifications.selectors`): a deep page costs what the first does.
        indexes = [
            models.Index(
                fields=("board", "-submitted_at", "-id"),
                condition=~models.Q(status="draft"),
                name="notification_board_newest",
            ),
            models.Index(
                fields=("board", "status", "-submitted_at", "-id"),
                name="notification_status_newest",
            ),
            models.Index(
                fields=("notifier", "-created_at", "-id"), name="notification_mine_newest"
            ),
            # An agency lead's home page: their organisation's open cases in the board.
            models.Index(
                fields=("board", "organisation", "-submitted_at", "-id"),
                condition=~models.Q(status="draft") & ~models.Q(status="closed"),
                name="notification_org_open_newest",
            ),
            # A board's cases joined to their decisions for the dashboards' counts
            # (`casereviews.learning.figures`), read from the index alone.
            models.Index(
                fields=("board", "id"), include=("submitted_at",), name="notification_of_board"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=("notifier", "client_reference"),
                condition=~models.Q(client_reference=""),
                name="one_notification_per_client_reference",
            )
        ]

    def __str__(self) -> str:
        return self.reference or f"Draft {self.pk}"

    # A draft's framework in force and the day it was read for (`framework_in_force`).
    _in_force: tuple[date, Framework] | None = None

    def framework_in_force(self) -> Framework:
        """The framework the case follows: its own once submitted; a draft takes the one
        its board has in force today, and keeps it from its first submission for its whole
        life (`workflow.services.notification_transition` stores it then).

        A draft's answer is kept on this instance for the rest of the day, so a submission
        (its pages checked, then the transition) asks the board once."""
        if self.status != Status.DRAFT:
            return framework_of(self.framework)
        today = timezone.localdate()
        if self._in_force is None or self._in_force[0] != today:
            self.framework_in_force_is(self.board.framework_on(today), on=today)
        assert self._in_force is not None
        return self._in_force[1]

    def framework_in_force_is(self, framework: Framework, *, on: date) -> None:
        """Keep the framework the board has in force on `on`, read by the caller."""
        self._in_force = (on, framework)


class ChildProtectionPlan(models.TextChoices):
    NOW = "now", "Yes, now"
    BEFORE = "before", "Yes, in the past"
    NEVER = "never", "No, never"
    UNKNOWN = "unknown", "Not known"


class LookedAfter(models.TextChoices):
    NOW = "now", "Yes, looked after now"
    BEFORE = "before", "Previously looked after"
    NEVER = "never", "No"
    UNKNOWN = "unknown", "Not known"


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNKNOWN = "unknown", "Not known"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    UNKNOWN = "unknown", "Not known"


class Child(models.Model):
    """A child the notification is about. Never named in a URL, e-mail or log line."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="children"
    )
    full_name = models.CharField(max_length=200)
    other_names = models.CharField(max_length=200, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    # Only when the date of birth is not known: the age at the incident.
    age_at_incident = models.PositiveSmallIntegerField(null=True, blank=True)
    sex = models.CharField(max_length=10, choices=Sex.choices)
    ethnicity = models.CharField(max_length=100, blank=True)
    address = models.TextField(blank=True)
    local_authority = models.CharField("local authority of residence", max_length=100, blank=True)
    child_protection_plan = models.CharField(max_length=10, choices=ChildProtectionPlan.choices)
    looked_after = models.CharField(max_length=10, choices=LookedAfter.choices)
    open_to_social_care = models.CharField(max_length=10, choices=YesNoUnknown.choices)
    date_of_death = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("id",)
        verbose_name_plural = "children"
        indexes = [
            models.Index(fields=("date_of_birth",)),
            # A search by the child's name compares names ignoring case and surrounding
            # spaces (`casereviews.learning.selectors.case_search`).
            models.Index(Lower(Trim("full_name")), "notification", name="child_name_key"),
        ]

    def __str__(self) -> str:
        return f"Child {self.pk}"


class FamilyMember(models.Model):
    """A family member or significant other of the child."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="family_members"
    )
    full_name = models.CharField(max_length=200)
    relationship = models.CharField("relationship to the child", max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    address = models.TextField(blank=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"Family member {self.pk}"


class ReferenceCounter(models.Model):
    """The last reference number given in a board in a year (BF-2026-0007 → 7). Made or
    incremented by one INSERT … ON CONFLICT DO UPDATE … RETURNING inside the submitting
    transaction (`submission.services.reference_next`), so two submissions can never take
    the same number."""

    board = models.ForeignKey("boards.Board", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("board", "year"), name="one_counter_per_board_year")
        ]

    def __str__(self) -> str:
        return f"{self.board_id} {self.year}: {self.last}"


class Attachment(models.Model):
    """A document sent with the notification (PDF, Word, JPG or PNG).

    Stored under `settings.MEDIA_ROOT` by a random name (`stored_name`), never by the
    name it came with, and never served by URL: only the permission-checked, audited
    download view reads it. `original_name` is sanitised and kept for display."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="attachments"
    )
    original_name = models.CharField(max_length=200)
    stored_name = models.CharField(max_length=64, unique=True)
    # The file's SHA-256 when it was uploaded: the backup and `verify_documents` check
    # the stored file against it (docs/adr/0024-backup-and-restore.md).
    sha256 = models.CharField(max_length=64, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"Attachment {self.pk}"

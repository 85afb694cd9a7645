"""Parallel processes (Procedure A 5): other reviews and proceedings running beside the
case, the liaison with them, the LISG's agreement on which procedure is most
appropriate, and each agency's notification of the case to its own regulator."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ProcessKind(models.TextChoices):
    DOMESTIC_HOMICIDE_REVIEW = "dhr", "Domestic Homicide Review (DHR)"
    SAFEGUARDING_ADULTS_REVIEW = "sar", "Safeguarding Adults Review (SAR)"
    MAPPA_REVIEW = "mappa", "MAPPA serious case review"
    POLICE_INVESTIGATION = "police_investigation", "Police investigation"
    CRIMINAL_PROCEEDINGS = "criminal_proceedings", "Criminal proceedings"
    CORONERS_INQUEST = "coroner_inquest", "Coroner's inquest"
    CHILD_DEATH_REVIEW = "child_death_review", "Child death review"


class ProcessStatus(models.TextChoices):
    EXPECTED = "expected", "Expected"
    UNDER_WAY = "under_way", "Under way"
    CONCLUDED = "concluded", "Concluded"
    NOT_PROCEEDING = "not_proceeding", "Not proceeding"


# The notifier's answers (CRNF A, "Other processes under way") and the process each names.
SEEDED_FROM_FACTS = {
    "criminal_proceedings": ProcessKind.CRIMINAL_PROCEEDINGS,
    "coroner_inquest": ProcessKind.CORONERS_INQUEST,
    "domestic_homicide": ProcessKind.DOMESTIC_HOMICIDE_REVIEW,
    "adult_at_risk": ProcessKind.SAFEGUARDING_ADULTS_REVIEW,
    "mappa_offender": ProcessKind.MAPPA_REVIEW,
}


class ParallelProcess(models.Model):
    """One process running beside the case. "Liaison must take place with the relevant
    agencies" (A 5(ii)): its log is `ParallelProcessLiaison`."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="parallel_processes"
    )
    kind = models.CharField(max_length=30, choices=ProcessKind.choices)
    status = models.CharField(max_length=20, choices=ProcessStatus.choices, default="expected")
    lead_contact = models.CharField(max_length=300, blank=True)
    # A 5(ii): "careful consideration should be given to the legal guidance by The Crown
    # Prosecution Service (CPS) for SCRs".
    cps_guidance_considered = models.BooleanField(default=False)
    affects_family_contact = models.BooleanField(default=False)
    affects_publication = models.BooleanField(default=False)
    from_notification = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ("notification", "kind", "id")

    def __str__(self) -> str:
        return self.get_kind_display()


class ParallelProcessLiaison(models.Model):
    process = models.ForeignKey(ParallelProcess, on_delete=models.PROTECT, related_name="liaison")
    on = models.DateField()
    with_whom = models.CharField(max_length=300)
    note = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("on", "id")

    def __str__(self) -> str:
        return f"Liaison {self.pk}"


class ProcedureChoice(models.TextChoices):
    SCR = "scr", "An SCR"
    SCR_ALONGSIDE_DHR = "scr_alongside_dhr", "An SCR alongside a DHR"
    CPIR = "cpir", "A CPIR"
    DHR = "dhr", "A DHR instead"
    SAR = "sar", "A Safeguarding Adults Review instead"
    MAPPA = "mappa", "A MAPPA serious case review instead"


class ProcedureAgreement(models.Model):
    """The LISG agrees which procedure is most appropriate (A 5(i)); the latest counts."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="+"
    )
    procedure = models.CharField(max_length=30, choices=ProcedureChoice.choices)
    reasoning = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("recorded_at", "id")

    def __str__(self) -> str:
        return self.get_procedure_display()


class RegulatorNotification(models.Model):
    """An agency told its own regulator of the case (A 5(iii))."""

    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "boards.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    regulator = models.CharField(max_length=200)
    notified_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("notified_on", "id")

    def __str__(self) -> str:
        return f"{self.regulator} told"

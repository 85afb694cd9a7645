"""A board's existing cases brought in from its own records (docs/adr/0033): each run of
the import, and each case it made, keyed by the board's own reference."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class CaseImport(models.Model):
    """One import of a sheet: who ran it, when, the file, and what it did."""

    board = models.ForeignKey("boards.Board", on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    file_name = models.CharField(max_length=200)
    # The file's SHA-256, so the run can be matched to the sheet the board keeps.
    sha256 = models.CharField(max_length=64)
    cases_created = models.PositiveIntegerField()
    cases_unchanged = models.PositiveIntegerField()

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"Import {self.pk}"


class ImportedCase(models.Model):
    """A case made by an import. `digest` is the SHA-256 of everything its rows said, so
    importing the same rows again changes nothing and other rows are refused."""

    notification = models.OneToOneField(
        "notifications.Notification", on_delete=models.PROTECT, related_name="imported_from"
    )
    case_import = models.ForeignKey(CaseImport, on_delete=models.PROTECT, related_name="cases")
    # The sheet's row of the case, for finding it again in the board's file.
    row = models.PositiveIntegerField()
    digest = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"Imported case {self.pk}"

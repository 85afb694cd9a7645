"""One base for a record of a procedure step: who recorded it and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Recorded(models.Model):
    """Who recorded the step and when (the time it was recorded, not the day it says the
    step happened, which the record names itself)."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        abstract = True

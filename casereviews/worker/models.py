from __future__ import annotations

from django.db import models


class Heartbeat(models.Model):
    """The last time each worker process finished a cycle; shown to administrators."""

    worker = models.CharField(max_length=200, unique=True)
    beat_at = models.DateTimeField()
    cycles = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ("-beat_at",)

    def __str__(self) -> str:
        return f"{self.worker} at {self.beat_at:%Y-%m-%d %H:%M:%S}"

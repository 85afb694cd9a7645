"""The worker's part in anchoring the audit trail: a checkpoint every
`AUDIT_ANCHOR_INTERVAL_SECONDS` (casereviews/audit/anchor.py)."""

from __future__ import annotations

import logging

from casereviews.audit.anchor import AnchorError, checkpoint_due, checkpoint_write
from casereviews.worker.jobs import register_job

logger = logging.getLogger("casereviews.audit.anchor")


@register_job("checkpoint_audit_trail")
def checkpoint_audit_trail() -> int:
    if not checkpoint_due():
        return 0
    try:
        written = checkpoint_write()
    except AnchorError as error:
        # Never checkpoint over a damaged trail: say so every cycle until someone looks.
        logger.error("Audit trail does not match its checkpoints: %s", error)
        return 0
    return 1 if written is not None else 0

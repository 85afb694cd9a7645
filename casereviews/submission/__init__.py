"""Sending a CRNF A to the board: a layer above the workflow.

`casereviews.notifications` (the draft, its pages and rows) is below the workflow, which
reads its models; sending changes the case's state through the workflow, so it lives
here, and imports point one way: submission -> workflow -> notifications."""

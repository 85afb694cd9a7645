"""The guard that reads the agencies' answers, registered with the workflow's transition
table. Imported by `InvolvementConfig.ready()`."""

from __future__ import annotations

from casereviews.involvement.codes import Code
from casereviews.involvement.selectors import lisg_may_go_ahead
from casereviews.workflow.guards import register_guard

# Procedure A 4(i) and (vi): the LISG considers the information the agencies submitted.
register_guard(
    "lisg_recommend",
    code=Code.AGENCIES_NOT_ANSWERED,
    message="Every agency asked must answer before the LISG makes its recommendation, unless "
    "the Business Manager records why the LISG should go ahead without them",
)(lisg_may_go_ahead)

# wt-2023: the partners' rapid review gathers the agencies' information (Working Together
# 2023, chapter 5) before its record goes to the Panel.
register_guard(
    "send_rapid_review",
    code=Code.AGENCIES_NOT_ANSWERED,
    message="Every agency asked must answer before the rapid review is sent to the Panel, "
    "unless the Business Manager records why the rapid review should go ahead without them",
)(lisg_may_go_ahead)

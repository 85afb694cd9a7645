"""One permission policy for pages, the API and templates.

Every "may this user do this?" and every "which of these may this user see?" is answered
here, so the check and the scoped list cannot disagree (the approach of Wagtail's
permission policies). Deny by default: an action nobody is granted is refused, and a view
that names no action is refused at start-up by the URL walk test.

- `may(user, action, board=…)` answers board-level actions (start a notification, see the
  audit trail of a board).
- `may(user, action, obj)` answers object actions by asking whether the object is in
  `scope(user, action)`; the two share one definition per object type.
- `get_in_scope_or_404` fetches an object for a view: a case that exists but may not be
  seen answers exactly like one that does not exist.
- Answers about one object are remembered for the rest of a request until anything is
  written (`PolicyAnswersMiddleware`, docs/adr/0018-per-request-answers-and-session-writes.md);
  `answer_together` answers the questions a page will ask about one object in one query.
"""

from casereviews.policy.core import (
    PUBLIC,
    SIGNED_IN,
    Action,
    Permission,
    answer_together,
    board_roles,
    boards_for,
    boards_where,
    get_in_scope_or_404,
    in_rule,
    may,
    register_scope,
    scope,
)

__all__ = [
    "PUBLIC",
    "SIGNED_IN",
    "Action",
    "Permission",
    "answer_together",
    "board_roles",
    "boards_for",
    "boards_where",
    "get_in_scope_or_404",
    "in_rule",
    "may",
    "register_scope",
    "scope",
]

"""How a signed-in person is read on each request."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from casereviews.accounts.models import User


class SignedInBackend(ModelBackend):
    """Django's own backend, reading the person's organisation with them: every page's
    header and every audit event names it, which otherwise cost every signed-in page a
    query of its own. A session records the backend that signed its person in, so the
    sessions open when this replaced Django's `ModelBackend` had to sign in again."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            user = User._default_manager.select_related("organisation").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

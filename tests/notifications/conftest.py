from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _a_fixed_now(time_machine) -> None:
    """The form's dates are judged against today: keep today fixed (after INCIDENT)."""
    time_machine.move_to("2026-11-25 12:00:00+00:00", tick=False)

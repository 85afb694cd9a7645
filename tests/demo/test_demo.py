"""Demo people sign in with a second factor in `make run`; never in production."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereviews.demo.boards import DEMO_PASSWORD, DEMO_TOTP_SECRET
from tests.accounts.conftest import CODE, give_password
from tests.config.test_configuration import manage, production_env
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_demo_person_signs_in_with_the_printed_code(client: Client) -> None:
    """load_demo_data prints the shared key; demo_code prints the code that works now."""
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert DEMO_TOTP_SECRET in out.getvalue()
    assert "demo_code" in out.getvalue()
    code_out = StringIO()
    call_command("demo_code", "business.manager@demo.example.org", stdout=code_out)
    code = code_out.getvalue().strip()
    assert len(code) == 6
    assert code.isdigit()
    assert (
        give_password(client, "business.manager@demo.example.org", DEMO_PASSWORD)["Location"]
        == CODE
    )
    assert client.post(CODE, {"code": code})["Location"] == "/"
    # Loading again changes nothing.
    call_command("load_demo_data", stdout=StringIO())
    assert TOTPDevice.objects.filter(user__email="business.manager@demo.example.org").count() == 1


def test_demo_code_gives_no_code_for_a_real_person() -> None:
    """Only the demo device with the published key: a real person's app stays secret."""
    person = UserFactory.create()
    TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)
    with pytest.raises(CommandError, match="is not a demo person"):
        call_command("demo_code", person.email, stdout=StringIO())


@pytest.mark.slow
def test_demo_code_refuses_in_production(tmp_path: Path) -> None:
    """In production the command prints no code and fails."""
    result = manage("demo_code", "business.manager@demo.example.org", env=production_env(tmp_path))
    assert result.returncode != 0
    assert "never available in production" in result.stderr
    assert result.stdout == ""

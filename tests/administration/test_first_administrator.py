"""A new installation's way in: `create_administrator` makes the person and their
organisation and prints a one-time link; the person sets their own password and second
factor. `createsuperuser` says to use it."""

from __future__ import annotations

import json
import os
import re
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import resolve

from casereviews.accounts.models import User
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Organisation
from tests.config.test_configuration import manage, production_env

EMAIL = "first.admin@bracknell-forest.example.org"
ORGANISATION = "Bracknell Forest LSCB Business Unit"


def _create(**extra: str) -> str:
    out = StringIO()
    call_command(
        "create_administrator",
        "--email",
        EMAIL,
        "--organisation",
        ORGANISATION,
        "--name",
        "Sam Patel",
        *[part for option in extra.items() for part in option],
        stdout=out,
    )
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_creates_the_administrator_and_their_organisation_and_prints_a_link():
    printed = _create()
    person = User.objects.get(email=EMAIL)
    assert person.is_administrator
    assert person.organisation.name == ORGANISATION
    assert not person.has_usable_password()  # set by the person, never on the command line
    assert not person.role_grants.exists()
    (link,) = re.findall(r"https?://\S+", printed)
    assert resolve(urlsplit(link).path).url_name == "password-reset-confirm"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"organisation.create", "user.create"} <= actions


@pytest.mark.django_db
def test_the_command_refuses_an_address_already_used_and_changes_nothing():
    _create()
    with pytest.raises(CommandError, match="already uses the email address"):
        _create()
    assert User.objects.filter(email=EMAIL).count() == 1
    assert Organisation.objects.filter(name=ORGANISATION).count() == 1


@pytest.mark.django_db
def test_an_existing_organisation_is_used_not_duplicated():
    Organisation.objects.create(name=ORGANISATION, type="board_business_unit")
    _create()
    assert Organisation.objects.filter(name=ORGANISATION).count() == 1
    assert not AuditEvent.objects.filter(action="organisation.create").exists()


def test_createsuperuser_says_to_use_create_administrator():
    with pytest.raises(CommandError, match="create_administrator --email"):
        call_command("createsuperuser", "--noinput", "--email", EMAIL)


# What the first administrator does in a browser, in the production settings' own
# process: the printed link, a password, an authenticator app, then a board, an
# organisation, a person and a role. Every request goes over HTTPS to the real host name.
JOURNEY = """
import json
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from casereviews.accounts.models import User
from casereviews.audit.models import AuditEvent
from casereviews.boards.models import Board, Organisation, RoleGrant

LINK, EMAIL, PASSWORD = {link!r}, {email!r}, "a-long-board-passphrase-2026"
client = Client(HTTP_HOST="case-reviews.example.org")
seen = {{}}

def get(path):
    return client.get(path, secure=True)

def post(path, data):
    response = client.post(path, data, secure=True)
    return response.status_code, response.get("Location", "")

opened = get(LINK.removeprefix("https://case-reviews.example.org"))
seen["link"] = opened.status_code
form_path = opened["Location"]
seen["password_page"] = get(form_path).status_code
seen["password_set"] = post(form_path, {{"new_password1": PASSWORD, "new_password2": PASSWORD}})
again = get(LINK.removeprefix("https://case-reviews.example.org"))
again = client.get(again["Location"], secure=True) if again.status_code == 302 else again
seen["link_again"] = "The link has expired" in again.content.decode()
seen["signed_in"] = post("/account/sign-in", {{"username": EMAIL, "password": PASSWORD}})
seen["administration_before_second_factor"] = get("/administration/").status_code
seen["enrol_page"] = get("/account/sign-in/set-up-app").status_code
device = TOTPDevice.objects.get(user__email=EMAIL, confirmed=False)
totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
seen["enrolled"] = post("/account/sign-in/set-up-app", {{"code": f"{{totp.token():06d}}"}})
seen["administration"] = get("/administration/").status_code
seen["board"] = post("/administration/boards/new", {{
    "name": "Bracknell Forest Local Safeguarding Children Board", "code": "BF",
    "secure_email": "bf.lscb@bracknell-forest.example.org",
    "agency_return_days_before_meeting": "5"}})
seen["organisation"] = post("/administration/organisations/new", {{
    "name": "Thames Valley Police", "type": "police"}})
police = Organisation.objects.get(name="Thames Valley Police")
seen["person"] = post("/administration/people/new", {{
    "full_name": "Priya Shah", "email": "priya.shah@police.example.org",
    "organisation": police.pk, "job_title": "Detective Sergeant", "is_active": "on"}})
person = User.objects.get(email="priya.shah@police.example.org")
board = Board.objects.get(code="BF")
seen["role"] = post(f"/administration/people/{{person.pk}}/roles/new", {{
    "board": board.pk, "role": "notifier"}})
seen["grants"] = list(RoleGrant.objects.values_list("user__email", "board__code", "role"))
seen["admin_second_factor"] = TOTPDevice.objects.filter(user__email=EMAIL, confirmed=True).count()
seen["audit"] = sorted(set(AuditEvent.objects.values_list("action", flat=True)))
print(json.dumps(seen))
"""


@pytest.fixture
def production_database(tmp_path: Path):
    """A database of its own for the production process: PostgreSQL when the suite runs
    on it (as `make test`'s second pass does), else an SQLite file."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'production.sqlite3'}"
        return
    settings = connection.settings_dict
    name = f"{settings['NAME']}_first_admin"[:63]
    server = {
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
        "password": settings["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{server['password']}" if server["password"] else ""
    try:
        yield f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
def test_a_new_board_follows_the_production_steps_and_gets_in(
    tmp_path: Path, production_database: str
) -> None:
    env = {
        **production_env(tmp_path),
        "DATABASE_URL": production_database,
        "SERVICE_URL": "https://case-reviews.example.org",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    for step in (("migrate", "--no-input"), ("collectstatic", "--no-input")):
        done = manage(*step, env=env)
        assert done.returncode == 0, done.stderr
    created = manage(
        "create_administrator", "--email", EMAIL, "--organisation", ORGANISATION, env=env
    )
    assert created.returncode == 0, created.stderr
    (link,) = re.findall(r"https://case-reviews\.example\.org/\S+", created.stdout)

    done = manage("shell", "--no-imports", "-c", JOURNEY.format(link=link, email=EMAIL), env=env)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["link"] == 302
    assert seen["password_page"] == 200
    assert seen["password_set"] == [302, "/account/sign-in"]
    assert seen["link_again"] is True  # the link works once
    assert seen["signed_in"][0] == 302
    assert seen["administration_before_second_factor"] == 302
    assert seen["enrol_page"] == 200
    assert seen["enrolled"] == [302, "/account/recovery-codes"]
    assert seen["administration"] == 200
    for made in ("board", "organisation", "person", "role"):
        assert seen[made][0] == 302, (made, seen[made])
    assert seen["grants"] == [["priya.shah@police.example.org", "BF", "notifier"]]
    assert seen["admin_second_factor"] == 1
    assert {
        "auth.password_reset_completed",
        "auth.second_factor_enrolled",
        "board.create",
        "organisation.create",
        "user.create",
        "role_grant.create",
    } <= set(seen["audit"])
    assert os.listdir(tmp_path / "static")  # collectstatic ran, as the README says

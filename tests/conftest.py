from __future__ import annotations

from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from django.test import Client
from hypothesis import settings as hypothesis_settings

from casereviews.accounts.models import User
from casereviews.boards.models import Board, Role
from tests.factories import BoardFactory, OrganisationFactory, person
from tests.helpers import Mailbox, free_port, sign_in

# No per-example time limit: on a loaded machine an example of the criteria engine or the
# calendar can take longer than Hypothesis's default 200 ms, which fails a correct test.
hypothesis_settings.register_profile("casereviews", deadline=None)
hypothesis_settings.load_profile("casereviews")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A browser test is slow by nature: `pytest -m "not slow"` leaves it out."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def board(db: None) -> Board:
    return BoardFactory.create(name="Bracknell Forest Local Safeguarding Children Board", code="BF")


@pytest.fixture
def other_board(db: None) -> Board:
    return BoardFactory.create(
        name="Windsor and Maidenhead Local Safeguarding Children Board", code="RBWM"
    )


@pytest.fixture
def police(db: None):
    return OrganisationFactory.create(name="Thames Valley Police")


@pytest.fixture
def health(db: None):
    return OrganisationFactory.create(name="Frimley Health NHS Foundation Trust", type="health")


@pytest.fixture
def notifier(board: Board, police) -> User:
    return person(board, Role.NOTIFIER, organisation=police, full_name="Priya Shah")


@pytest.fixture
def business_manager(board: Board) -> User:
    return person(board, Role.BUSINESS_MANAGER, full_name="Alison Burnell")


@pytest.fixture
def administrator(db: None) -> User:
    from tests.factories import UserFactory

    return UserFactory.create(is_administrator=True, full_name="Sam Patel")


@pytest.fixture
def signed_in(client: Client):
    """Sign a person in (with every factor the service asks for) and return the client."""

    def sign_in_on_the_client(user: User) -> Client:
        return sign_in(client, user)

    return sign_in_on_the_client


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path) -> None:
    """Uploaded documents go to the test's own folder, never the real data folder."""
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def _audit_checkpoints_in_a_temporary_folder(settings, tmp_path) -> None:
    """Each test's audit checkpoints are its own, like its database."""
    settings.AUDIT_ANCHOR_DIR = tmp_path / "audit-anchors"


@pytest.fixture
def mailbox(settings) -> Iterator[Mailbox]:
    """A real SMTP server on this machine; the service sends to it over SMTP."""
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 10},
        }
    }
    try:
        yield box
    finally:
        controller.stop()

"""One way to e-mail about a case: who is told, and what.

`case_recipients` reads who holds which role on the case through the rule of sight
(`notifications.policy.people_who_see`: a LISG member of the meeting that has the case
and not conflicted in it, an agency's own lead…) and says who has no address, so the
step can tell the person who took it. `step_emails` queues one e-mail a person, its body
from `kit/email/step.txt`: the step's sentences, the links, and the one footer
(`kit/email/footer.txt`), which carries no child's identity (DESIGN.md section 6)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.template.loader import render_to_string

from casereviews.accounts.models import User
from casereviews.boards.models import Role
from casereviews.notifications.models import Notification
from casereviews.notifications.policy import people_who_see
from casereviews.outbox.services import Email, outbox_enqueue_all


@dataclass(frozen=True)
class Recipients:
    """Who is told (with an address) and who would be but has none."""

    people: list[User]
    without_address: list[User]


def case_recipients(case: Notification, *roles: Role, also: Iterable[User] = ()) -> Recipients:
    """The people who hold `roles` on the case (and `also`), once each, by id."""
    found = {person.pk: person for person in people_who_see(case, *roles)} if roles else {}
    found.update((person.pk, person) for person in also)
    people = [found[pk] for pk in sorted(found)]
    return Recipients(
        people=[p for p in people if p.email],
        without_address=[p for p in people if not p.email],
    )


def step_body(lines: Sequence[str], links: Sequence[tuple[str, str]]) -> str:
    """The body: the step's sentences, then each link ("Open the case: …"), then the
    footer."""
    return render_to_string("kit/email/step.txt", {"lines": lines, "links": links}).rstrip("\n")


def step_emails(
    *,
    key: str,
    people: Iterable[User],
    subject: str,
    lines: Sequence[str],
    links: Sequence[tuple[str, str]],
) -> list[User]:
    """Queue the e-mail for each person with an address, keyed `<key>:<person id>` so it
    is sent once; return those with no address."""
    body = step_body(lines, links)
    people = list(people)
    outbox_enqueue_all(
        Email(key=f"{key}:{person.pk}", to=[person.email], subject=subject, body=body)
        for person in people
        if person.email
    )
    return [person for person in people if not person.email]

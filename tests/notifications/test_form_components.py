"""The CRNF A's answers judged and shown the GOV.UK Design System way (issue 13 item 8,
issue 14 section 4): hidden characters, free-text limits with a character count, a
telephone number that is one, the conditional reveal, the exclusive "none" checkbox, a
chosen document never dropped, and answers in words rather than codes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereviews.assessments.selectors import facts_summary
from casereviews.audit.models import AuditEvent
from casereviews.notifications.crnf.description import ACCOUNT_LENGTH, QUESTIONS
from casereviews.notifications.crnf.model import Kind
from casereviews.notifications.models import Attachment, Child, Notification
from casereviews.notifications.summary import crnf_sections
from tests.notifications import files
from tests.notifications.helpers import child_answers, fill_in, page, start

pytestmark = pytest.mark.django_db

# U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE, U+2066 LEFT-TO-RIGHT ISOLATE,
# U+0007 BELL: none of them can be seen, and the first reverses what follows.
HIDDEN = ["\u202e", "\u200b", "\u2066", "\u0007", "\ufeff"]


@pytest.mark.parametrize("char", HIDDEN)
def test_a_name_with_a_hidden_character_is_refused_with_a_message(
    signed_in, notifier, char
) -> None:
    """The child's name and the notifier's name: refused at the field, what was typed
    kept, nothing saved."""
    client = signed_in(notifier)
    notification = start(client)
    response = client.post(
        reverse("notifications:children-add", args=[notification.pk]),
        child_answers(full_name=f"Kacey{char} Hollins"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    # At the field and in the error summary (the one text rule, docs/adr/0021).
    assert html.count("Remove the hidden character") == 2
    assert not Child.objects.exists()
    response = client.post(
        page(notification, "your-details"),
        {
            "notifier_name": f"Priya{char}Shah",
            "notifier_job_title": "DS",
            "notifier_telephone": "01344 000000",
        },
    )
    assert "Remove the hidden character" in response.content.decode()
    notification.refresh_from_db()
    assert notification.notifier_name == notifier.full_name


def test_free_text_with_a_hidden_character_is_refused_and_line_breaks_are_kept(
    signed_in, notifier
) -> None:
    """One rule everywhere (docs/adr/0021): a hidden character is refused at the field
    with what was typed kept, and line breaks are welcome in free text."""
    client = signed_in(notifier)
    notification = start(client)
    typed = "Found at\u202e home.\r\nAmbulance called."
    response = client.post(page(notification, "what-happened"), {"what_happened": typed})
    assert response.status_code == 200
    assert "Remove the hidden character (right-to-left override)" in response.content.decode()
    notification.refresh_from_db()
    assert notification.what_happened == ""
    clean = "Found at home.\r\nAmbulance called."
    response = client.post(page(notification, "what-happened"), {"what_happened": clean})
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.what_happened == clean


def test_every_free_text_answer_has_a_limit_and_a_character_count(signed_in, notifier) -> None:
    """Each free-text question of the description has a maximum; its page shows the
    GOV.UK character count (with the limit in words, which works without JavaScript),
    and one character more is refused with the limit."""
    free_text = [q for q in QUESTIONS if q.kind is Kind.LONG_TEXT]
    assert free_text
    assert all(q.max_length for q in QUESTIONS if q.kind in {Kind.TEXT, Kind.NAME, Kind.LONG_TEXT})
    client = signed_in(notifier)
    notification = start(client)
    for q in free_text:
        html = client.get(page(notification, q.page)).content.decode()
        assert f'data-module="govuk-character-count" data-maxlength="{q.max_length}"' in html
        assert f"You can enter up to {q.max_length} characters" in html, q.name
    response = client.post(
        page(notification, "what-happened"), {"what_happened": "a" * (ACCOUNT_LENGTH + 1)}
    )
    assert f"What happened must be {ACCOUNT_LENGTH:,} characters or less" in (
        response.content.decode()
    )
    notification.refresh_from_db()
    assert notification.what_happened == ""


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("not a phone", False),
        ("1", False),
        ("0134435200", True),
        ("01344 352000", True),
        ("(01344) 352-000", True),
        ("+44 1344 352000", True),
        ("01344 352000 ext 123", True),
        ("01344 352000 352000 352000", False),
    ],
)
def test_a_telephone_number_must_be_one(signed_in, notifier, typed, accepted) -> None:
    client = signed_in(notifier)
    notification = start(client)
    response = client.post(
        page(notification, "your-details"),
        {"notifier_name": "Priya Shah", "notifier_job_title": "DS", "notifier_telephone": typed},
    )
    notification.refresh_from_db()
    if accepted:
        assert response.status_code == 302
        assert notification.notifier_telephone == typed
    else:
        assert "Enter a telephone number, like 01632 960 001" in response.content.decode()
        assert notification.notifier_telephone == ""


def test_the_reason_for_not_consulting_is_revealed_by_its_answer(signed_in, notifier) -> None:
    """The GOV.UK conditional reveal: the question sits under "I have not consulted
    anyone", controlled by it, and is shown open when that is the answer."""
    client = signed_in(notifier)
    notification = start(client)
    html = client.get(page(notification, "consultation")).content.decode()
    assert 'value="none" data-aria-controls="conditional-id_consulted_with_3"' in html
    conditional = html.split('id="conditional-id_consulted_with_3"')[0].rsplit("<div", 1)[1]
    assert "govuk-radios__conditional--hidden" in conditional
    revealed = html.split('id="conditional-id_consulted_with_3">')[1]
    assert revealed.index('name="not_consulted_reason"') < revealed.index("</div>\n    \n")
    response = client.post(
        page(notification, "consultation"), {"consulted_with": "none", "not_consulted_reason": ""}
    )
    html = response.content.decode()
    assert "Enter why you have not consulted anyone" in html
    assert 'class="govuk-radios__conditional" id="conditional-id_consulted_with_3"' in html


@pytest.mark.parametrize(
    ("slug", "name", "label"),
    [
        ("learning", "learning", "None identified yet"),
        ("parallel-processes", "processes", "None known"),
    ],
)
def test_none_is_an_exclusive_checkbox(signed_in, notifier, slug, name, label) -> None:
    """After an "or" divider, with the GOV.UK exclusive behaviour; chosen with another
    answer (JavaScript off), it is refused."""
    client = signed_in(notifier)
    notification = start(client)
    html = client.get(page(notification, slug)).content.decode()
    divider = html.index('<div class="govuk-checkboxes__divider">or</div>')
    exclusive = html.index('value="none" data-behaviour="exclusive"')
    assert divider < exclusive < html.index(label)
    assert html.count('data-behaviour="exclusive"') == 1
    data = {name: ["none", "criminal_proceedings" if name == "processes" else "working_together"]}
    response = client.post(page(notification, slug), data)
    assert f"&#x27;{label}&#x27;, not both" in response.content.decode()


def test_a_file_chosen_then_save_and_continue_is_uploaded_not_dropped(signed_in, notifier) -> None:
    """The one form sends the file with "Save and continue": it is uploaded and the
    person goes on; a file refused keeps them on the page with the reason."""
    client = signed_in(notifier)
    draft = fill_in(client)
    url = reverse("notifications:documents", args=[draft.pk])
    html = client.get(url).content.decode()
    main = html.split("<main")[1].split("</main>")[0]
    assert main.count("<form") == 1
    refused = client.post(url, {"file": files.upload("report.pdf", files.EXE)})
    assert refused.status_code == 200
    assert "The selected file must be a PDF, Word document, JPG or PNG" in refused.content.decode()
    draft.refresh_from_db()
    assert "documents" not in draft.answered_pages
    response = client.post(url, {"file": files.upload("Body map.pdf", files.PDF)})
    assert response["Location"] == reverse("submission:check", args=[draft.pk])
    assert Attachment.objects.get(notification=draft).original_name == "Body map.pdf"
    assert AuditEvent.objects.filter(action="notification.attachment_add").count() == 1


def test_where_the_child_died_is_said_in_words_never_none(
    signed_in, notifier, business_manager
) -> None:
    """A child who died in none of the listed settings: the summary and the Business
    Manager's facts say so in words."""
    client = signed_in(notifier)
    notification = fill_in(client)
    client.post(page(notification, "harm"), {"child_died": "yes", "seriously_harmed": "no"})
    client.post(page(notification, "death"), {"suspected_suicide": "no", "death_setting": "none"})
    notification = Notification.objects.get(pk=notification.pk)
    rows = {row.key: row.value for section in crnf_sections(notification) for row in section.rows}
    assert rows["Where the child died"] == "Not in custody, detention or a secure setting"
    facts = dict(facts_summary(notification.criteria_facts))
    assert facts["Where the child died"] == "Not in custody, detention or a secure setting"
    assert "None" not in facts.values()

"""The verification page reads as GOV.UK pages do: its question as its heading, a way
back, and each criteria source quoted once."""

from __future__ import annotations

import html
import re

import pytest

pytestmark = pytest.mark.django_db


def test_each_source_is_quoted_once_and_the_question_is_the_heading(
    signed_in, business_manager, submitted
) -> None:
    """The sources carry their own quotation marks (“…”): the page adds none around them
    (it wrapped each in <q>, which browsers show with a second pair)."""
    page = signed_in(business_manager).get(f"/notifications/{submitted.reference}/verify")
    text = page.content.decode()
    assert "<q>" not in text
    sources = re.findall(r"<p class=\"govuk-body-s[^\"]*\">Source: (.*?)</p>", text)
    assert sources
    for source in map(html.unescape, sources):
        assert source.count("“") == source.count("”") >= 1
        assert "““" not in source
        assert not source.startswith(("“", '"'))
    heading = re.search(r"<h1 class=\"govuk-heading-l\">(.*?)</h1>", text)
    assert heading is not None
    assert re.sub("<[^>]+>", "", heading.group(1)) == (
        f"Does {submitted.reference} meet the criteria for a review?"
    )
    assert 'class="govuk-back-link"' in text
    assert "What is your decision?" in text

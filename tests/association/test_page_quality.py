"""Every page type in every language: valid HTML, and no interface text in another language."""

import re
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import html5lib
import pytest
from babel.messages.pofile import read_po

from association.languages import language_codes
from tests.public_site import small_association

pytestmark = pytest.mark.django_db

PAGES = [
    "/{lang}/",
    "/{lang}/members/",
    "/{lang}/members/china/",
    "/{lang}/members/china/heilongjiang/",
    "/{lang}/assemblies/",
    "/{lang}/assemblies/1/",
    "/{lang}/committees/",
    "/{lang}/committees/working-committee/",
    "/{lang}/about/about/",
    "/{lang}/search/?q=province",
    "/{lang}/no-such-page/",
]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
LABEL_ATTRIBUTES = {"aria-label", "placeholder", "alt", "title"}


def _english_interface_strings():
    """Every English msgid of two words or more, from the project's own catalog."""
    catalog_path = Path(__file__).resolve().parents[2] / "locale/ko/LC_MESSAGES/django.po"
    with catalog_path.open("rb") as po_file:
        catalog = read_po(po_file)
    strings = set()
    for message in catalog:
        for msgid in message.id if isinstance(message.id, tuple) else [message.id]:
            if msgid and "%(" not in msgid and len(msgid.split()) >= 2:
                strings.add(msgid)
    return strings


ENGLISH = _english_interface_strings()


class TextInLanguage(HTMLParser):
    """Collects the text (and labelling attributes) a page shows in its own language."""

    def __init__(self, page_language):
        super().__init__()
        self.stack = [page_language]
        self.page_language = page_language
        self.parts = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        language = attributes.get("lang", self.stack[-1])
        if language == self.page_language:
            self.parts.extend(v for k, v in attributes.items() if k in LABEL_ATTRIBUTES and v)
        if tag not in VOID:
            self.stack.append(language)

    def handle_endtag(self, tag):
        if tag not in VOID and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack[-1] == self.page_language:
            self.parts.append(data)

    def text(self):
        return re.sub(r"\s+", " ", " ".join(self.parts))


@pytest.mark.parametrize("language", language_codes())
@pytest.mark.parametrize("page", PAGES)
def test_page_is_valid_html(client, page, language):
    small_association()
    response = client.get(page.format(lang=language))

    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(response.content.decode())

    assert parser.errors == []


@pytest.mark.parametrize("language", [code for code in language_codes() if code != "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_shows_no_english_interface_text(client, page, language):
    small_association()
    html = client.get(page.format(lang=language)).content.decode()

    reader = TextInLanguage(language)
    reader.feed(html)
    text = reader.text()

    assert sorted(msgid for msgid in ENGLISH if msgid in text) == []


def test_server_error_page_speaks_the_visitors_language(client):
    small_association()
    client.raise_request_exception = False

    with mock.patch("association.views.HomeView.get_context_data", side_effect=RuntimeError):
        response = client.get("/ko/")

    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert "Something went wrong" not in html


def test_interface_text_check_sees_english_text_on_the_english_page(client):
    small_association()
    html = client.get("/en/members/china/").content.decode()

    reader = TextInLanguage("en")
    reader.feed(html)

    found = {msgid for msgid in ENGLISH if msgid in reader.text()}
    assert {"Skip to content", "Membership history", "Contact information"} <= found

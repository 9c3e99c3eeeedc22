"""Interface strings: every catalog complete, nothing fuzzy, and each language really used."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils import translation

from association.models import GeneralAssembly
from members.models import Region

LOCALE = Path(__file__).resolve().parents[2] / "locale"
CATALOG_LANGUAGES = ["ko", "ja", "zh_Hans", "ru", "mn"]


def _catalog(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as po_file:
        return read_po(po_file)


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_catalog_has_no_empty_entry(language):
    empty = [
        message.id
        for message in _catalog(language)
        if message.id
        and (not message.string or (isinstance(message.string, tuple) and not all(message.string)))
    ]

    assert empty == []


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_catalog_has_no_fuzzy_entry(language):
    fuzzy = [message.id for message in _catalog(language) if message.id and message.fuzzy]

    assert fuzzy == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ko", "총회"),
        ("ja", "総会"),
        ("zh-hans", "全体会议"),
        ("ru", "Генеральная ассамблея"),
        ("mn", "Ерөнхий ассамблей"),
    ],
)
def test_model_name_comes_back_translated(language, expected):
    with translation.override(language):
        assert str(GeneralAssembly._meta.verbose_name) == expected


@pytest.mark.parametrize("language", ["ko", "ja", "zh-hans", "ru", "mn"])
def test_status_labels_are_translated(language):
    with translation.override(language):
        labels = [str(label) for label in Region.Status.labels]

    assert labels != ["member", "associate member", "special member", "observer", "former member"]
    assert all(labels)

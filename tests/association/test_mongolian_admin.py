"""A Mongolian translator sees no English: Django's and the add-ons' gaps are filled.

Django's own Mongolian catalogs leave part of the admin, its JavaScript (calendar, time
picker, selection boxes) and django.contrib.auth untranslated; locale_gaps/ fills them.
"""

import json
import re
from pathlib import Path

import django
import pytest
from babel.messages.pofile import read_po
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from association.models import User
from members.models import Region
from tests import builders
from tests.association.test_page_quality import TextInLanguage
from tests.public_site import small_association

pytestmark = pytest.mark.django_db

DJANGO_DIR = Path(django.__file__).resolve().parent
# Strings that read the same in Mongolian: technical names, the Association's acronym.
SAME_IN_MONGOLIAN = {"IPv4", "IPv6", "URL", "NEAR"}


def _catalog(path):
    with path.open("rb") as po_file:
        return read_po(po_file)


def _english_messages(package, domain="django"):
    path = DJANGO_DIR / package / "locale/en/LC_MESSAGES" / f"{domain}.po"
    return [message for message in _catalog(path) if message.id]


def _is_words(msgid):
    """False for symbols, units and names that Mongolian writes as English does."""
    letters = re.sub(r"%\(\w+\)\w", "", msgid)
    return msgid not in SAME_IN_MONGOLIAN and re.search(r"[A-Za-z]", letters) is not None


def _untranslated(messages):
    """The messages that come back in English with Mongolian active."""
    left = []
    with translation.override("mn"):
        for message in messages:
            if isinstance(message.id, tuple):
                singular, plural = message.id
                texts = [translation.ngettext(singular, plural, n) for n in (1, 5)]
                english = [singular, plural]
            elif message.context:
                texts = [translation.pgettext(message.context, message.id)]
                english = [message.id]
            else:
                texts = [translation.gettext(message.id)]
                english = [message.id]
            if any(
                text == source and _is_words(source)
                for text, source in zip(texts, english, strict=True)
            ):
                left.append(message.id)
    return left


@pytest.mark.parametrize(
    "package", ["contrib/admin", "contrib/auth", "contrib/contenttypes", "conf"]
)
def test_every_django_string_the_admin_shows_has_mongolian(package):
    assert _untranslated(_english_messages(package)) == []


def test_every_django_axes_string_has_mongolian():
    axes_catalog = Path(__import__("axes").__file__).resolve().parent / "locale/ru/LC_MESSAGES"
    messages = [message for message in _catalog(axes_catalog / "django.po") if message.id]

    assert messages
    assert _untranslated(messages) == []


def _javascript_catalog(client):
    response = client.get(reverse("admin:jsi18n"))
    assert response.status_code == 200
    match = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S)
    return json.loads(match.group(1))


@pytest.fixture
def mongolian_admin(admin_client, superuser):
    superuser.language = "mn"
    superuser.save()
    return admin_client


def test_admin_javascript_catalog_has_every_admin_string_in_mongolian(mongolian_admin):
    catalog = _javascript_catalog(mongolian_admin)

    missing = []
    for message in _english_messages("contrib/admin", "djangojs"):
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if message.context:
            key = f"{message.context}\x04{key}"
        value = catalog.get(key)
        if not value or (isinstance(value, list) and not all(value)):
            missing.append(key)
    assert missing == []
    assert catalog["abbrev. month January\x04Jan"] == "1-р сар"
    assert catalog["abbrev. day Monday\x04Mon"] == "Да"
    assert catalog["January"] == "1-р сар"
    assert catalog["Saturday"] == "Бямба"
    assert catalog["Today"] == "Өнөөдөр"


def _english_interface_strings():
    """Django's admin and auth strings and the project's own, as English shows them."""
    messages = [
        *_english_messages("contrib/admin"),
        *_english_messages("contrib/auth"),
    ]
    project = Path(__file__).resolve().parents[2] / "locale/mn/LC_MESSAGES/django.po"
    messages += [message for message in _catalog(project) if message.id]
    strings = set()
    for message in messages:
        for msgid in message.id if isinstance(message.id, tuple) else [message.id]:
            text = re.split(r"%\(?|\{|<", msgid)[0].strip()
            if len(text) >= 4 and text not in SAME_IN_MONGOLIAN:
                strings.add(text)
    return strings


def _english_left(html):
    reader = TextInLanguage("mn")
    # Script contents (JSON data for the page's scripts) are not text shown to anyone.
    reader.feed(re.sub(r"<script\b[^>]*>.*?</script>", "", html, flags=re.S))
    text = reader.text()
    return sorted(
        string for string in ENGLISH if re.search(rf"(?<!\w){re.escape(string)}(?!\w)", text)
    )


ENGLISH = _english_interface_strings()


def test_english_check_finds_english_on_an_english_admin_page(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    html = html.replace('lang="en"', 'lang="mn"')

    assert "Change password" in _english_left(html)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/members/region/",
        "/admin/association/generalassembly/add/",
        "/admin/association/generalassembly/{assembly}/change/",
        "/admin/association/user/{user}/change/",
        "/admin/password_change/",
        "/admin/association/user/{user}/password/",
        "/admin/translations/export/",
        "/admin/translations/import/",
    ],
)
def test_admin_page_in_mongolian_shows_no_english(mongolian_admin, superuser, url):
    small_association()
    # Content has its Mongolian names, so whatever English is left is interface text.
    Region.objects.update(name_mn="Аймаг")
    assembly = builders.assembly(number=20, year=2024)
    response = mongolian_admin.get(url.format(assembly=assembly.pk, user=superuser.pk))

    assert response.status_code == 200
    assert _english_left(response.content.decode()) == []


def test_login_page_in_mongolian_shows_no_english(client):
    response = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="mn")

    assert '<html lang="mn"' in response.content.decode()
    assert _english_left(response.content.decode()) == []


def test_permissions_and_roles_are_named_in_mongolian(mongolian_admin, superuser):
    superuser.groups.add(Group.objects.get(name="Translators"))
    html = mongolian_admin.get(
        reverse("admin:association_user_change", args=[superuser.pk])
    ).content.decode()

    assert "Гишүүн засаг захиргаа | бүс нутаг | бүс нутаг нэмэх эрхтэй" in html
    assert ">Орчуулагчид</option>" in html
    assert "Русский хэл рүү орчуулах эрхтэй" in html
    assert "Can add region" not in html
    assert "Can translate into" not in html


def test_mongolian_is_named_in_itself_everywhere(mongolian_admin, superuser, client):
    admin_menu = mongolian_admin.get(reverse("admin:index")).content.decode()
    user_form = mongolian_admin.get(
        reverse("admin:association_user_change", args=[superuser.pk])
    ).content.decode()
    small_association()
    public = client.get("/en/").content.decode()

    assert re.search(r'<option value="mn" lang="mn"[^>]*>Монгол</option>', admin_menu)
    assert re.search(r'<option value="mn"[^>]*>Монгол</option>', user_form)
    assert re.search(r'lang="mn"[^>]*>Монгол<', public)
    assert dict(User._meta.get_field("language").choices)["mn"] == "Монгол"


def test_autocomplete_boxes_speak_mongolian(mongolian_admin):
    from django.contrib.staticfiles import finders

    html = mongolian_admin.get(reverse("admin:association_generalassembly_add")).content.decode()

    assert "admin/js/vendor/select2/i18n/mn.js" in html
    script = Path(finders.find("admin/js/vendor/select2/i18n/mn.js")).read_text()
    assert "select2/i18n/mn" in script
    assert "Илэрц олдсонгүй." in script

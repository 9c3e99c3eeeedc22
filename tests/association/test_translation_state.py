"""Translations remember their English source: a later change of it makes them stale."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from association import roles, translation_state
from association.demo_content.loader import Loader, read_content
from association.models import TranslationSource
from association.translation_state import DONE, MISSING, STALE
from members.models import Country, Region
from tests import builders
from tests.association.test_admin_saves import form_data
from tests.association.test_translators import change_url
from tests.public_site import small_association

pytestmark = pytest.mark.django_db


def _save(client, obj, **changes):
    url = change_url(obj)
    data = form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    obj.refresh_from_db()


def _state(obj, field, language):
    return translation_state.field_states(obj)[field][language]


@pytest.fixture
def editor_client(db):
    editor = get_user_model().objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    client = Client()
    client.force_login(editor)
    return client


def test_digest_is_stable_and_ignores_line_endings_and_outer_space():
    assert translation_state.source_digest("Harbin") == translation_state.source_digest(" Harbin\n")
    assert translation_state.source_digest("a\r\nb") == translation_state.source_digest("a\nb")
    assert translation_state.source_digest("Harbin") != translation_state.source_digest("Harbi")
    assert len(translation_state.source_digest("")) == 64


def test_translatable_models_cover_every_translated_model():
    models = dict(translation_state.translatable_models())

    assert models[Region] == ["name", "description"]
    assert len(models) == 11
    assert list(models)[0] is Country


def test_editing_the_english_source_makes_translations_stale_until_confirmed(editor_client, client):
    region = builders.region(name_en="Heilongjiang Province")
    _save(editor_client, region, name_ru="Провинция Хэйлунцзян", name_ko="헤이룽장성")
    assert _state(region, "name", "ru") == DONE

    _save(editor_client, region, name_en="Heilongjiang")

    assert _state(region, "name", "ru") == STALE
    assert _state(region, "name", "ko") == STALE
    assert translation_state.source_change(region, "name", "ru") == (
        "Heilongjiang Province",
        "Heilongjiang",
    )
    # The Russian translator sees the diff and confirms the translation still holds.
    client.force_login(builders.translator("ru"))
    page = client.get(change_url(region)).content.decode()
    assert "Province</del>" in page
    assert 'data-translation-state="stale"' in page
    key = translation_state.unit_key(Region, region.pk, "name", "ru")
    assert f'value="{key}"' in page
    assert translation_state.unit_key(Region, region.pk, "name", "ko") not in page

    response = client.post(reverse("admin:translation_confirm"), {"confirm": key})

    assert response.status_code == 302
    assert response["Location"] == change_url(region) + "?language=ru"
    assert _state(region, "name", "ru") == DONE
    assert _state(region, "name", "ko") == STALE


def test_a_translator_cannot_confirm_another_language(editor_client, client):
    region = builders.region(name_en="Jilin Province")
    _save(editor_client, region, name_ko="길림성")
    _save(editor_client, region, name_en="Jilin")
    client.force_login(builders.translator("ru"))
    key = translation_state.unit_key(Region, region.pk, "name", "ko")

    response = client.post(reverse("admin:translation_confirm"), {"confirm": key})

    assert response.status_code == 403
    assert _state(region, "name", "ko") == STALE


@pytest.mark.parametrize("key", ["", "nonsense", "members.region:1:slug:ru", "auth.user:1:x:ru"])
def test_a_malformed_confirmation_is_a_clear_400(client, key):
    client.force_login(builders.translator("ru"))

    response = client.post(reverse("admin:translation_confirm"), {"confirm": key})

    assert response.status_code == 400


def test_updating_a_stale_translation_makes_it_done(editor_client, client):
    region = builders.region(name_en="Amur Oblast")
    _save(editor_client, region, name_ru="Амурская обл.")
    _save(editor_client, region, name_en="Amur Region")
    assert _state(region, "name", "ru") == STALE
    client.force_login(builders.translator("ru"))

    _save(client, region, name_ru="Амурская область")

    assert _state(region, "name", "ru") == DONE


def test_untracked_translation_turns_stale_when_english_changes_in_the_admin(editor_client):
    # Filled before tracking (no record): counts as done, until the English text changes.
    region = builders.region(name_en="Tuv Aimag", name_mn="Төв аймаг")
    assert _state(region, "name", "mn") == DONE

    _save(editor_client, region, name_en="Töv Province")

    assert _state(region, "name", "mn") == STALE
    old, new = translation_state.source_change(region, "name", "mn")
    assert (old, new) == ("Tuv Aimag", "Töv Province")


def test_editor_saving_a_translation_records_it(editor_client):
    region = builders.region(name_en="Primorsky Krai")

    _save(editor_client, region, name_ru="Приморский край")

    source = TranslationSource.objects.get(field="name", language="ru")
    assert source.source_text == "Primorsky Krai"
    assert source.translated_by.username == "editor"


def test_saving_an_inline_translation_records_it(editor_client):
    region = builders.region(name_en="Khabarovsk Krai")
    contact = builders.contact(region=region, office_en="Foreign Affairs")
    url = change_url(region)
    data = form_data(editor_client.get(url))
    data["contacts-0-office_ru"] = "Внешние связи"
    assert editor_client.post(url, data).status_code == 302

    contact.refresh_from_db()
    assert _state(contact, "office", "ru") == DONE
    assert TranslationSource.objects.filter(object_id=contact.pk, field="office").exists()


def test_units_of_a_language():
    region = builders.region(name_en="Magadan Oblast", name_ru="Магаданская область")
    other = builders.region(name_en="Sakha Republic", description_en="Yakutia.")
    translation_state.record_translation(
        Region, "name", "ru", pk=region.pk, source_text="Magadan Region"
    )

    units = list(translation_state.units("ru", models=[Region], pks=[region.pk, other.pk]))

    states = {(unit.pk, unit.field): unit.state for unit in units}
    assert states == {
        (region.pk, "name"): STALE,
        (other.pk, "name"): MISSING,
        (other.pk, "description"): MISSING,
    }
    stale = next(unit for unit in units if unit.state == STALE)
    assert stale.source == "Magadan Oblast"
    assert stale.target == "Магаданская область"
    assert stale.source_digest == translation_state.source_digest("Magadan Oblast")
    assert stale.recorded_source == "Magadan Region"
    assert [u.pk for u in translation_state.units("ru", models=[Region], states={STALE})] == [
        region.pk
    ]


def test_record_translation_by_label_and_digest():
    region = builders.region(name_en="Tomsk Oblast", name_ru="Томская область")
    digest = translation_state.source_digest("Tomsk Oblast")

    translation_state.record_translation(
        "members.Region", "name", "ru", pk=region.pk, source_digest=digest
    )

    assert _state(region, "name", "ru") == DONE
    with pytest.raises(ValueError):
        translation_state.record_translation(region, "slug", "ru")
    with pytest.raises(ValueError):
        translation_state.record_translation(region, "name", "en")


def test_can_translate():
    translator = builders.translator("ru", "mn")
    outsider = get_user_model().objects.create_user("outsider", is_staff=True)

    assert translation_state.translator_languages(translator) == ["ru", "mn"]
    assert translation_state.can_translate(translator, "ru")
    assert not translation_state.can_translate(translator, "ko")
    assert not translation_state.can_translate(translator, "en")
    assert not translation_state.can_translate(outsider, "ru")
    translator.is_active = False
    assert not translation_state.can_translate(translator, "ru")


def test_demo_content_starts_with_nothing_stale():
    Loader().load(read_content())

    stale = [
        unit
        for language in translation_state.TRANSLATION_LANGUAGES
        for unit in translation_state.units(language, states={STALE})
    ]
    assert stale == []
    assert TranslationSource.objects.count() > 1000


def test_loader_records_untracked_translations_without_touching_recorded_ones():
    region = builders.region(name_en="Irkutsk Oblast", name_ru="Иркутская область")
    translation_state.record_translation(region, "name", "ru", source_text="Irkutsk")

    translation_state.record_untracked()

    assert _state(region, "name", "ru") == STALE
    assert TranslationSource.objects.filter(object_id=region.pk).count() == 1


def test_the_data_migration_records_existing_translations():
    region = builders.region(name_en="Zabaykalsky Krai", name_ru="Забайкальский край")
    migration = importlib.import_module("association.migrations.0006_translation_sources")

    migration.record_existing_translations(apps, None)

    source = TranslationSource.objects.get(object_id=region.pk, field="name", language="ru")
    assert source.source_digest == translation_state.source_digest("Zabaykalsky Krai")


def test_deleting_a_record_forgets_its_sources(editor_client):
    region = builders.region(name_en="Sakhalin Oblast")
    _save(editor_client, region, name_ru="Сахалинская область")
    editor = get_user_model().objects.get(username="editor")
    editor.groups.add(Group.objects.get(name=roles.EDITORS))

    response = editor_client.post(
        reverse("admin:members_region_delete", args=[region.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not TranslationSource.objects.filter(object_id=region.pk).exists()


def test_change_list_marks_stale_translations_without_a_query_per_row(editor_client):
    regions = [builders.region(name_en=f"Region {n}") for n in range(3)]
    for region in regions:
        _save(editor_client, region, name_ru=f"Регион {region.pk}")
    _save(editor_client, regions[0], name_en="Renamed")

    response = editor_client.get(reverse("admin:members_region_changelist"))

    content = response.content.decode()
    assert content.count("lang-mark--stale") == 1
    assert "Русский: stale, the English source changed" in content


def test_public_pages_do_not_read_translation_sources(client):
    small_association()
    translation_state.record_untracked()

    for url in ["/ru/", "/ru/members/china/heilongjiang/", "/ru/search/?q=heilongjiang"]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not any("translationsource" in query["sql"] for query in queries), url

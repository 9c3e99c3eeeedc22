"""A translator changes their languages' fields and nothing else, by any route of the admin."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from association import roles, translation_state
from association.edit_conflicts import TOKEN_FIELD
from association.models import Page, Photo, TranslationSource
from members.models import Activity, Contact, MembershipEvent, Region
from tests import builders
from tests.association.test_admin_saves import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(client):
    user = builders.translator("ru")
    client.force_login(user)
    return user


@pytest.fixture
def region():
    """A published region with English text, a Russian name, and a child of every kind."""
    region = builders.region(
        name_en="Heilongjiang Province",
        name_ru="Провинция Хэйлунцзян",
        description_en="A province in the north-east of China.",
        is_published=True,
    )
    builders.contact(region=region, office_en="Foreign Affairs Office")
    builders.event(region=region)
    builders.activity(region=region, title_en="Hosted the forum")
    builders.photo(region=region, caption_en="The delegates")
    builders.document(region=region)
    builders.membership(region=region)
    return region


def snapshot(region):
    """Everything stored about the region and its children, to compare before and after."""
    region_row = Region.objects.filter(pk=region.pk).values().get()
    return {
        "region": region_row,
        "country": type(region.country).objects.filter(pk=region.country_id).values().get(),
        "contacts": list(Contact.objects.filter(region=region).order_by("pk").values()),
        "events": list(MembershipEvent.objects.filter(region=region).order_by("pk").values()),
        "activities": list(Activity.objects.filter(region=region).order_by("pk").values()),
        "photos": list(Photo.objects.filter(region=region).order_by("pk").values()),
        "documents": list(region.documents.order_by("pk").values()),
        "memberships": list(region.committee_memberships.order_by("pk").values()),
        "sources": list(TranslationSource.objects.order_by("pk").values()),
        "versions": Version.objects.count(),
        "log": LogEntry.objects.count(),
    }


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def editable_fields(response):
    """The form's fields, without the edit-conflict fingerprint every form carries."""
    return sorted(set(response.context["adminform"].form.fields) - {TOKEN_FIELD})


def assert_refused(response, before, region):
    assert response.status_code == 403
    assert "Nothing was changed." in response.content.decode()
    assert snapshot(region) == before


# What a translator sees -------------------------------------------------------------


def test_translator_form_has_only_their_languages_fields(client, translator, region):
    response = client.get(change_url(region))

    assert response.status_code == 200
    assert editable_fields(response) == ["description_ru", "name_ru"]
    assert response.context["inline_admin_formsets"] == []
    content = response.content.decode()
    # The English source is shown, read-only, above the Russian field.
    assert "Heilongjiang Province" in content
    assert 'name="name_en"' not in content
    assert 'name="slug"' not in content
    assert 'name="is_published"' not in content
    assert 'lang="ru"' in content


def test_inputs_carry_their_language_and_state(client, translator, region):
    content = client.get(change_url(region)).content.decode()

    assert 'name="name_ru"' in content
    name_input = content[
        content.index('name="name_ru"') - 200 : content.index('name="name_ru"') + 300
    ]
    assert 'lang="ru"' in name_input
    assert 'data-translation-state="filled"' in name_input
    description = content[content.index('name="description_ru"') - 300 :]
    assert 'data-translation-state="empty"' in description[:600]


def test_translator_fills_in_russian(client, translator, region):
    url = change_url(region)
    data = form_data(client.get(url))
    data["description_ru"] = "Провинция на северо-востоке Китая."

    response = client.post(url, data)

    assert response.status_code == 302
    region.refresh_from_db()
    assert region.description_ru == "Провинция на северо-востоке Китая."
    assert region.name_en == "Heilongjiang Province"
    source = TranslationSource.objects.get(field="description", language="ru")
    assert source.source_digest == translation_state.source_digest(region.description_en)
    assert source.translated_by == translator
    assert Version.objects.get_for_object(region).count() == 1


def test_translator_of_two_languages_edits_both(client, region):
    client.force_login(builders.translator("ru", "mn", username="both"))

    response = client.get(change_url(region))

    assert editable_fields(response) == ["description_mn", "description_ru", "name_mn", "name_ru"]


# What the server refuses --------------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        {"name_ko": "헤이룽장성"},
        {"name_en": "Renamed"},
        {"slug": "renamed"},
        {"is_published": ""},
        {"status": "observer"},
        {"kind": "municipality"},
        {"native_name": "改名"},
        {"website": "https://example.org/"},
        {"population": "1"},
        {"_saveasnew": "1"},
        {
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": "1",
            "contacts-0-office_ru": "Отдел",
        },
        {"contacts-0-DELETE": "on"},
    ],
    ids=lambda extra: ",".join(extra),
)
def test_crafted_post_is_refused_and_nothing_changes(client, translator, region, extra):
    url = change_url(region)
    data = form_data(client.get(url))
    data["name_ru"] = "Новое имя"  # allowed, but must not be saved alongside a refusal
    data.update(extra)
    before = snapshot(region)

    response = client.post(url, data)

    assert_refused(response, before, region)


def test_file_upload_is_refused(client, translator, region):
    url = change_url(region)
    data = form_data(client.get(url))
    data["emblem"] = SimpleUploadedFile("emblem.png", b"\x89PNG\r\n\x1a\n", "image/png")
    before = snapshot(region)

    response = client.post(url, data)

    assert_refused(response, before, region)


def test_refusal_is_in_the_translators_language(client, region):
    user = builders.translator("ru", username="ru-reader")
    user.language = "ru"
    user.save()
    client.force_login(user)
    url = change_url(region)
    data = form_data(client.get(url))
    data["slug"] = "renamed"

    response = client.post(url, data)

    assert response.status_code == 403
    content = response.content.decode()
    assert "slug" in content
    assert "Nothing was changed." not in content


def test_list_editable_post_is_refused(client, translator):
    page = builders.page(order=3)
    before = Page.objects.filter(pk=page.pk).values().get()

    response = client.post(
        reverse("admin:association_page_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(page.pk),
            "form-0-order": "99",
            "_save": "Save",
        },
    )

    assert response.status_code == 403
    assert Page.objects.filter(pk=page.pk).values().get() == before


def test_change_list_offers_translators_no_editable_column(client, translator):
    builders.page()

    response = client.get(reverse("admin:association_page_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].list_editable == ()
    assert 'name="form-0-order"' not in response.content.decode()


@pytest.mark.parametrize("action", ["publish_selected", "unpublish_selected", "delete_selected"])
def test_bulk_actions_are_refused(client, translator, region, action):
    before = snapshot(region)

    response = client.post(
        reverse("admin:members_region_changelist"),
        {"action": action, "_selected_action": [region.pk], "post": "yes"},
    )

    assert_refused(response, before, region)


def test_add_is_refused(client, translator, region):
    before = snapshot(region)
    url = reverse("admin:members_region_add")

    assert client.get(url).status_code == 403
    response = client.post(
        url,
        {"name_en": "New", "slug": "new", "country": region.country_id, "name_ru": "Новый"},
    )

    assert_refused(response, before, region)


def test_delete_is_refused(client, translator, region):
    before = snapshot(region)
    url = reverse("admin:members_region_delete", args=[region.pk])

    assert client.get(url).status_code == 403
    assert_refused(client.post(url, {"post": "yes"}), before, region)


def test_revert_and_recover_are_refused(client, translator, region, superuser):
    boss = Client()
    boss.force_login(superuser)
    url = change_url(region)
    data = form_data(boss.get(url))
    data["name_en"] = "Heilongjiang"
    assert boss.post(url, data).status_code == 302
    version = Version.objects.get_for_object(region).first()
    before = snapshot(region)
    revert = reverse("admin:members_region_revision", args=[region.pk, version.pk])
    recover = reverse("admin:members_region_recover", args=[version.pk])

    assert client.get(revert).status_code == 403
    assert_refused(client.post(revert, {"name_ru": "Старое"}), before, region)
    assert client.get(recover).status_code == 403
    assert client.get(reverse("admin:members_region_recoverlist")).status_code == 403
    # History is there to read.
    assert client.get(reverse("admin:members_region_history", args=[region.pk])).status_code == 200


def test_translator_cannot_publish(client, translator):
    page = builders.page(is_published=False)
    url = change_url(page)
    data = form_data(client.get(url))
    data["is_published"] = "on"

    response = client.post(url, data)

    assert response.status_code == 403
    page.refresh_from_db()
    assert page.is_published is False


def test_popup_shows_the_same_translator_form(client, translator, region):
    response = client.get(change_url(region) + "?_popup=1")

    assert response.status_code == 200
    assert editable_fields(response) == ["description_ru", "name_ru"]


def test_autocomplete_shows_only_what_the_translator_may_view(client, translator, region):
    url = reverse("admin:autocomplete")
    allowed = client.get(
        url,
        {"app_label": "association", "model_name": "photo", "field_name": "region", "term": ""},
    )
    assert allowed.status_code == 200
    assert [item["id"] for item in allowed.json()["results"]] == [str(region.pk)]

    # Without the view permission (a language granted alone), nothing.
    bare = get_user_model().objects.create_user("bare", is_staff=True)
    bare.user_permissions.add(Permission.objects.get(codename="translate_ru"))
    client.force_login(bare)
    refused = client.get(
        url,
        {"app_label": "association", "model_name": "photo", "field_name": "region", "term": ""},
    )
    assert refused.status_code == 403
    assert client.get(change_url(region)).status_code == 403


def test_translator_sees_no_accounts(client, translator):
    assert client.get(reverse("admin:association_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


# Editors and superusers are not limited ----------------------------------------------------


def test_editor_keeps_the_full_form(client, region):
    editor = get_user_model().objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITORS))
    editor.groups.add(Group.objects.get(name=roles.translators_group_name("ru")))
    client.force_login(editor)

    form = client.get(change_url(region)).context["adminform"].form

    assert {"name_en", "name_ko", "country", "status", "is_published"} <= set(form.fields)


def test_demo_translator_translates_into_russian_only():
    call_command("create_demo_accounts", stdout=open("/dev/null", "w"))  # noqa: SIM115

    user = get_user_model().objects.get(username="translator-ru")

    assert translation_state.translator_languages(user) == ["ru"]
    assert translation_state.is_limited_translator(user, Region)
    assert not user.has_perm("members.change_region")


def test_translator_save_writes_only_the_translated_column(client, translator, region):
    url = change_url(region)
    data = form_data(client.get(url))
    # An editor changes the English name while the translator has the form open.
    Region.objects.filter(pk=region.pk).update(name_en="Heilongjiang")
    data["name_ru"] = "Хэйлунцзян"

    assert client.post(url, data).status_code == 302

    region.refresh_from_db()
    assert region.name_ru == "Хэйлунцзян"
    assert region.name_en == "Heilongjiang"


@pytest.mark.parametrize(
    "model",
    [model for model, _fields in translation_state.translatable_models()],
    ids=lambda model: model._meta.label,
)
def test_translator_translates_every_kind_of_record(client, translator, model):
    from tests.association.test_admin_pages import build_one_of_each

    build_one_of_each()
    obj = model.objects.first()
    url = change_url(obj)

    response = client.get(url)

    assert response.status_code == 200
    fields = translation_state.translated_fields(model)
    assert editable_fields(response) == sorted(f"{f}_ru" for f in fields)
    data = form_data(response)
    data[f"{fields[0]}_ru"] = "Перевод"
    assert client.post(url, data).status_code == 302
    obj.refresh_from_db()
    assert getattr(obj, f"{fields[0]}_ru") == "Перевод"

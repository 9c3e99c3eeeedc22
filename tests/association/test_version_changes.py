"""History shows, for each save, what changed: field by field, language by language."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from association.version_changes import marked_difference
from members.models import Region
from tests import builders
from tests.association.test_admin_saves import form_data

pytestmark = pytest.mark.django_db


def _save(client, region, **changes):
    url = reverse("admin:members_region_change", args=[region.pk])
    data = form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return data


def _changes_page(client, region):
    history = client.get(reverse("admin:members_region_history", args=[region.pk]))
    assert history.status_code == 200
    newest = history.context["action_list"][0]
    assert newest["changes_url"] in history.content.decode()
    return client.get(newest["changes_url"])


def test_marked_difference_marks_words_and_cjk_characters():
    assert str(marked_difference("a krai on the sea", "a krai by the sea")) == (
        "a krai <del>on</del><ins>by</ins> the sea"
    )
    assert str(marked_difference("沿海地方の州都", "沿海地方の首都")) == (
        "沿海地方の<del>州</del><ins>首</ins>都"
    )
    assert str(marked_difference("", "<b>")) == "<ins>&lt;b&gt;</ins>"


def test_each_save_shows_the_fields_it_changed_per_language(admin_client):
    region = builders.region(name_en="Primorsky Krai", name_ru="Приморский край")
    _save(admin_client, region)
    _save(
        admin_client,
        region,
        name_ru="Приморье",
        name_ko="연해주",
        description_mn="Японы тэнгисийн эрэг 🙂",
    )

    response = _changes_page(admin_client, region)

    assert response.status_code == 200
    rows = [
        (change.label, change.language, change.before, change.after)
        for change in response.context["records"][0].fields
    ]
    assert ("Name", "ru", "Приморский край", "Приморье") in rows
    assert ("Name", "ko", "", "연해주") in rows
    assert ("Description", "mn", "", "Японы тэнгисийн эрэг 🙂") in rows
    assert len(rows) == 3
    content = response.content.decode()
    assert "Русский" in content and "한국어" in content and "Монгол" in content
    assert "<del>Приморский край</del><ins>Приморье</ins>" in content


def test_children_saved_with_the_record_are_listed_added_changed_and_removed(admin_client):
    region = builders.region(name_en="Gangwon")
    contact = builders.contact(region=region, email="old@gangwon.kr")
    _save(admin_client, region)
    data = _save(admin_client, region)
    prefix = next(
        k.removesuffix("-id")
        for k, v in data.items()
        if k.endswith("-id") and v == str(contact.pk) and k.startswith("contacts-")
    )

    _save(admin_client, region, **{f"{prefix}-email": "intl@gangwon.kr"})
    records = _changes_page(admin_client, region).context["records"]
    contact_changes = [record for record in records if record.model_name == "Contact"]
    assert contact_changes[0].state == "changed"
    assert [(c.label, c.before, c.after) for c in contact_changes[0].fields] == [
        ("Email", "old@gangwon.kr", "intl@gangwon.kr")
    ]

    _save(admin_client, region, **{f"{prefix}-DELETE": "on"})
    records = _changes_page(admin_client, region).context["records"]
    assert [(r.model_name, r.state) for r in records[1:]] == [("Contact", "removed")]


def test_a_revision_of_several_records_shows_only_this_record(admin_client):
    first = builders.region(name_en="Tov", is_published=False)
    second = builders.region(name_en="Dornod", is_published=False)
    admin_client.post(
        reverse("admin:members_region_changelist"),
        {"action": "publish_selected", "_selected_action": [first.pk, second.pk]},
    )

    records = _changes_page(admin_client, first).context["records"]

    assert [record.record for record in records] == [str(Region.objects.get(pk=first.pk))]


def test_changes_need_view_permission_and_an_existing_version(admin_client):
    region = builders.region()
    _save(admin_client, region)
    version = Version.objects.get_for_object(region).first()
    url = reverse("admin:members_region_version_changes", args=[region.pk, version.pk])

    assert Client().get(url).status_code == 302  # to the login page
    other = reverse("admin:members_region_version_changes", args=[region.pk, version.pk + 999])
    assert admin_client.get(other).status_code == 404

"""Every save keeps a version: staff revert a record, or recover a deleted one with its children."""

import pytest
from django.urls import reverse
from reversion.models import Version

from association.languages import localized_field_names
from members.models import Contact, Region
from tests import builders
from tests.association.test_admin_saves import form_data

pytestmark = pytest.mark.django_db

NAME_COLUMNS = localized_field_names("name")


def _save_through_admin(client, region, **changes):
    url = reverse("admin:members_region_change", args=[region.pk])
    data = form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302
    return response


def _names(region):
    region.refresh_from_db()
    return {column: getattr(region, column) for column in NAME_COLUMNS}


def test_saving_in_the_admin_keeps_a_version_with_every_language(admin_client):
    region = builders.region(name_en="Heilongjiang Province", name_ru="Провинция Хэйлунцзян")

    _save_through_admin(admin_client, region, name_ko="헤이룽장성", name_mn="Хэйлунцзян муж 🙂")

    version = Version.objects.get_for_object(region).get()
    fields = version.field_dict
    assert fields["name_ko"] == "헤이룽장성"
    assert fields["name_ru"] == "Провинция Хэйлунцзян"
    assert fields["name_mn"] == "Хэйлунцзян муж 🙂"


def test_revert_restores_every_language_exactly(admin_client):
    region = builders.region(name_en="Heilongjiang Province")
    _save_through_admin(
        admin_client, region, name_ko="헤이룽장성", name_zh_hans="黑龙江省", name_ja="黒竜江省"
    )
    before = _names(region)
    _save_through_admin(
        admin_client, region, name_ko="흑룡강성", name_zh_hans="", name_ja="黒龍江省"
    )
    assert _names(region) != before

    first = Version.objects.get_for_object(region).last()
    url = reverse("admin:members_region_revision", args=[region.pk, first.pk])
    response = admin_client.post(url, form_data(admin_client.get(url)))

    assert response.status_code == 302
    assert _names(region) == before


def test_deleted_region_is_recovered_with_its_contacts(admin_client):
    region = builders.region(slug="tianjin", name_en="Tianjin Municipality", native_name="天津市")
    builders.contact(
        region=region, phone="+86 22 2345 6789", address_native="天津市和平区", is_primary=True
    )
    _save_through_admin(admin_client, region, name_ko="톈진시")
    delete_url = reverse("admin:members_region_delete", args=[region.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Region.objects.filter(slug="tianjin").exists()

    deleted = Version.objects.get_deleted(Region).get()
    url = reverse("admin:members_region_recover", args=[deleted.pk])
    response = admin_client.post(url, form_data(admin_client.get(url)))

    assert response.status_code == 302
    recovered = Region.objects.get(slug="tianjin")
    assert (recovered.name_en, recovered.name_ko, recovered.native_name) == (
        "Tianjin Municipality",
        "톈진시",
        "天津市",
    )
    contact = Contact.objects.get(region=recovered)
    assert (contact.phone.as_e164, contact.address_native) == ("+862223456789", "天津市和平区")


@pytest.mark.parametrize("language", ["ko", "ja", "mn"])
def test_history_pages_speak_the_staff_members_language(admin_client, language):
    region = builders.region()
    _save_through_admin(admin_client, region, name_ko="지역")

    history = admin_client.get(
        reverse("admin:members_region_history", args=[region.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    recover = admin_client.get(
        reverse("admin:members_region_recoverlist"), HTTP_ACCEPT_LANGUAGE=language
    )

    assert history.status_code == recover.status_code == 200
    assert "Choose a date from the list below" not in history.content.decode()
    assert "There are no deleted objects to recover." not in recover.content.decode()

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


def test_recovery_brings_back_every_column_every_child_and_the_files(admin_client):
    from datetime import datetime

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from association.models import Document, Photo
    from members.models import MembershipEvent

    region = builders.region(
        slug="tuv",
        name_en="Tuv Province",
        name_mn="Төв аймаг",
        name_zh_hans="中央省",
        description_ru="Аймаг вокруг Улан-Батора 🙂",
        website="https://tov.gov.mn/",
    )
    builders.contact(region=region, email="info@tov.gov.mn", office_ko="국제협력과")
    builders.event(region=region, kind=MembershipEvent.Kind.JOINED, year=2006)
    photo_name = default_storage.save("photos/2024/tuv.jpg", ContentFile(b"\xff\xd8jpeg"))
    pdf_name = default_storage.save("documents/2024/tuv.pdf", ContentFile(b"%PDF-1.4 tuv"))
    builders.photo(region=region, image=photo_name, alt_text_en="Steppe", alt_text_mn="Тал")
    builders.document(region=region, file=pdf_name, title_en="Agreement", title_ru="Соглашение")
    _save_through_admin(admin_client, region)

    def stored(value):
        # Versions keep times to the millisecond (Django's JSON serializer).
        if isinstance(value, datetime):
            return str(value.replace(microsecond=value.microsecond // 1000 * 1000))
        return str(value)

    def columns(obj):
        return {
            field.attname: stored(getattr(obj, field.attname))
            for field in obj._meta.concrete_fields
            if field.attname not in ("id", "region_id", "updated_at")
        }

    def snapshot():
        recovered = Region.objects.get(slug="tuv")
        children = [
            sorted(
                tuple(sorted(columns(row).items()))
                for row in model.objects.filter(region=recovered)
            )
            for model in (Contact, MembershipEvent, Photo, Document)
        ]
        return columns(recovered), children

    before = snapshot()
    delete_url = reverse("admin:members_region_delete", args=[region.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Photo.objects.exists() and not Document.objects.exists()
    # Deleting a record never deletes its files: recovery needs them.
    assert default_storage.exists(photo_name) and default_storage.exists(pdf_name)

    deleted = Version.objects.get_deleted(Region).get()
    url = reverse("admin:members_region_recover", args=[deleted.pk])
    assert admin_client.post(url, form_data(admin_client.get(url))).status_code == 302

    after = snapshot()
    assert after[0] == before[0]
    for recovered_rows, original_rows in zip(after[1], before[1], strict=True):
        assert recovered_rows == original_rows
    assert default_storage.exists(Photo.objects.get().image.name)
    assert default_storage.exists(Document.objects.get().file.name)

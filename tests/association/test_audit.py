"""Every add, change, delete, publish, unpublish, revert, recover and import is in the trail."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from association import audit, roles
from association.languages import language_codes
from association.models import AuditEntry
from members.models import Region
from tests import builders
from tests.association.test_admin_saves import form_data

pytestmark = pytest.mark.django_db

TRAIL = reverse("admin:association_auditentry_changelist")


def _staff(group_name, username=None):
    user = get_user_model().objects.create_user(
        username or group_name.split()[0].lower(), is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(client):
    user = _staff(roles.EDITORS)
    client.force_login(user)
    return user


def _latest():
    entry = AuditEntry.objects.first()
    return (entry.user.username, *audit.parse(entry)[:2]), entry


def _save(client, region, **changes):
    url = reverse("admin:members_region_change", args=[region.pk])
    data = form_data(client.get(url))
    data.update(changes)
    assert client.post(url, data).status_code == 302


def test_change_is_logged_with_fields_and_their_language(client, editor):
    region = builders.region()

    _save(client, region, name_ru="Провинция", name_zh_hans="省")

    (user, action, fields), _entry = _latest()
    assert (user, action) == ("secretariat", audit.CHANGED)
    assert sorted(fields) == ["Name [Русский]", "Name [简体中文]"]


def test_add_and_delete_are_logged(client, editor):
    country = builders.country()
    add_url = reverse("admin:members_country_add")
    data = form_data(client.get(add_url))
    data.update(name_en="Mongolia", code="MN", slug="mongolia", native_language="mn")
    assert client.post(add_url, data).status_code == 302
    added = AuditEntry.objects.with_action(audit.ADDED).get()
    assert added.object_repr == "Mongolia"

    delete_url = reverse("admin:members_country_delete", args=[country.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    deleted = AuditEntry.objects.with_action(audit.DELETED).get()
    assert (deleted.object_repr, deleted.user) == (str(country), editor)


def test_publish_and_unpublish_are_logged(client, editor):
    region = builders.region(is_published=False)
    changelist = reverse("admin:members_region_changelist")

    client.post(changelist, {"action": "publish_selected", "_selected_action": [region.pk]})
    assert _latest()[0] == ("secretariat", audit.PUBLISHED, ["Published"])
    client.post(changelist, {"action": "unpublish_selected", "_selected_action": [region.pk]})
    assert _latest()[0] == ("secretariat", audit.UNPUBLISHED, ["Published"])
    assert AuditEntry.objects.with_action(audit.CHANGED).count() == 0


def test_revert_is_logged_with_the_fields_it_restored(client, editor):
    region = builders.region(name_en="Jilin")
    _save(client, region, name_ko="지린성")
    _save(client, region, name_ko="길림성", name_ja="吉林省")
    first = Version.objects.get_for_object(region).last()
    url = reverse("admin:members_region_revision", args=[region.pk, first.pk])

    assert client.post(url, form_data(client.get(url))).status_code == 302

    (user, action, fields), _entry = _latest()
    assert (user, action) == ("secretariat", audit.REVERTED)
    assert fields == ["Name [한국어]", "Name [日本語]"]


def test_recover_is_logged(client, editor):
    region = builders.region(slug="tianjin")
    _save(client, region, name_ko="톈진시")
    delete_url = reverse("admin:members_region_delete", args=[region.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    deleted = Version.objects.get_deleted(Region).get()
    url = reverse("admin:members_region_recover", args=[deleted.pk])

    assert client.post(url, form_data(client.get(url))).status_code == 302

    assert _latest()[0][:2] == ("secretariat", audit.RECOVERED)
    assert AuditEntry.objects.with_action(audit.RECOVERED).count() == 1


def test_record_is_what_imports_call(editor, rf):
    region = builders.region()
    request = rf.post("/")
    request.user = editor

    audit.record(request, region, audit.IMPORTED, fields=["name_mn"], note="regions.xlsx")

    (user, action, fields), entry = _latest()
    assert (user, action, fields) == ("secretariat", audit.IMPORTED, ["Name [Монгол]"])
    assert audit.parse(entry)[2] == "regions.xlsx"


def test_trail_is_listed_filtered_and_searched_for_editors(client, editor):
    region = builders.region(name_en="Gyeongsangbuk-do")
    _save(client, region, name_ko="경상북도")
    client.post(
        reverse("admin:members_region_changelist"),
        {"action": "unpublish_selected", "_selected_action": [region.pk]},
    )

    page = client.get(TRAIL).content.decode()
    assert "Name [한국어]" in page and "Gyeongsangbuk-do" in page

    unpublished = client.get(TRAIL, {"action": audit.UNPUBLISHED})
    assert list(unpublished.context["cl"].result_list) == [
        AuditEntry.objects.with_action(audit.UNPUBLISHED).get()
    ]
    assert client.get(TRAIL, {"q": "Gyeongsangbuk"}).context["cl"].result_count == 2
    by_user = client.get(TRAIL, {"user__id__exact": editor.pk})
    assert by_user.context["cl"].result_count == 2


def test_trail_speaks_the_readers_language(client, editor):
    region = builders.region()
    _save(client, region, name_ru="Провинция")

    page = client.get(TRAIL, HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    assert "[Русский]" in page


def test_trail_is_read_only(client, editor):
    region = builders.region()
    _save(client, region, name_ru="Провинция")
    entry = AuditEntry.objects.first()

    assert client.get(reverse("admin:association_auditentry_add")).status_code == 403
    assert (
        client.post(reverse("admin:association_auditentry_delete", args=[entry.pk])).status_code
        == 403
    )
    change = client.post(
        reverse("admin:association_auditentry_change", args=[entry.pk]), {"object_repr": "x"}
    )
    assert change.status_code == 403
    entry.refresh_from_db()
    assert entry.object_repr == str(region)


def test_translators_cannot_see_the_trail(client):
    client.force_login(_staff(roles.TRANSLATORS))

    assert client.get(TRAIL).status_code == 403


def test_administrators_see_the_trail(client):
    client.force_login(_staff(roles.ADMINISTRATORS))

    assert client.get(TRAIL).status_code == 200


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(TRAIL).status_code == 200
    return len(queries)


def test_trail_list_query_count_does_not_grow(client, editor):
    for _ in range(3):
        _save(client, builders.region(), name_ru="Провинция")
    few = _queries(client)
    for _ in range(10):
        _save(client, builders.region(), name_ru="Провинция")

    assert _queries(client) == few <= 12


@pytest.mark.parametrize("language", language_codes())
def test_trail_pages_answer_in_every_language(client, editor, language):
    region = builders.region()
    _save(client, region, name_ja="省")
    entry = AuditEntry.objects.first()

    for url in (TRAIL, reverse("admin:association_auditentry_change", args=[entry.pk])):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        assert f'<html lang="{language}"' in response.content.decode()
        assert "[日本語]" in response.content.decode()


def test_bulk_delete_logs_each_record(client, editor):
    regions = [builders.region(), builders.region()]

    client.post(
        reverse("admin:members_region_changelist"),
        {"action": "delete_selected", "_selected_action": [r.pk for r in regions], "post": "yes"},
    )

    deleted = AuditEntry.objects.with_action(audit.DELETED)
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted(str(r.pk) for r in regions)
    assert {entry.user for entry in deleted} == {editor}

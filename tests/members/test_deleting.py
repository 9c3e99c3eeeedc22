"""Careful deletes: what others refer to is refused with the list; what a record owns goes
with it and comes back with it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from association import roles
from association.models import GeneralAssembly
from members.admin import RegionAdmin
from members.models import Activity, Contact, MembershipEvent, Region
from tests import builders
from tests.association.test_admin_saves import form_data

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:members_region_changelist")


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("editor", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.EDITORS))
    client.force_login(user)
    return user


def _delete_url(region):
    return reverse("admin:members_region_delete", args=[region.pk])


def _bulk_delete(client, *regions, confirm=False):
    data = {"action": "delete_selected", "_selected_action": [r.pk for r in regions]}
    if confirm:
        data["post"] = "yes"
    return client.post(CHANGELIST, data)


def test_region_hosting_an_assembly_is_not_deleted_and_the_assembly_is_named(client, editor):
    region = builders.region(name_en="Gyeongsangbuk-do")
    assembly = builders.assembly(number=14, host_region=region)

    page = client.get(_delete_url(region))
    refused = client.post(_delete_url(region), {"post": "yes"})

    assert page.status_code == refused.status_code == 200
    assert str(assembly) in page.content.decode()
    assert "would require deleting the following protected related objects" in (
        page.content.decode()
    )
    assert Region.objects.filter(pk=region.pk).exists()


@pytest.mark.parametrize("confirm", [False, True])
def test_bulk_delete_refuses_regions_with_committee_seats(client, editor, confirm):
    free = builders.region()
    seated = builders.region(name_en="Toyama")
    membership = builders.membership(region=seated)

    response = _bulk_delete(client, free, seated, confirm=confirm)

    assert response.status_code == 200
    assert str(membership) in response.content.decode()
    assert Region.objects.filter(pk__in=[free.pk, seated.pk]).count() == 2


def test_region_taking_part_in_another_regions_activity_is_refused(client, editor):
    host = builders.region(name_en="Jilin")
    guest = builders.region(name_en="Primorsky")
    activity = builders.activity(region=host, title_en="Tumen River forum")
    activity.participants.add(guest)

    page = client.get(_delete_url(guest)).content.decode()
    client.post(_delete_url(guest), {"post": "yes"})
    _bulk_delete(client, guest, confirm=True)

    assert "Tumen River forum" in page
    assert reverse("admin:members_activity_change", args=[activity.pk]) in page
    assert list(activity.participants.all()) == [guest]


def test_region_with_its_own_activity_among_participants_can_be_deleted(client, editor):
    region = builders.region()
    activity = builders.activity(region=region)
    activity.participants.add(region)

    assert client.post(_delete_url(region), {"post": "yes"}).status_code == 302
    assert not Region.objects.filter(pk=region.pk).exists()


def test_delete_refusal_speaks_the_staff_members_language(client, editor):
    region = builders.region()
    builders.assembly(host_region=region)

    page = client.get(_delete_url(region), HTTP_ACCEPT_LANGUAGE="ko").content.decode()

    assert "would require deleting" not in page
    assert "보호" in page  # Django's Korean: 보호된 관련 객체


def test_owned_children_are_listed_deleted_and_recovered_with_the_region(client, editor):
    region = builders.region(slug="tianjin", name_en="Tianjin")
    builders.contact(region=region, office_en="Foreign Affairs Office", is_primary=True)
    builders.event(region=region, year=2008)
    builders.activity(region=region, title_en="Port forum")
    builders.photo(region=region, alt_text_en="Harbour at dusk")
    url = reverse("admin:members_region_change", args=[region.pk])
    assert client.post(url, form_data(client.get(url))).status_code == 302  # a version

    page = client.get(_delete_url(region)).content.decode()
    for shown in ("Foreign Affairs Office", "Port forum", "Harbour at dusk", "2008"):
        assert shown in page
    assert client.post(_delete_url(region), {"post": "yes"}).status_code == 302
    assert not Contact.objects.exists() and not Activity.objects.exists()

    deleted = Version.objects.get_deleted(Region).get()
    recover = reverse("admin:members_region_recover", args=[deleted.pk])
    assert client.post(recover, form_data(client.get(recover))).status_code == 302

    recovered = Region.objects.get(slug="tianjin")
    assert recovered.contacts.get().office_en == "Foreign Affairs Office"
    assert recovered.membership_events.get().year == 2008
    assert recovered.activities.get().title_en == "Port forum"
    assert recovered.photos.get().alt_text_en == "Harbour at dusk"


def test_assembly_that_membership_events_refer_to_is_refused(client, editor):
    assembly = builders.assembly(number=7)
    event = builders.event(general_assembly=assembly, year=assembly.year)
    url = reverse("admin:association_generalassembly_delete", args=[assembly.pk])

    page = client.get(url).content.decode()
    client.post(url, {"post": "yes"})

    assert str(event) in page
    assert GeneralAssembly.objects.filter(pk=assembly.pk).exists()
    event.refresh_from_db()
    assert event.general_assembly == assembly


def test_reference_made_while_confirming_refuses_cleanly(client, editor, monkeypatch):
    region = builders.region()
    builders.assembly(host_region=region)
    # As if the assembly had been linked after the confirmation page was shown.
    monkeypatch.setattr(
        RegionAdmin, "get_deleted_objects", lambda self, objs, request: ([], {}, set(), [])
    )

    single = client.post(_delete_url(region), {"post": "yes"}, follow=True)
    bulk = _bulk_delete(client, region, confirm=True)

    assert single.status_code == 200
    assert "Nothing was deleted" in single.content.decode()
    assert bulk.status_code == 302
    assert Region.objects.filter(pk=region.pk).exists()
    assert MembershipEvent.objects.count() == 0

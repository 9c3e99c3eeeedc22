"""The demo content: every member in six languages, loaded idempotently, edits kept."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from association.languages import localized_field_names
from association.models import Committee, CommitteeMeeting, GeneralAssembly, Page, SeededRecord
from members.models import Contact, Country, MembershipEvent, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    call_command("load_demo_content", stdout=StringIO())


def _snapshot():
    models = [
        Country,
        Region,
        Contact,
        MembershipEvent,
        GeneralAssembly,
        Committee,
        CommitteeMeeting,
        Page,
    ]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def test_loader_counts_members_per_country(loaded):
    members = Region.objects.members()

    assert members.count() == 82
    assert {
        code: members.filter(country__code=code).count()
        for code in ["CN", "JP", "KR", "KP", "MN", "RU"]
    } == {
        "CN": 14,
        "JP": 11,
        "KR": 16,
        "KP": 2,
        "MN": 22,
        "RU": 17,
    }


def test_loader_counts_other_statuses(loaded):
    counts = {
        status: Region.objects.filter(status=status).count() for status in Region.Status.values
    }

    assert counts["associate"] == 3
    assert counts["special"] == 1
    assert counts["observer"] >= 5
    assert counts["former"] >= 1


def test_loader_names_every_region_in_six_languages(loaded):
    columns = localized_field_names("name")
    missing = [
        (region["slug"], column)
        for region in Region.objects.values("slug", *columns)
        for column in columns
        if not region[column]
    ]

    assert missing == []


def test_loader_loads_fifteen_held_assemblies_and_the_planned_sixteenth(loaded):
    assert list(
        GeneralAssembly.objects.order_by("number").values_list("number", flat=True)
    ) == list(range(1, 17))
    planned = GeneralAssembly.objects.get(number=16)
    assert planned.start_date is None
    assert planned.host_region.slug == "buryatia"
    assert GeneralAssembly.objects.filter(start_date__isnull=True).exclude(number=16).count() < 15


def test_loader_loads_working_committee_and_subcommittees_with_coordinators(loaded):
    working = Committee.objects.get(slug="working-committee")
    subcommittees = Committee.objects.filter(
        kind=Committee.Kind.SUBCOMMITTEE, dissolved_year__isnull=True, number__isnull=False
    )

    assert working.meetings.count() == 14
    assert subcommittees.count() == 19
    without_coordinator = [
        committee.slug
        for committee in subcommittees
        if not committee.memberships.filter(role="coordinator", until__isnull=True).exists()
    ]
    assert without_coordinator == []


def test_loader_loads_chinese_contacts_from_the_current_site(loaded):
    heilongjiang = Contact.objects.get(region__slug="heilongjiang")
    hunan = Contact.objects.get(region__slug="hunan")

    assert Contact.objects.filter(region__country__code="CN").count() == 14
    assert heilongjiang.phone.as_e164 == "+8645153631091"
    assert heilongjiang.address_native == "黑龙江省哈尔滨市南岗区果戈里大街300"
    assert (hunan.phone.as_e164, hunan.phone_alt.as_e164) == ("+8673182217493", "+8673182219825")


def test_loader_writes_the_association_pages(loaded):
    slugs = set(Page.objects.values_list("slug", flat=True))

    assert {"about", "charter", "secretariat", "how-to-join"} <= slugs
    with translation.override("mn"):
        assert Page.objects.get(slug="about").title != Page.objects.get(slug="about").title_en


def test_loader_run_twice_changes_nothing(loaded):
    before = _snapshot()

    call_command("load_demo_content", stdout=StringIO())

    after = _snapshot()
    assert after == before


def test_loader_keeps_an_edit_made_in_the_admin(loaded):
    region = Region.objects.get(slug="jilin")
    region.name_ko = "길림성"
    region.save()

    call_command("load_demo_content", stdout=StringIO())

    region.refresh_from_db()
    assert region.name_ko == "길림성"


def test_loader_keeps_a_deleted_record_deleted(loaded):
    Contact.objects.filter(region__slug="gansu").delete()

    call_command("load_demo_content", stdout=StringIO())

    assert not Contact.objects.filter(region__slug="gansu").exists()


def test_loader_overwrite_flag_restores_the_files_values(loaded):
    region = Region.objects.get(slug="jilin")
    original = region.name_ko
    region.name_ko = "길림성"
    region.save()

    call_command("load_demo_content", overwrite=True, stdout=StringIO())

    region.refresh_from_db()
    assert region.name_ko == original


def test_loader_remembers_what_it_wrote(loaded):
    assert SeededRecord.objects.filter(key="region heilongjiang").exists()

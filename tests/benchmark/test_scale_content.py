"""generate_scale_content: published content at a multiple of the demo's size, seeded."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from association.languages import localized_field_names
from association.models import Committee, CommitteeMeeting, CommitteeMembership, GeneralAssembly
from association.search import search_text_of
from members.models import Activity, Contact, MembershipEvent, Region, check_membership_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo_content", stdout=StringIO())


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Region, GeneralAssembly, Committee, CommitteeMeeting, Activity)
    }


def _generate(factor=3, seed=7):
    call_command("generate_scale_content", factor=factor, seed=seed, stdout=StringIO())


def test_grows_every_kind_of_content_to_the_factor(demo):
    before = _counts()

    _generate(factor=3)

    after = _counts()
    for model in ("Region", "GeneralAssembly", "Committee"):
        assert after[model] == 3 * before[model], model
    assert after["Activity"] > 3 * before["Activity"]
    assert after["CommitteeMeeting"] > before["CommitteeMeeting"]
    assert CommitteeMembership.objects.filter(committee__slug__contains="-scale-").exists()
    assert Contact.objects.filter(region__slug__contains="-scale-").exists()
    assert MembershipEvent.objects.filter(region__slug__contains="-scale-").count() > 0


def test_generated_records_are_published_and_in_six_languages(demo):
    _generate()

    generated = Region.objects.filter(slug__contains="-scale-")
    assert not generated.filter(is_published=False).exists()
    for region in generated[:20]:
        names = [getattr(region, column) for column in localized_field_names("name")]
        assert all(names), region.slug
        assert region.description_en  # copied from a demo region: demo-like length
        assert region.search_text == search_text_of(region)  # found by its own names
    assert not GeneralAssembly.objects.filter(is_published=False).exists()
    assert not Committee.objects.filter(is_published=False).exists()


def test_generated_membership_histories_are_valid(demo):
    _generate()

    for region in Region.objects.filter(slug__contains="-scale-")[:100]:
        check_membership_history(list(region.membership_events.all()))


def test_same_seed_gives_the_same_content(demo):
    def snapshot():
        return list(
            Region.objects.filter(slug__contains="-scale-")
            .order_by("slug")
            .values_list("slug", "name_ja", "population", "status")
        ) + list(MembershipEvent.objects.order_by("region__slug", "year").values_list("kind"))

    with transaction.atomic():
        _generate(seed=11)
        first = snapshot()
        transaction.set_rollback(True)
    _generate(seed=11)

    assert snapshot() == first


def test_refuses_an_empty_database_and_a_second_run(demo):
    _generate()
    with pytest.raises(CommandError, match="already holds generated content"):
        _generate()


def test_refuses_without_demo_content():
    with pytest.raises(CommandError, match="load_demo_content"):
        _generate()

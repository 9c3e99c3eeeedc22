import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from members.models import Contact, MembershipEvent, Region, check_membership_history
from tests import builders

pytestmark = pytest.mark.django_db


def test_contact_second_primary_for_region_is_refused_with_message():
    region = builders.region()
    builders.contact(region=region, is_primary=True)
    second = Contact(region=region, office_en="Protocol", is_primary=True)

    with pytest.raises(ValidationError) as error:
        second.full_clean()

    assert error.value.messages == ["A region can have only one primary contact."]


def test_contact_second_primary_is_refused_by_the_database_too():
    region = builders.region()
    builders.contact(region=region, is_primary=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.create(region=region, is_primary=True)


def test_contact_primary_in_two_regions_is_allowed():
    builders.contact(is_primary=True)
    other = Contact(region=builders.region(), office_en="Protocol", is_primary=True)

    other.full_clean()


@pytest.mark.parametrize("number", ["0971-8239560", "+86 12", "451-5363-1091", "phone"])
def test_contact_phone_not_in_international_form_is_refused(number):
    contact = Contact(region=builders.region(), phone=number)

    with pytest.raises(ValidationError) as error:
        contact.full_clean()

    assert list(error.value.message_dict) == ["phone"]


def test_contact_phone_is_stored_in_e164_and_shown_internationally():
    contact = builders.contact(phone="+86-451-53631091")
    contact.refresh_from_db()

    assert contact.phone.as_e164 == "+8645153631091"
    assert contact.phone.as_international == "+86 451 5363 1091"


def test_region_website_must_be_a_url():
    region = builders.region()
    region.website = "gb.go.kr homepage"

    with pytest.raises(ValidationError) as error:
        region.full_clean()

    assert error.value.message_dict["website"] == ["Enter a valid URL."]


def test_region_slug_must_be_ascii():
    region = Region(
        country=builders.country(),
        slug="헤이룽장",
        name_en="Heilongjiang Province",
        native_name="黑龙江省",
        kind=Region.Kind.PROVINCE,
    )

    with pytest.raises(ValidationError) as error:
        region.full_clean()

    assert "slug" in error.value.message_dict


def test_region_slug_must_be_unique():
    builders.region(slug="heilongjiang")
    twin = Region(
        country=builders.country(),
        slug="heilongjiang",
        name_en="Heilongjiang",
        native_name="黑龙江省",
        kind=Region.Kind.PROVINCE,
    )

    with pytest.raises(ValidationError) as error:
        twin.full_clean()

    assert error.value.message_dict["slug"] == ["Region with this Slug already exists."]


def test_region_english_name_is_required_other_languages_are_not():
    region = Region(
        country=builders.country(), slug="x", native_name="X", kind=Region.Kind.PROVINCE
    )

    with pytest.raises(ValidationError) as error:
        region.full_clean()

    assert set(error.value.message_dict) == {"name", "name_en"}


def test_region_name_falls_back_to_english(settings):
    from django.utils import translation

    region = builders.region(name_en="Jilin Province", name_ko="지린성")

    with translation.override("ko"):
        assert region.name == "지린성"
    with translation.override("ru"):
        assert region.name == "Jilin Province"


def test_region_latitude_without_longitude_is_refused():
    region = builders.region()
    region.latitude = 45

    with pytest.raises(ValidationError) as error:
        region.full_clean()

    assert error.value.messages == ["Give both latitude and longitude, or neither."]


def test_region_year_joined_comes_from_first_joining_event():
    region = builders.region()
    builders.event(region=region, kind=MembershipEvent.Kind.OBSERVER, year=1998)
    builders.event(region=region, kind=MembershipEvent.Kind.JOINED, year=2021)

    annotated = Region.objects.with_year_joined().get(pk=region.pk)

    assert annotated.year_joined == 2021


def _events(*pairs):
    return [MembershipEvent(kind=kind, year=year) for kind, year in pairs]


def test_history_withdrew_before_joined_is_refused():
    events = _events(("withdrew", 2000), ("joined", 2004))

    with pytest.raises(ValidationError) as error:
        check_membership_history(events)

    assert error.value.messages == [
        "“withdrew” in 2000 does not fit the history: a history starts with founding, "
        "joining, or observer, associate or special status."
    ]


def test_history_observer_then_member_then_withdrew_then_rejoined_is_accepted():
    events = _events(("observer", 1998), ("joined", 2021), ("withdrew", 2022), ("rejoined", 2023))

    check_membership_history(reversed(events))


def test_history_rejoined_without_withdrawal_is_refused():
    with pytest.raises(ValidationError) as error:
        check_membership_history(_events(("joined", 2000), ("rejoined", 2004)))

    assert "use “rejoined” only after “withdrew”" in error.value.messages[0]


def test_history_founding_after_another_event_is_refused():
    with pytest.raises(ValidationError) as error:
        check_membership_history(_events(("observer", 1995), ("founding", 1996)))

    assert error.value.messages == [
        "A region can be a founding member only as the first event of its history."
    ]


def test_history_uses_dates_within_a_year():
    events = [
        MembershipEvent(kind="withdrew", year=2008, date=datetime.date(2008, 12, 1)),
        MembershipEvent(kind="joined", year=2008, date=datetime.date(2008, 1, 10)),
    ]

    check_membership_history(events)


def test_event_date_outside_its_year_is_refused():
    event = MembershipEvent(
        region=builders.region(), kind="joined", year=2014, date=datetime.date(2015, 1, 1)
    )

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert error.value.message_dict == {"date": ["The date must fall in the year 2014."]}


def test_event_at_assembly_of_another_year_is_refused():
    assembly = builders.assembly(number=10, year=2014)
    event = MembershipEvent(
        region=builders.region(), kind="joined", year=2016, general_assembly=assembly
    )

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert error.value.message_dict == {"year": ["The meeting chosen took place in 2014."]}


def test_event_at_assembly_and_meeting_is_refused():
    assembly = builders.assembly(number=4, year=2002)
    meeting = builders.meeting(year=2002)
    event = MembershipEvent(
        region=builders.region(),
        kind="joined",
        year=2002,
        general_assembly=assembly,
        committee_meeting=meeting,
    )

    with pytest.raises(ValidationError) as error:
        event.full_clean()

    assert error.value.message_dict == {
        "committee_meeting": ["Choose the General Assembly or the committee meeting, not both."]
    }

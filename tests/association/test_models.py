import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from association.models import Committee, CommitteeMeeting, GeneralAssembly, Photo
from tests import builders

pytestmark = pytest.mark.django_db


def test_assembly_end_before_start_is_refused():
    assembly = GeneralAssembly(
        number=5,
        year=2004,
        city_en="Harbin",
        start_date=datetime.date(2004, 9, 8),
        end_date=datetime.date(2004, 9, 7),
    )

    with pytest.raises(ValidationError) as error:
        assembly.full_clean()

    assert error.value.message_dict == {
        "end_date": ["The end date cannot be before the start date."]
    }


def test_assembly_end_before_start_message_is_translated():
    assembly = GeneralAssembly(
        number=5,
        year=2004,
        start_date=datetime.date(2004, 9, 8),
        end_date=datetime.date(2004, 9, 7),
    )

    with translation.override("ko"):
        with pytest.raises(ValidationError) as error:
            assembly.full_clean()

        assert error.value.message_dict["end_date"] == ["종료일은 시작일보다 앞설 수 없습니다."]


def test_assembly_start_outside_its_year_is_refused():
    assembly = GeneralAssembly(number=13, year=2021, start_date=datetime.date(2020, 8, 10))

    with pytest.raises(ValidationError) as error:
        assembly.full_clean()

    assert error.value.message_dict == {
        "start_date": ["The start date must fall in the year 2021."]
    }


def test_assembly_number_must_be_unique():
    builders.assembly(number=14, year=2023)
    twin = GeneralAssembly(number=14, year=2023)

    with pytest.raises(ValidationError) as error:
        twin.full_clean()

    assert error.value.message_dict["number"] == [
        "A General Assembly with this number already exists."
    ]


def test_assembly_chair_term_ending_before_it_begins_is_refused():
    assembly = GeneralAssembly(
        number=2,
        year=1998,
        chair_from=datetime.date(1998, 10, 1),
        chair_until=datetime.date(1996, 9, 1),
    )

    with pytest.raises(ValidationError) as error:
        assembly.full_clean()

    assert error.value.message_dict == {
        "chair_until": ["The chair's term cannot end before it begins."]
    }


def test_assembly_upcoming_includes_planned_without_dates(settings):
    held = builders.assembly(number=15, year=2025, start_date=datetime.date(2025, 6, 11))
    planned = builders.assembly(number=16, year=2100)

    assert list(GeneralAssembly.objects.upcoming()) == [planned]
    assert list(GeneralAssembly.objects.held()) == [held]


def test_assembly_is_planned_exactly_when_it_is_upcoming():
    held = builders.assembly(number=15, year=2025, start_date=datetime.date(2025, 6, 11))
    held_without_dates = builders.assembly(number=2, year=1998)
    planned = builders.assembly(number=16, year=2100)
    dated_ahead = builders.assembly(number=17, year=2101, start_date=datetime.date(2101, 9, 1))

    assert [a.is_planned for a in (held, held_without_dates, planned, dated_ahead)] == [
        False,
        False,
        True,
        True,
    ]
    assert set(GeneralAssembly.objects.upcoming()) == {planned, dated_ahead}


def test_meeting_number_unique_within_committee():
    working = builders.committee(kind=Committee.Kind.WORKING, slug="working-committee")
    builders.meeting(committee=working, number=14, year=2024)
    twin = CommitteeMeeting(committee=working, number=14, year=2024)

    with pytest.raises(ValidationError) as error:
        twin.full_clean()

    assert error.value.messages == ["This committee already has a meeting with this number."]


def test_meeting_number_may_repeat_across_committees():
    builders.meeting(number=1, year=2009)
    other = CommitteeMeeting(committee=builders.committee(), number=1, year=2010, city_en="Qingdao")

    other.full_clean()


def test_meeting_end_before_start_is_refused():
    meeting = CommitteeMeeting(
        committee=builders.committee(),
        year=2019,
        start_date=datetime.date(2019, 8, 8),
        end_date=datetime.date(2019, 8, 6),
    )

    with pytest.raises(ValidationError) as error:
        meeting.full_clean()

    assert error.value.message_dict == {
        "end_date": ["The end date cannot be before the start date."]
    }


def test_committee_dissolved_before_established_is_refused():
    committee = Committee(
        kind=Committee.Kind.SUBCOMMITTEE,
        slug="general-exchange",
        name_en="General Exchange",
        established_year=2008,
        dissolved_year=1998,
    )

    with pytest.raises(ValidationError) as error:
        committee.full_clean()

    assert error.value.message_dict == {
        "dissolved_year": ["A committee cannot be dissolved before it was established."]
    }


def test_membership_until_before_since_is_refused():
    membership = builders.membership(since=2016)
    membership.until = 2012

    with pytest.raises(ValidationError) as error:
        membership.full_clean()

    assert error.value.message_dict == {"until": ["The end year cannot be before the start year."]}


def test_photo_attached_to_two_records_is_refused():
    photo = Photo(
        image="photos/x.jpg",
        alt_text_en="Delegates",
        region=builders.region(),
        general_assembly=builders.assembly(),
    )

    with pytest.raises(ValidationError) as error:
        photo.full_clean()

    assert error.value.messages == [
        "Attach this to exactly one General Assembly, committee meeting or region."
    ]


def test_photo_alt_text_required_in_english():
    photo = Photo(image="photos/x.jpg", region=builders.region())

    with pytest.raises(ValidationError) as error:
        photo.full_clean()

    assert set(error.value.message_dict) == {"alt_text", "alt_text_en"}

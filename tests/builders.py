"""Plain builder functions for test data: each makes one valid, saved record."""

import itertools

from association.models import (
    Committee,
    CommitteeMeeting,
    CommitteeMembership,
    Document,
    GeneralAssembly,
    Page,
    Photo,
)
from members.models import Activity, Contact, Country, MembershipEvent, Region

_sequence = itertools.count(1)


def country(**fields):
    n = next(_sequence)
    values = {
        "code": chr(65 + n // 26 % 26) + chr(65 + n % 26),
        "slug": f"country-{n}",
        "name_en": f"Country {n}",
        "native_language": "en",
        "order": n,
    }
    values.update(fields)
    return Country.objects.create(**values)


def region(**fields):
    n = next(_sequence)
    values = {
        "slug": f"region-{n}",
        "name_en": f"Region {n}",
        "native_name": f"Region {n}",
        "kind": Region.Kind.PROVINCE,
        "status": Region.Status.MEMBER,
        "is_published": True,
    }
    values.update(fields)
    if "country" not in values:
        values["country"] = Country.objects.first() or country()
    return Region.objects.create(**values)


def assembly(**fields):
    n = fields.pop("number", None) or next(_sequence)
    values = {
        "number": n,
        "year": 1994 + 2 * (n % 50),
        "city_en": f"City {n}",
        "is_published": True,
    }
    values.update(fields)
    return GeneralAssembly.objects.create(**values)


def committee(**fields):
    n = next(_sequence)
    values = {
        "kind": Committee.Kind.SUBCOMMITTEE,
        "slug": f"committee-{n}",
        "name_en": f"Committee {n}",
        "is_published": True,
    }
    values.update(fields)
    return Committee.objects.create(**values)


def meeting(**fields):
    values = {"year": 2010, "city_en": "Harbin", "is_published": True}
    values.update(fields)
    if "committee" not in values:
        values["committee"] = committee()
    return CommitteeMeeting.objects.create(**values)


def membership(**fields):
    values = {"role": CommitteeMembership.Role.MEMBER, "since": 2010}
    values.update(fields)
    if "committee" not in values:
        values["committee"] = committee()
    if "region" not in values:
        values["region"] = region()
    return CommitteeMembership.objects.create(**values)


def contact(**fields):
    values = {"office_en": "International Affairs", "phone": "+82 54 880 2114"}
    values.update(fields)
    if "region" not in values:
        values["region"] = region()
    return Contact.objects.create(**values)


def event(**fields):
    values = {"kind": MembershipEvent.Kind.JOINED, "year": 2006}
    values.update(fields)
    if "region" not in values:
        values["region"] = region()
    return MembershipEvent.objects.create(**values)


def activity(**fields):
    values = {"year": 2004, "title_en": "Hosted a meeting"}
    values.update(fields)
    if "region" not in values:
        values["region"] = region()
    return Activity.objects.create(**values)


def page(**fields):
    n = next(_sequence)
    values = {
        "slug": f"page-{n}",
        "title_en": f"Page {n}",
        "body_en": "Text.",
        "is_published": True,
    }
    values.update(fields)
    return Page.objects.create(**values)


def photo(**fields):
    values = {"image": "photos/2024/example.jpg", "alt_text_en": "Delegates in a hall"}
    values.update(fields)
    if not any(fields.get(owner) for owner in ("general_assembly", "committee_meeting", "region")):
        values["region"] = region()
    return Photo.objects.create(**values)


def document(**fields):
    values = {"file": "documents/2024/example.pdf", "title_en": "Declaration"}
    values.update(fields)
    if not any(fields.get(owner) for owner in ("general_assembly", "committee_meeting", "region")):
        values["region"] = region()
    return Document.objects.create(**values)


def translator(*languages, username="translator"):
    """A staff member in the translators' group of each of `languages` (and nothing else)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from association.roles import translators_group_name

    user = get_user_model().objects.create_user(username, is_staff=True, language="en")
    for language in languages:
        user.groups.add(Group.objects.get(name=translators_group_name(language)))
    return get_user_model().objects.get(pk=user.pk)

"""Adds generated content to the database, up to a multiple of the demo content's size.

Used by `make bench` to measure the pages at twenty times the demo content. Every
generated record copies its text, in all six languages, from a demo record of the same
kind (so lengths and scripts are the demo's) and is published. The same seed gives the
same content.
"""

import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

from association.languages import localized_field_names
from association.models import (
    Committee,
    CommitteeMeeting,
    CommitteeMembership,
    GeneralAssembly,
    Searchable,
)
from association.search import refresh_search_text
from members.models import Activity, Contact, MembershipEvent, Region

BATCH_SIZE = 500
FIRST_YEAR = 1996
LAST_YEAR = 2025

Kind = MembershipEvent.Kind
# A plausible membership history: the first event, then what may follow each state.
_FIRST_KINDS = [Kind.FOUNDING, Kind.JOINED, Kind.JOINED, Kind.OBSERVER, Kind.ASSOCIATE]
_INSIDE_KINDS = [Kind.STATUS_CHANGED, Kind.STATUS_CHANGED, Kind.SPECIAL, Kind.WITHDREW]
_AFTER_WITHDRAWING = [Kind.REJOINED, Kind.OBSERVER]


def copied_values(obj):
    """The record's column values without its key and without the untranslated originals.

    Translated fields are copied through their per-language columns (`name_en` ...), which
    modeltranslation's bulk_create writes as they are.
    """
    model = type(obj)
    try:
        originals = set(translator.get_options_for_model(model).fields)
    except NotRegistered:  # the model has no translated fields
        originals = set()
    return {
        field.attname: getattr(obj, field.attname)
        for field in model._meta.concrete_fields
        if not field.primary_key
        and field.name not in originals
        and field.attname not in {"created_at", "updated_at"}
    }


class Generator:
    def __init__(self, *, factor, seed, stdout):
        self.factor = factor
        self.random = random.Random(seed)
        self.stdout = stdout

    def suffixed(self, values, field_name, number):
        """Appends the running number to every language's text of a field: "Henan Province 7"."""
        for column in localized_field_names(field_name):
            if values.get(column):
                values[column] = f"{values[column]} {number}"

    def generate(self):
        demo_regions = list(Region.objects.order_by("pk"))
        demo_assemblies = list(GeneralAssembly.objects.order_by("number"))
        demo_committees = list(Committee.objects.order_by("pk"))
        demo_meetings = list(CommitteeMeeting.objects.order_by("pk"))
        demo_activities = list(Activity.objects.order_by("pk"))
        demo_contacts = list(Contact.objects.order_by("pk"))
        if not (demo_regions and demo_assemblies and demo_committees and demo_activities):
            raise CommandError("Load the demo content first (manage.py load_demo_content).")
        if Region.objects.filter(slug__contains="-scale-").exists():
            raise CommandError("This database already holds generated content.")

        regions = self.make_regions(demo_regions)
        assemblies = self.make_assemblies(demo_assemblies, regions)
        committees = self.make_committees(demo_committees, assemblies)
        meetings = self.make_meetings(demo_meetings, committees, regions)
        self.make_memberships(committees, regions)
        self.make_contacts(demo_contacts, regions)
        all_assemblies = demo_assemblies + assemblies
        self.make_events(regions, all_assemblies, meetings)
        self.make_activities(demo_activities, regions, all_assemblies, meetings)

    def create(self, model, objects):
        if issubclass(model, Searchable):
            # bulk_create passes by save(), which keeps the search text otherwise.
            for obj in objects:
                refresh_search_text(obj)
        created = model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
        self.stdout.write(f"  {len(created)} {model._meta.verbose_name_plural}")
        return created

    def make_regions(self, demo):
        objects = []
        for number in range(1, len(demo) * (self.factor - 1) + 1):
            model = demo[number % len(demo)]
            values = copied_values(model)
            values.update(
                slug=f"{model.slug}-scale-{number}",
                native_name=f"{model.native_name} {number}",
                is_published=True,
                emblem="",
                population=self.random.randint(200_000, 20_000_000),
                area_km2=self.random.randint(500, 700_000),
            )
            self.suffixed(values, "name", number)
            objects.append(Region(**values))
        return self.create(Region, objects)

    def make_assemblies(self, demo, regions):
        start = max(assembly.number for assembly in demo) + 1
        objects = []
        for index in range(len(demo) * (self.factor - 1)):
            model = demo[index % len(demo)]
            year = FIRST_YEAR + index % (LAST_YEAR - FIRST_YEAR + 1)
            day = datetime.date(year, 1, 1) + datetime.timedelta(days=self.random.randint(0, 360))
            values = copied_values(model)
            values.update(
                number=start + index,
                year=year,
                start_date=day,
                end_date=day + datetime.timedelta(days=2),
                host_region_id=self.random.choice(regions).pk,
                chair_region_id=self.random.choice(regions).pk,
                is_published=True,
            )
            objects.append(GeneralAssembly(**values))
        return self.create(GeneralAssembly, objects)

    def make_committees(self, demo, assemblies):
        start = (
            max((committee.number or 0 for committee in demo if committee.kind == 2), default=0) + 1
        )
        objects = []
        for index in range(len(demo) * (self.factor - 1)):
            model = demo[index % len(demo)]
            values = copied_values(model)
            established = self.random.choice(assemblies)
            values.update(
                kind=Committee.Kind.SUBCOMMITTEE,
                number=start + index,
                slug=f"{model.slug}-scale-{index + 1}",
                established_year=established.year,
                established_assembly_id=established.pk,
                dissolved_year=None if self.random.random() < 0.8 else LAST_YEAR,
                is_published=True,
            )
            self.suffixed(values, "name", index + 1)
            objects.append(Committee(**values))
        return self.create(Committee, objects)

    def make_meetings(self, demo, committees, regions):
        # As many meetings per committee as the demo has on average, at least three.
        per_committee = max(3, round(len(demo) / max(1, Committee.objects.count() // self.factor)))
        objects = []
        for committee in committees:
            for number in range(1, per_committee + 1):
                model = self.random.choice(demo)
                year = min(LAST_YEAR, committee.established_year + number)
                day = datetime.date(year, 1, 1) + datetime.timedelta(
                    days=self.random.randint(0, 360)
                )
                values = copied_values(model)
                values.update(
                    committee_id=committee.pk,
                    number=number,
                    year=year,
                    start_date=day,
                    end_date=day + datetime.timedelta(days=1),
                    host_region_id=self.random.choice(regions).pk,
                    is_published=True,
                )
                objects.append(CommitteeMeeting(**values))
        return self.create(CommitteeMeeting, objects)

    def make_memberships(self, committees, regions):
        Role = CommitteeMembership.Role
        objects = []
        for committee in committees:
            seats = self.random.sample(regions, self.random.randint(6, 14))
            for position, region in enumerate(seats):
                role = (
                    Role.COORDINATOR
                    if position == 0
                    else Role.CO_COORDINATOR
                    if position == 1
                    else self.random.choice([Role.MEMBER, Role.MEMBER, Role.OBSERVER])
                )
                since = self.random.randint(committee.established_year, LAST_YEAR)
                objects.append(
                    CommitteeMembership(
                        committee_id=committee.pk,
                        region_id=region.pk,
                        role=role,
                        since=since,
                        until=None if self.random.random() < 0.7 else min(LAST_YEAR, since + 4),
                    )
                )
        return self.create(CommitteeMembership, objects)

    def make_contacts(self, demo, regions):
        objects = []
        for region in regions:
            for order in range(1, self.random.randint(1, 3) + 1):
                values = copied_values(self.random.choice(demo)) if demo else {}
                values.update(region_id=region.pk, is_primary=order == 1, order=order)
                objects.append(Contact(**values))
        return self.create(Contact, objects)

    def make_events(self, regions, assemblies, meetings):
        by_year = {}
        for assembly in assemblies:
            by_year.setdefault(assembly.year, []).append(("general_assembly_id", assembly))
        for meeting in meetings:
            by_year.setdefault(meeting.year, []).append(("committee_meeting_id", meeting))
        objects = []
        for region in regions:
            count = self.random.randint(2, 9)
            years = sorted(self.random.sample(range(FIRST_YEAR, LAST_YEAR + 1), count))
            kind = self.random.choice(_FIRST_KINDS)
            for position, year in enumerate(years):
                if position:
                    kind = self.random.choice(
                        _AFTER_WITHDRAWING if kind == Kind.WITHDREW else _INSIDE_KINDS
                    )
                if kind == Kind.FOUNDING:
                    year = FIRST_YEAR
                event = MembershipEvent(region_id=region.pk, kind=kind, year=year)
                links = by_year.get(year)
                if links and self.random.random() < 0.7:
                    attribute, meeting = self.random.choice(links)
                    setattr(event, attribute, meeting.pk)
                objects.append(event)
        return self.create(MembershipEvent, objects)

    def make_activities(self, demo, regions, assemblies, meetings):
        objects = []
        for region in regions:
            for _index in range(self.random.randint(3, 9)):
                values = copied_values(self.random.choice(demo))
                year = self.random.randint(FIRST_YEAR, LAST_YEAR)
                values.update(
                    region_id=region.pk,
                    year=year,
                    date=None,
                    general_assembly_id=None,
                    committee_meeting_id=None,
                )
                if self.random.random() < 0.5:
                    assembly = self.random.choice(assemblies)
                    values.update(general_assembly_id=assembly.pk, year=assembly.year)
                objects.append(Activity(**values))
        activities = self.create(Activity, objects)
        Participation = Activity.participants.through
        links = []
        for activity in activities:
            for other in self.random.sample(regions, self.random.randint(0, 3)):
                if other.pk != activity.region_id:
                    links.append(Participation(activity_id=activity.pk, region_id=other.pk))
        Participation.objects.bulk_create(links, batch_size=BATCH_SIZE)
        self.stdout.write(f"  {len(links)} activity participants")
        return activities


class Command(BaseCommand):
    help = (
        "Adds generated, published content so that the database holds about FACTOR times the "
        "demo content (run load_demo_content first). For benchmarks; the same seed gives the "
        "same content."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, default=20, help="Target size, in demo sizes.")
        parser.add_argument("--seed", type=int, default=1996, help="Random seed.")

    def handle(self, *args, **options):
        if options["factor"] < 2:
            raise CommandError("--factor must be 2 or more.")
        with translation.override("en"), transaction.atomic():
            Generator(factor=options["factor"], seed=options["seed"], stdout=self.stdout).generate()
        self.stdout.write(f"Generated content up to {options['factor']} times the demo content.")

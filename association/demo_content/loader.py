"""Loads the demo content (the YAML files beside this module) into the database.

Idempotent: running it twice changes nothing. It remembers a checksum of what it wrote
to each record (SeededRecord), so a record edited in the admin since the last load is
kept as it is, and a record deleted in the admin stays deleted, unless `overwrite` is set.
"""

import datetime
import hashlib
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import phonenumbers
import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from association import translation_state
from association.languages import column_suffix, language_codes
from association.models import (
    Committee,
    CommitteeMeeting,
    CommitteeMembership,
    GeneralAssembly,
    Page,
    SeededRecord,
)
from members.models import (
    Activity,
    Contact,
    Country,
    MembershipEvent,
    Region,
    check_membership_history,
)

CONTENT_DIR = Path(__file__).resolve().parent
SECTIONS = ("countries", "regions", "assemblies", "committees", "pages")
SUFFIXES = [column_suffix(code) for code in language_codes()]


class DemoContentError(Exception):
    """The data files are malformed or break a rule of the models."""


def read_content(directory=CONTENT_DIR):
    """Merges the top-level lists of every YAML file in `directory`, in file-name order."""
    content = {section: [] for section in SECTIONS}
    for path in sorted(Path(directory).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for section, items in data.items():
            if section not in content:
                raise DemoContentError(f"{path.name}: unknown section “{section}”")
            content[section].extend(items or [])
    return content


def translated(field, mapping, *, where):
    """{"en": ..., "ko": ...} for `field` -> {"field_en": ..., "field_ko": ..., ...}."""
    mapping = mapping or {}
    unknown = set(mapping) - set(SUFFIXES)
    if unknown:
        raise DemoContentError(f"{where}: unknown language keys {sorted(unknown)} in “{field}”")
    return {f"{field}_{suffix}": (mapping.get(suffix) or "").strip() for suffix in SUFFIXES}


def month(value):
    """ "1996-09" -> date(1996, 9, 1)."""
    if not value:
        return None
    year, month_number = str(value).split("-")[:2]
    return datetime.date(int(year), int(month_number), 1)


def phone(value, *, where):
    if not value:
        return ""
    try:
        number = phonenumbers.parse(str(value), None)
    except phonenumbers.NumberParseException as error:
        raise DemoContentError(f"{where}: phone number “{value}”: {error}") from error
    if not phonenumbers.is_valid_number(number):
        raise DemoContentError(f"{where}: phone number “{value}” is not valid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _plain(value):
    if value is None:
        return ""
    if hasattr(value, "as_e164"):
        return value.as_e164
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    return value


def checksum(values):
    plain = {key: _plain(value) for key, value in values.items()}
    encoded = json.dumps(plain, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


class Loader:
    def __init__(self, *, overwrite=False):
        self.overwrite = overwrite
        self.stats = Counter()
        self.records = {record.key: record for record in SeededRecord.objects.all()}
        self.countries = {}
        self.regions = {}
        self.assemblies = {}
        self.meetings = {}
        self.translated_models = {model for model, _ in translation_state.translatable_models()}

    # The one place that decides whether a record is created, updated or left alone.
    def sync(self, key, model, values, *, lookup=None):
        record = self.records.get(key)
        obj = None
        if lookup:
            obj = model.objects.filter(**lookup).first()
        elif record is not None:
            obj = model.objects.filter(pk=record.object_id).first()
        wanted = checksum(values)
        if obj is None:
            if record is not None and not self.overwrite:
                self.stats["kept deleted"] += 1
                return None
            obj = model(**(lookup or {}), **values)
            self._save(obj, key)
            self._remember(key, obj, wanted)
            self.stats["created"] += 1
            return obj
        current = checksum({field: getattr(obj, field) for field in values})
        if current == wanted:
            if record is None or record.checksum != wanted or record.object_id != obj.pk:
                self._remember(key, obj, wanted)
            self.stats["unchanged"] += 1
        elif self.overwrite or (record is not None and record.checksum == current):
            for field, value in values.items():
                setattr(obj, field, value)
            self._save(obj, key)
            self._remember(key, obj, wanted)
            self.stats["updated"] += 1
        else:
            self.stats["kept edited"] += 1
        return obj

    def _save(self, obj, key):
        try:
            obj.full_clean()
        except ValidationError as error:
            raise DemoContentError(f"{key}: {error.message_dict}") from error
        obj.save()
        if type(obj) in self.translated_models:
            # The file's translations are made from the file's English text.
            translation_state.record_filled(obj)

    def _remember(self, key, obj, wanted):
        record, _ = SeededRecord.objects.update_or_create(
            key=key, defaults={"object_id": obj.pk, "checksum": wanted}
        )
        self.records[key] = record

    def region_id(self, slug, *, where):
        if slug is None:
            return None
        try:
            return self.regions[slug].pk
        except KeyError:
            raise DemoContentError(f"{where}: unknown region “{slug}”") from None

    def meeting_link(self, item, *, where):
        """The assembly and meeting ids an event or activity refers to."""
        assembly_id = meeting_id = None
        if item.get("assembly") is not None:
            try:
                assembly_id = self.assemblies[item["assembly"]].pk
            except KeyError:
                raise DemoContentError(f"{where}: unknown assembly {item['assembly']}") from None
        if item.get("meeting"):
            ref = item["meeting"]
            try:
                meeting_id = self.meetings[(ref["committee"], ref["number"])].pk
            except KeyError:
                raise DemoContentError(f"{where}: unknown meeting {ref}") from None
        return {"general_assembly_id": assembly_id, "committee_meeting_id": meeting_id}

    def load(self, content):
        with transaction.atomic():
            for item in content["countries"]:
                self.load_country(item)
            for item in content["regions"]:
                self.load_region(item)
            for item in content["assemblies"]:
                self.load_assembly(item)
            for item in content["committees"]:
                self.load_committee(item)
            for item in content["regions"]:
                self.load_region_children(item)
            for item in content["pages"]:
                self.load_page(item)
            translation_state.record_untracked()
        return self.stats

    def load_country(self, item):
        where = f"country {item['code']}"
        values = {
            "slug": item["slug"],
            "native_name": item.get("native_name", ""),
            "native_language": item["native_language"],
            "order": item.get("order", 0),
            **translated("name", item["name"], where=where),
            **translated("official_name", item.get("official_name"), where=where),
        }
        country = self.sync(where, Country, values, lookup={"code": item["code"]})
        if country is not None:
            self.countries[item["code"]] = country

    def load_region(self, item):
        where = f"region {item['slug']}"
        try:
            country = self.countries[item["country"]]
        except KeyError:
            raise DemoContentError(f"{where}: unknown country “{item['country']}”") from None
        values = {
            "country_id": country.pk,
            "native_name": item["native_name"],
            "kind": item["kind"],
            "status": item["status"],
            "website": item.get("website", ""),
            "is_published": True,
            **translated("name", item["name"], where=where),
            **translated("description", item.get("description"), where=where),
        }
        region = self.sync(where, Region, values, lookup={"slug": item["slug"]})
        if region is not None:
            self.regions[item["slug"]] = region

    def load_assembly(self, item):
        where = f"assembly {item['number']}"
        values = {
            "historical_name": item.get("historical_name", "general_assembly"),
            "year": item["year"],
            "start_date": item.get("start_date"),
            "end_date": item.get("end_date"),
            "host_region_id": self.region_id(item.get("host"), where=where),
            "format": item.get("format", "in_person"),
            "chair_region_id": self.region_id(item.get("chair_region"), where=where),
            "chair_from": month(item.get("chair_from")),
            "chair_until": month(item.get("chair_until")),
            "is_published": True,
            **translated("alternative_name", item.get("alternative_name"), where=where),
            **translated("city", item.get("city"), where=where),
            **translated("venue", item.get("venue"), where=where),
            **translated("theme", item.get("theme"), where=where),
            **translated("summary", item.get("summary"), where=where),
            **translated("declarations", item.get("declarations"), where=where),
            **translated("chair_name", item.get("chair_name"), where=where),
        }
        assembly = self.sync(where, GeneralAssembly, values, lookup={"number": item["number"]})
        if assembly is not None:
            self.assemblies[item["number"]] = assembly

    def load_committee(self, item):
        where = f"committee {item['slug']}"
        kinds = {"working": 1, "subcommittee": 2, "other": 3}
        established = item.get("established_assembly")
        values = {
            "kind": kinds[item["kind"]],
            "number": item.get("number"),
            "established_year": item.get("established_year"),
            "established_assembly_id": self.assemblies[established].pk if established else None,
            "dissolved_year": item.get("dissolved_year"),
            "is_published": True,
            **translated("name", item["name"], where=where),
            **translated("description", item.get("description"), where=where),
        }
        committee = self.sync(where, Committee, values, lookup={"slug": item["slug"]})
        if committee is None:
            return
        for membership in item.get("memberships") or []:
            key = (
                f"membership {item['slug']} {membership['region']} "
                f"{membership['role']} {membership.get('since')}"
            )
            self.sync(
                key,
                CommitteeMembership,
                {
                    "committee_id": committee.pk,
                    "region_id": self.region_id(membership["region"], where=key),
                    "role": membership["role"],
                    "since": membership.get("since"),
                    "until": membership.get("until"),
                },
            )
        for index, meeting in enumerate(item.get("meetings") or [], start=1):
            number = meeting.get("number")
            label = number or f"{meeting['year']}-{index}"
            key = f"meeting {item['slug']} {label}"
            values = {
                "committee_id": committee.pk,
                "number": number,
                "year": meeting["year"],
                "start_date": meeting.get("start_date"),
                "end_date": meeting.get("end_date"),
                "host_region_id": self.region_id(meeting.get("host"), where=key),
                "format": meeting.get("format", "in_person"),
                "is_published": True,
                **translated("title", meeting.get("title"), where=key),
                **translated("city", meeting.get("city"), where=key),
                **translated("venue", meeting.get("venue"), where=key),
                **translated("summary", meeting.get("summary"), where=key),
            }
            saved = self.sync(key, CommitteeMeeting, values)
            if saved is not None and number:
                self.meetings[(item["slug"], number)] = saved

    def load_region_children(self, item):
        region = self.regions.get(item["slug"])
        if region is None:
            return
        slug = item["slug"]
        for index, contact in enumerate(item.get("contacts") or [], start=1):
            key = f"contact {slug} {index}"
            self.sync(
                key,
                Contact,
                {
                    "region_id": region.pk,
                    "phone": phone(contact.get("phone"), where=key),
                    "phone_alt": phone(contact.get("phone_alt"), where=key),
                    "fax": phone(contact.get("fax"), where=key),
                    "email": contact.get("email", ""),
                    "address_native": contact.get("address_native", ""),
                    "is_primary": bool(contact.get("primary")),
                    "order": index,
                    **translated("office", contact.get("office"), where=key),
                    **translated("address", contact.get("address"), where=key),
                },
            )
        for event in item.get("events") or []:
            key = f"event {slug} {event['kind']} {event['year']}"
            self.sync(
                key,
                MembershipEvent,
                {
                    "region_id": region.pk,
                    "kind": event["kind"],
                    "year": event["year"],
                    "date": event.get("date"),
                    **self.meeting_link(event, where=key),
                    **translated("note", event.get("note"), where=key),
                },
            )
        try:
            check_membership_history(list(region.membership_events.all()))
        except ValidationError as error:
            raise DemoContentError(f"region {slug}: {' '.join(error.messages)}") from error
        for index, activity in enumerate(item.get("activities") or [], start=1):
            key = f"activity {slug} {activity['year']} {index}"
            saved = self.sync(
                key,
                Activity,
                {
                    "region_id": region.pk,
                    "year": activity["year"],
                    "date": activity.get("date"),
                    **self.meeting_link(activity, where=key),
                    **translated("title", activity["title"], where=key),
                    **translated("description", activity.get("description"), where=key),
                },
            )
            participants = [
                self.region_id(other, where=key) for other in activity.get("participants") or []
            ]
            if saved is not None and participants and not saved.participants.exists():
                saved.participants.set(participants)

    def load_page(self, item):
        where = f"page {item['slug']}"
        values = {
            "order": item.get("order", 0),
            "is_published": True,
            **translated("title", item["title"], where=where),
            **translated("body", item.get("body"), where=where),
        }
        self.sync(where, Page, values, lookup={"slug": item["slug"]})

"""The audit trail: who added, changed, deleted, published, reverted, recovered or imported
what, and when, with the fields changed and their language ("Name [Русский]").

Entries are Django's admin log (LogEntry), which the admin already writes for every add,
change and delete. The other actions write the same entries through `record()`, with the
action named in the change message, so the record's own History page reads as usual
("Changed Name [ru].") and the audit list (AuditEntry, a proxy of LogEntry) can filter
by action. Other parts of the site (publishing, spreadsheet and translation-file imports)
call `record()`:

    from association import audit
    audit.record(request, obj, audit.IMPORTED, fields=["name_ru"], note="regions.xlsx")
"""

import json
import re

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst, get_text_list
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from association.languages import language_codes, native_name

ADDED = "added"
CHANGED = "changed"
DELETED = "deleted"
PUBLISHED = "published"
UNPUBLISHED = "unpublished"
REVERTED = "reverted"
RECOVERED = "recovered"
IMPORTED = "imported"

ACTIONS = [
    (ADDED, _("added")),
    (CHANGED, _("changed")),
    (DELETED, _("deleted")),
    (PUBLISHED, _("published")),
    (UNPUBLISHED, _("unpublished")),
    (REVERTED, _("reverted to an earlier version")),
    (RECOVERED, _("recovered after deletion")),
    (IMPORTED, _("imported from a spreadsheet or file")),
]
_MARKED = {PUBLISHED, UNPUBLISHED, REVERTED, RECOVERED, IMPORTED}
_FLAGS = {ADDED: ADDITION, CHANGED: CHANGE, DELETED: DELETION, RECOVERED: ADDITION}


def field_labels(model, names):
    """The labels the admin log keeps for these fields: "Name [ru]", "Published" ..."""
    labels = []
    with override(None):
        for name in names:
            try:
                labels.append(str(capfirst(model._meta.get_field(name).verbose_name)))
            except FieldDoesNotExist:
                labels.append(name)
    return labels


def marker(action, note=""):
    """The part of a change message that names an action the admin log has no flag for."""
    return {"audit": action, **({"note": note} if note else {})}


def record(request_or_user, obj, action, fields=(), note="", created=False):
    """Logs `action` on `obj` by the request's user (or a user) with the fields it changed.

    `fields` are field names (`name_ru`, `is_published`); `note` says more (the file
    imported); `created` marks an import that made a new record.
    """
    user = getattr(request_or_user, "user", request_or_user)
    message = []
    if fields:
        message.append({"changed": {"fields": field_labels(type(obj), fields)}})
    elif action in (ADDED, RECOVERED) or created:
        message.append({"added": {}})
    if action in _MARKED:
        message.append(marker(action, note))
    flag = ADDITION if created else _FLAGS.get(action, CHANGE)
    (entry,) = LogEntry.objects.log_actions(
        user.pk, [obj], flag, change_message=message, single_object=False
    )
    return entry


class AuditEntryQuerySet(models.QuerySet):
    def with_action(self, action):
        if action in _MARKED:
            return self.filter(change_message__contains=json.dumps(marker(action))[1:-1])
        unmarked = self.exclude(change_message__contains='"audit": ')
        return unmarked.filter(action_flag=_FLAGS[action])


_LABEL_WITH_LANGUAGE = re.compile(r"^(?P<label>.*) \[(?P<code>[a-z-]+)\]$")


def _translated_label(label):
    translated = gettext(label)
    if translated == label:
        translated = capfirst(gettext(label[:1].lower() + label[1:]))
    return translated


def field_with_language(label):
    """ "Name [ru]" -> "Name [Русский]", in the reader's language."""
    match = _LABEL_WITH_LANGUAGE.match(label)
    if match and match["code"] in language_codes():
        return f"{_translated_label(match['label'])} [{native_name(match['code'])}]"
    return _translated_label(label)


def parse(entry):
    """(action, [fields changed with their language], note) of a LogEntry."""
    try:
        message = json.loads(entry.change_message or "[]")
    except json.JSONDecodeError:
        message = []
    if not isinstance(message, list):
        message = []
    action = {ADDITION: ADDED, CHANGE: CHANGED, DELETION: DELETED}.get(entry.action_flag)
    fields, note = [], ""
    for part in message:
        if not isinstance(part, dict):
            continue
        if "audit" in part:
            action = part["audit"]
            note = part.get("note", "")
        elif "changed" in part:
            labels = [field_with_language(label) for label in part["changed"].get("fields", [])]
            if "name" in part["changed"]:
                fields.append(
                    f"{gettext(part['changed']['name'])} “{part['changed'].get('object', '')}”: "
                    + get_text_list(labels, gettext("and"))
                )
            else:
                fields.extend(labels)
        elif part.get("added", {}).get("name"):
            fields.append(
                gettext("Added {name} “{object}”.").format(
                    name=gettext(part["added"]["name"]), object=part["added"].get("object", "")
                )
            )
        elif part.get("deleted", {}).get("name"):
            fields.append(
                gettext("Deleted {name} “{object}”.").format(
                    name=gettext(part["deleted"]["name"]), object=part["deleted"].get("object", "")
                )
            )
    return action, fields, note


class AuditedAdminMixin:
    """Marks the admin log entries of a revert or a recovery, with the fields they changed."""

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            request.audit_action = REVERTED
            request.audit_fields = self._fields_reverted(object_id, version_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if request.method == "POST":
            request.audit_action = RECOVERED
            request.audit_fields = []
        return super().recover_view(request, version_id, extra_context)

    def _fields_reverted(self, object_id, version_id):
        from reversion.models import Version

        current = self.model._base_manager.filter(pk=object_id).first()
        version = Version.objects.filter(pk=version_id).first()
        if current is None or version is None:
            return []
        stored = version.field_dict
        return [
            field.verbose_name
            for field in self.model._meta.concrete_fields
            if field.editable
            and field.attname in stored
            and getattr(current, field.attname) != stored[field.attname]
        ]

    def log_change(self, request, obj, message):
        action = getattr(request, "audit_action", None)
        if action is not None:
            message = list(message or [])
            if action == REVERTED and request.audit_fields:
                with override(None):
                    labels = [str(capfirst(label)) for label in request.audit_fields]
                message = [{"changed": {"fields": labels}}]
            message.append(marker(action))
        return super().log_change(request, obj, message)

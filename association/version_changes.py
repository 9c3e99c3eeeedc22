"""What changed from one saved version of a record to the next, field by field and language
by language, with the changed words marked, for the admin's history pages.

Each history entry links to its changes: the record's own fields first (a translated
field once per language, named in that language), then its children saved with it
(contacts, events, memberships ...), added, changed or removed.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator
from reversion.models import Version
from reversion.revisions import _get_options, is_registered

from association.languages import native_name

# Han, kana and Hangul are compared character by character (no spaces between words);
# other scripts word by word.
_TOKENS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]|\w+|\s+|[^\w\s]")

# Bookkeeping that changes with every save and tells a reader nothing.
_IGNORED = {"updated_at", "created_at"}


def marked_difference(old, new):
    """Safe HTML of `new` with removed text in <del> and added text in <ins>."""
    old_tokens, new_tokens = _TOKENS.findall(old), _TOKENS.findall(new)
    parts = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("{}", "".join(new_tokens[b1:b2])))
            continue
        if a2 > a1:
            parts.append(("<del>{}</del>", "".join(old_tokens[a1:a2])))
        if b2 > b1:
            parts.append(("<ins>{}</ins>", "".join(new_tokens[b1:b2])))
    return format_html_join("", "{}", ((format_html(template, text),) for template, text in parts))


@dataclass
class FieldChange:
    label: str
    language: str  # a language code, or "" for a field that is not translated
    before: str
    after: str
    marked: str = ""

    @property
    def language_name(self):
        return native_name(self.language) if self.language else ""


@dataclass
class RecordChange:
    """One record's changes in one save: `state` is "added", "changed" or "removed"."""

    model_name: str
    record: str
    state: str
    fields: list = field(default_factory=list)


def _shown(model_field, value):
    """A stored value as a person reads it."""
    if value in (None, ""):
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if isinstance(model_field, models.ForeignKey):
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if isinstance(model_field, models.ManyToManyField):
        related = model_field.related_model._default_manager.filter(pk__in=value)
        return ", ".join(sorted(str(item) for item in related))
    if isinstance(model_field, models.FileField):
        return str(value)
    return str(localize(value))


def _label(model_field):
    """The field's name, without the language modeltranslation appends to it."""
    original = getattr(model_field, "translated_field", model_field)
    return capfirst(str(original.verbose_name))


def field_changes(model, before, after):
    """[FieldChange] between two field dicts of `model` (either may be {}: added/removed)."""
    changes = []
    # modeltranslation keeps the original column beside the per-language ones, as a copy
    # of the English text: it is shown once, as English.
    translated = (
        set(translator.get_options_for_model(model).fields)
        if model in translator.get_registered_models()
        else set()
    )
    for model_field in model._meta.get_fields():
        name = getattr(model_field, "attname", None)
        if name is None or name in _IGNORED or name in translated or model_field.auto_created:
            continue
        if name not in before and name not in after:
            continue
        old, new = before.get(name), after.get(name)
        if isinstance(model_field, models.ManyToManyField):
            old, new = sorted(old or []), sorted(new or [])
        if (old or "") == (new or ""):
            continue
        old_text, new_text = _shown(model_field, old), _shown(model_field, new)
        changes.append(
            FieldChange(
                label=_label(model_field),
                language=getattr(model_field, "language", "") or "",
                before=old_text,
                after=new_text,
                marked=marked_difference(old_text, new_text),
            )
        )
    return changes


def _previous(version):
    """The version of the same record saved just before `version`, or None."""
    return (
        Version.objects.filter(
            content_type_id=version.content_type_id,
            object_id=version.object_id,
            pk__lt=version.pk,
        )
        .select_related("revision")
        .order_by("-pk")
        .first()
    )


def _followed_models(model):
    """The child models saved together with `model` (its inlines), as reversion follows them."""
    follow = _get_options(model).follow if is_registered(model) else ()
    return {model._meta.get_field(name).related_model for name in follow}


def _record_change(version, previous, state):
    return RecordChange(
        model_name=str(capfirst(version._model._meta.verbose_name)),
        record=version.object_repr,
        state=state,
        fields=field_changes(
            version._model,
            previous.field_dict if previous else {},
            version.field_dict if state != "removed" else {},
        )
        if state != "removed"
        else [],
    )


def revision_changes(version):
    """[RecordChange] for the record of `version` and the children saved with it."""
    main_previous = _previous(version)
    records = [_record_change(version, main_previous, "changed" if main_previous else "added")]
    children = _followed_models(version._model)

    def saved_children(revision):
        return {
            (child.content_type_id, child.object_id): child
            for child in revision.version_set.select_related("content_type")
            if child._model in children
        }

    now = saved_children(version.revision)
    before = saved_children(main_previous.revision) if main_previous else {}
    for key, child in now.items():
        previous = before.get(key) or _previous(child)
        change = _record_change(child, previous, "changed" if previous else "added")
        if change.fields:
            records.append(change)
    for key, child in before.items():
        if key not in now:
            records.append(_record_change(child, None, "removed"))
    return records


class VersionChangesAdminMixin:
    """Adds "what changed" pages to a VersionAdmin's history."""

    object_history_template = "admin/object_history_with_changes.html"
    history_latest_first = True

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/<int:version_id>/changes/",
                self.admin_site.admin_view(self.version_changes_view),
                name=f"{opts.app_label}_{opts.model_name}_version_changes",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        opts = self.model._meta
        for action in getattr(response, "context_data", {}).get("action_list", []):
            version_id = action["url"].rstrip("/").rsplit("/", 1)[-1]
            action["changes_url"] = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_version_changes",
                args=[quote(unquote(object_id)), version_id],
            )
        return response

    def version_changes_view(self, request, object_id, version_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        version = get_object_or_404(
            Version.objects.get_for_model(self.model).select_related("revision__user"),
            pk=version_id,
            object_id=object_id,
        )
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Changes to %(record)s") % {"record": version.object_repr},
            "subtitle": None,
            "opts": opts,
            "app_label": opts.app_label,
            "version": version,
            "records": revision_changes(version),
            "history_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history",
                args=[quote(object_id)],
            ),
            "revert_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                args=[quote(object_id), version.pk],
            ),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/version_changes.html", context)

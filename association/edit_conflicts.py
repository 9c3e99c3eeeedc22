"""Edit conflicts: a save never silently undoes what someone else saved meanwhile.

Every admin form of a content record (change form, inline rows, list_editable rows)
carries, in a hidden field, a fingerprint of each field's value as it was when the page
was opened. When the form comes back, each field is one of:

- untouched by anyone since: saved as posted;
- changed by someone else, left alone by this person: the other person's value is kept
  (the form's stale copy never overwrites it), and this person is told;
- changed by both, to different values: the save is refused, nothing is written, and the
  form comes back with this person's values, the other person's values beside them, and
  who saved them when. Saving again then deliberately replaces the other values.

So two translators saving different languages of one record both succeed, and a record
published by an action while someone edits its text stays published.
"""

import hashlib
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseModelFormSet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.models import Version

from association.languages import field_label

TOKEN_FIELD = "opened_state"
SIGNING_SALT = "association.edit_conflicts"


def _comparable(model_field, value):
    """A value reduced to what identifies it, alike whether read from a form or a row."""
    if value is None:
        return ""
    if isinstance(model_field, models.FileField):
        return getattr(value, "name", None) or ""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | models.QuerySet):
        return sorted(str(getattr(item, "pk", item)) for item in value)
    return value


def field_value(instance, name):
    """The comparable model-level value of one form field as set on `instance`."""
    model_field = instance._meta.get_field(name)
    return _comparable(model_field, model_field.value_from_object(instance))


def fingerprint(value):
    return hashlib.blake2b(repr(value).encode(), digest_size=8).hexdigest()


@dataclass
class Conflict:
    name: str
    label: str
    theirs: object
    yours: object


class OpenedStateField(forms.CharField):
    """The hidden fingerprint: never counted as a change of the record."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data):
        return False


class EditConflictForm(forms.ModelForm):
    """A ModelForm that notices what others saved since it was opened (see the module)."""

    opened_state = OpenedStateField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_changes = []
        self.conflicts = []
        if self.instance.pk is not None:
            self.fields[TOKEN_FIELD].initial = self._token()

    def _stored_values(self):
        """What is stored now, read from the form's initial data (no extra queries)."""
        opts = self.instance._meta
        return {
            name: _comparable(opts.get_field(name), self.initial.get(name))
            for name in self._checked_names()
        }

    def _checked_names(self):
        model_fields = {field.name for field in self.instance._meta.get_fields()}
        return [
            name
            for name, field in self.fields.items()
            if name != TOKEN_FIELD and name in model_fields and not field.disabled
        ]

    def _token(self):
        return signing.dumps(
            {
                "pk": str(self.instance.pk),
                "fields": {
                    name: fingerprint(value) for name, value in self._stored_values().items()
                },
            },
            salt=SIGNING_SALT,
            compress=True,
        )

    def _opened(self):
        raw = self.data.get(self.add_prefix(TOKEN_FIELD)) if self.is_bound else None
        if not raw or self.instance.pk is None:
            return None
        try:
            opened = signing.loads(raw, salt=SIGNING_SALT)
        except signing.BadSignature:
            return None
        if opened.get("pk") != str(self.instance.pk):
            return None
        return opened.get("fields", {})

    def clean(self):
        cleaned_data = super().clean()
        # The instance still holds what is stored now: the form's values are copied onto
        # it only after clean().
        self._stored, self._stored_attributes = {}, {}
        if self._opened() is not None:
            self._stored = self._stored_values()
            for name in self._stored:
                model_field = self.instance._meta.get_field(name)
                if not model_field.many_to_many:
                    self._stored_attributes[name] = getattr(self.instance, model_field.attname)
        return cleaned_data

    def _post_clean(self):
        super()._post_clean()
        opened = self._opened()
        if opened is None or not self._stored:
            return
        for name, stored in self._stored.items():
            if name not in opened or fingerprint(stored) == opened[name]:
                continue  # nobody else changed it since the page was opened
            model_field = self.instance._meta.get_field(name)
            if model_field.many_to_many:
                posted = _comparable(model_field, self.cleaned_data.get(name, []))
            else:
                posted = field_value(self.instance, name)
            if posted == stored:
                continue  # both made the same change
            if fingerprint(posted) == opened[name]:
                self._keep_stored(name, model_field, stored)
            else:
                self.conflicts.append(Conflict(name, field_label(model_field), stored, posted))
        if self.conflicts:
            self.add_error(None, self._conflict_error())
            for conflict in self.conflicts:
                self.add_error(
                    conflict.name,
                    ValidationError(
                        _("Changed by someone else meanwhile to “%(theirs)s”."),
                        code="edit_conflict",
                        params={"theirs": shown(conflict.theirs)},
                    ),
                )
            # Saving again on purpose replaces the other person's values.
            self.data = self.data.copy()
            self.data[self.add_prefix(TOKEN_FIELD)] = self._token()

    def _keep_stored(self, name, model_field, stored):
        """Leaves the other person's value in place of this form's stale copy."""
        self.kept_changes.append(field_label(model_field))
        if model_field.many_to_many:
            self.cleaned_data[name] = model_field.related_model._default_manager.filter(
                pk__in=stored
            )
        else:
            setattr(self.instance, model_field.attname, self._stored_attributes[name])

    def _conflict_error(self):
        last = last_saved(self.instance)
        details = "; ".join(
            _("%(field)s is now “%(theirs)s” (you entered “%(yours)s”)")
            % {
                "field": conflict.label,
                "theirs": shown(conflict.theirs),
                "yours": shown(conflict.yours),
            }
            for conflict in self.conflicts
        )
        if last is not None:
            who = _("%(user)s saved this record on %(date)s, after you opened it.") % last
        else:
            who = _("Someone saved this record after you opened it.")
        return ValidationError(
            "%(who)s %(details)s. %(next)s",
            code="edit_conflict",
            params={
                "who": who,
                "details": details,
                "next": _(
                    "Nothing was saved. Your values are still in the form: compare them with "
                    "the values above, then save again to replace those, or reload the page "
                    "to start from the saved record."
                ),
            },
        )


def shown(value):
    if value in ("", None, []):
        return _("(empty)")
    if isinstance(value, list):
        value = ", ".join(value)
    return Truncator(localize(value)).chars(120)


def last_saved(instance):
    """{"user", "date"} of the newest version of `instance`, or None."""
    version = (
        Version.objects.get_for_object(instance)
        .select_related("revision__user")
        .order_by("-revision__date_created")
        .first()
    )
    if version is None:
        return None
    user = version.revision.user
    return {
        "user": (user.get_full_name() or user.get_username()) if user else _("someone"),
        "date": localize(timezone.localtime(version.revision.date_created)),
    }


class OpenedStateHiddenInput(forms.HiddenInput):
    """The primary key's hidden input of a list_editable row, followed by its fingerprint.

    The change list renders only the primary key of each row among its hidden fields,
    so the row's fingerprint travels with it.
    """

    def __init__(self, token_name, token, attrs=None):
        super().__init__(attrs)
        self.token_name = token_name
        self.token = token

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, attrs, renderer) + format_html(
            '<input type="hidden" name="{}" value="{}">', self.token_name, self.token
        )


class EditConflictInlineMixin:
    """Fingerprinted rows for an inline (or, through the subclass below, a ModelAdmin)."""

    form = EditConflictForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or any(TOKEN_FIELD in (opts.get("fields") or ()) for __, opts in fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], TOKEN_FIELD]}), *rest]


def _differs(model_field, posted, stored):
    """Whether a posted value is a change the person made to the deleted record's value."""
    if isinstance(model_field, models.BooleanField):
        return (posted == "on") != bool(stored)
    return posted != ("" if stored is None else str(stored)).strip()


def _typed_value(model_field, posted):
    """A posted value as the person chose it: a choice by its label."""
    return str(dict(model_field.flatchoices).get(posted, posted)) if model_field.choices else posted


class EditConflictAdminMixin(EditConflictInlineMixin):
    """Gives a ModelAdmin's change form, inlines and change list the fingerprinted forms."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None:
            deleted = self._deleted_meanwhile(request, unquote(object_id))
            if deleted is not None:
                return self._deleted_while_editing(request, deleted)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _deleted_meanwhile(self, request, object_id):
        """The deleted version of a record saved after someone deleted it, or None."""
        if self.get_queryset(request).filter(pk=object_id).exists():
            return None
        return (
            Version.objects.get_deleted(self.model)
            .filter(object_id=object_id)
            .select_related("revision__user")
            .first()
        )

    def _deleted_while_editing(self, request, deleted):
        """Nothing is saved; the person's typed values are shown so none is lost (409)."""
        opts = self.model._meta
        stored = deleted.field_dict
        typed = [
            (field_label(field), getattr(field, "language", ""), _typed_value(field, value))
            for field in opts.concrete_fields
            if (value := request.POST.get(field.name, "").strip())
            and field.name != opts.pk.name
            and _differs(field, value, stored.get(field.attname))
        ]
        user = deleted.revision.user
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": _("This record was deleted while you were editing it"),
            "record": deleted.object_repr,
            "deleted_by": (user.get_full_name() or user.get_username()) if user else "",
            "typed": typed,
            "recover_url": reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_recover",
                args=[deleted.pk],
            ),
        }
        return TemplateResponse(request, "admin/deleted_while_editing.html", context, status=409)

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", EditConflictForm)
        return super().get_changelist_form(request, **kwargs)

    def get_changelist_formset(self, request, **kwargs):
        kwargs.setdefault("formset", ListEditableFormSet)
        return super().get_changelist_formset(request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._report_kept_changes(request, getattr(form, "kept_changes", []))

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        kept = [label for row in formset.forms for label in getattr(row, "kept_changes", [])]
        self._report_kept_changes(request, kept)

    def _report_kept_changes(self, request, kept):
        if kept:
            messages.warning(
                request,
                ngettext(
                    "Someone else changed %(fields)s after you opened this record; "
                    "their change was kept alongside yours.",
                    "Someone else changed %(fields)s after you opened this record; "
                    "their changes were kept alongside yours.",
                    len(kept),
                )
                % {"fields": ", ".join(kept)},
            )


class ListEditableFormSet(BaseModelFormSet):
    """list_editable rows: each row's fingerprint rides along with its primary key."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        pk_name = form.instance._meta.pk.name
        if form.instance.pk is not None and pk_name in form.fields:
            form.fields[pk_name].widget = OpenedStateHiddenInput(
                form.add_prefix(TOKEN_FIELD), form.fields[TOKEN_FIELD].initial
            )

"""The admin as a translator sees it, and the tracking of translations saved in the admin.

A translator (see `translation_state.is_limited_translator`) edits a record through a form
that holds, for each translated field, the English source (read-only) and the columns of
the languages they were granted: nothing else. The server refuses, with a 403 and a
message, anything else a request may carry: another language, a structural field, a file,
an inline row, an edit of the change list, an action, add, delete, revert or recover.

For everyone, a save in the admin records which English text each changed translation was
made from, and the change form marks every language tab filled, empty or stale, with a
diff of what changed in the English source and a "still correct" button.
"""

from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from association import translation_state
from association.languages import SOURCE_LANGUAGE, column_suffix, language_codes, native_name
from association.version_changes import marked_difference

# What the change form's own buttons and Django's CSRF protection add to a POST.
FORM_CONTROLS = {"csrfmiddlewaretoken", "_save", "_continue", "_popup", "_to_field"}


def _translation_column(model, name):
    """(field, language) if `name` is a translation column of `model`, else None."""
    options = translator.get_options_for_model(model)
    for field, columns in options.all_fields.items():
        for column in columns:
            if column.name == name:
                return field, column.language
    return None


def source_diff(old, new):
    """The English source's change as HTML: removed words in <del>, added ones in <ins>."""
    return marked_difference(old or "", new or "")


class TranslatorAccessMixin:
    """Limits translators to their languages and records what every admin save translated."""

    change_form_template = "admin/content_change_form.html"

    # Who is asking -----------------------------------------------------------------

    def is_translator_request(self, request):
        cache = request.__dict__.setdefault("_translator_for", {})
        if self.model not in cache:
            cache[self.model] = translation_state.is_limited_translator(request.user, self.model)
        return cache[self.model]

    def granted_languages(self, request):
        """The target languages whose fields this user may edit here."""
        if self.is_translator_request(request):
            return translation_state.translator_languages(request.user)
        if super().has_change_permission(request):
            return list(translation_state.TRANSLATION_LANGUAGES)
        return []

    def refuse(self, message):
        raise PermissionDenied(message)

    # Permissions ------------------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or self.is_translator_request(request)

    # The translator's form --------------------------------------------------------------

    def _translated_order(self, request, obj):
        """The model's translated fields in the order the editors' form shows them."""
        names = self.fieldsets and flatten_fieldsets(self.fieldsets) or self.fields or []
        fields = translation_state.translated_fields(self.model)
        order = []
        for name in names:
            base = name if name in fields else (_translation_column(self.model, name) or [None])[0]
            if base and base not in order:
                order.append(base)
        return order + [field for field in fields if field not in order]

    def english_source(self, field):
        """A read-only display of the field's English text, marked as English."""
        displays = self.__dict__.setdefault("_english_sources", {})
        if field not in displays:

            def display(obj):
                return format_html(
                    '<div class="translation-source" lang="en">{}</div>',
                    getattr(obj, f"{field}_{SOURCE_LANGUAGE}", "") or "",
                )

            display.__name__ = f"{field}_{SOURCE_LANGUAGE}_source"
            display.short_description = (
                f"{capfirst(self.model._meta.get_field(field).verbose_name)} [en]"
            )
            displays[field] = display
        return displays[field]

    def get_fieldsets(self, request, obj=None):
        if not self.is_translator_request(request):
            return super().get_fieldsets(request, obj)
        languages = translation_state.translator_languages(request.user)
        return [
            (
                capfirst(self.model._meta.get_field(field).verbose_name),
                {
                    "fields": [
                        self.english_source(field),
                        *(f"{field}_{column_suffix(code)}" for code in languages),
                    ],
                    "classes": ["translator-fieldset"],
                },
            )
            for field in self._translated_order(request, obj)
        ]

    def get_readonly_fields(self, request, obj=None):
        if not self.is_translator_request(request):
            return super().get_readonly_fields(request, obj)
        return [self.english_source(field) for field in self._translated_order(request, obj)]

    def get_prepopulated_fields(self, request, obj=None):
        if self.is_translator_request(request):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_inline_instances(self, request, obj=None):
        # Each child record is translated on its own page (the status board links there).
        if self.is_translator_request(request):
            return []
        return super().get_inline_instances(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and obj.pk is not None:
            states = self._field_states(request, obj)
            for name, formfield in form.base_fields.items():
                column = _translation_column(self.model, name)
                if column is None:
                    continue
                field, language = column
                if language == SOURCE_LANGUAGE:
                    state = "source"
                elif states.get(field, {}).get(language) == translation_state.STALE:
                    state = translation_state.STALE
                else:
                    state = "filled" if getattr(obj, name, "") else "empty"
                widget = getattr(formfield.widget, "widget", formfield.widget)
                widget.attrs["data-translation-state"] = state
        return form

    def _field_states(self, request, obj):
        cache = request.__dict__.setdefault("_translation_states", {})
        key = (self.model, obj.pk)
        if key not in cache:
            cache[key] = translation_state.field_states(obj)
        return cache[key]

    # Refusals ---------------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if self.is_translator_request(request):
            if object_id is None or "_saveasnew" in request.POST:
                self.refuse(_("Translators cannot add records."))
            if request.method == "POST":
                self._check_translator_post(request, object_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _check_translator_post(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            return
        if request.FILES:
            self.refuse(_("Translators cannot upload files."))
        form_class = self.get_form(request, obj, change=True)
        allowed = FORM_CONTROLS | set(form_class.base_fields)
        refused = sorted(set(request.POST) - allowed)
        if refused:
            self.refuse(
                _("You may change only the fields of your languages. Refused: %(fields)s.")
                % {"fields": ", ".join(refused)}
            )

    def changelist_view(self, request, extra_context=None):
        if self.is_translator_request(request) and request.method == "POST":
            if "_save" in request.POST:
                self.refuse(_("Translators cannot change records from the list."))
            action = request.POST.get("action")
            if action is not None and action not in self.get_actions(request):
                self.refuse(_("You are not allowed to run this action."))
        return super().changelist_view(request, extra_context)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if self.is_translator_request(request):
            changelist.list_editable = ()
        records = translation_state.records_for(self.model, [o.pk for o in changelist.result_list])
        for obj in changelist.result_list:
            obj._translation_records = records
        return changelist

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if self.is_translator_request(request):
            self.refuse(_("Translators cannot revert records."))
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if self.is_translator_request(request):
            self.refuse(_("Translators cannot recover deleted records."))
        return super().recover_view(request, version_id, extra_context)

    # Tracking ---------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if change and self.is_translator_request(request):
            # Only the translated columns the form changed are written, so an editor's
            # concurrent change to any other field is never overwritten.
            columns = {f.name for f in self.model._meta.concrete_fields}
            update = [name for name in form.changed_data if name in columns]
            if update and "updated_at" in columns:
                update.append("updated_at")
            if update:
                obj.save(update_fields=update)
        else:
            super().save_model(request, obj, form, change)
        translation_state.record_form_changes(form, request.user)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for inline_form in formset.forms:
            if inline_form.instance.pk is not None and inline_form.has_changed():
                translation_state.record_form_changes(inline_form, request.user)

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        translation_state.forget_deleted(self.model, [pk])

    def delete_queryset(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        translation_state.forget_deleted(self.model, pks)

    # The change form's notes on stale translations --------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, object_id) if request.method == "GET" else None
        extra_context["tab_state_labels"] = {
            "filled": _("translated"),
            "empty": _("empty"),
            "stale": _("stale, the English source changed"),
        }
        if obj is not None:
            extra_context["stale_translations"] = self.stale_notes(request, obj)
            extra_context["translation_confirm_url"] = reverse("admin:translation_confirm")
        return super().change_view(request, object_id, form_url, extra_context)

    def stale_notes(self, request, obj):
        """What changed in the English source of each stale translation the user may edit."""
        languages = set(self.granted_languages(request))
        states = self._field_states(request, obj)
        stale = [
            (field, language)
            for field, by_language in states.items()
            for language, state in by_language.items()
            if state == translation_state.STALE and language in languages
        ]
        if not stale:
            return []
        records = translation_state.records_for(self.model, [obj.pk])
        notes = []
        for field, language in stale:
            old_source = records[(obj.pk, field, language)][1]
            notes.append(
                {
                    "field": self.model._meta.get_field(field).verbose_name,
                    "language": language,
                    "language_name": native_name(language),
                    "diff": source_diff(old_source, getattr(obj, f"{field}_en", "")),
                    "value": translation_state.unit_key(self.model, obj.pk, field, language),
                }
            )
        return notes


def translation_marks(obj, fields):
    """[(language, state)] for the change list: missing, stale or done (filled) per language.

    Uses the records the change list fetched for its page (no query per row).
    """
    records = getattr(obj, "_translation_records", {})
    sources = [field for field in fields if getattr(obj, f"{field}_en", None)]
    marks = []
    for code in language_codes():
        if code == SOURCE_LANGUAGE:
            marks.append((code, translation_state.DONE))
            continue
        states = set()
        for field in sources:
            recorded = records.get((obj.pk, field, code))
            states.add(
                translation_state.state_of(
                    getattr(obj, f"{field}_en"),
                    getattr(obj, f"{field}_{column_suffix(code)}", ""),
                    recorded[0] if recorded else None,
                )
            )
        for state in (translation_state.MISSING, translation_state.STALE):
            if state in states:
                marks.append((code, state))
                break
        else:
            marks.append((code, translation_state.DONE))
    return marks


def format_marks(marks):
    labels = {
        translation_state.DONE: _("%(language)s: translated"),
        translation_state.MISSING: _("%(language)s: missing"),
        translation_state.STALE: _("%(language)s: stale, the English source changed"),
    }
    classes = {
        translation_state.DONE: "lang-mark lang-mark--filled",
        translation_state.MISSING: "lang-mark lang-mark--empty",
        translation_state.STALE: "lang-mark lang-mark--stale",
    }
    return format_html(
        '<span class="lang-marks">{}</span>',
        format_html_join(
            "",
            '<abbr class="{}" lang="{}" title="{}">{}</abbr>',
            [
                (
                    classes[state],
                    code,
                    labels[state] % {"language": native_name(code)},
                    code.split("-")[0].upper(),
                )
                for code, state in marks
            ],
        ),
    )

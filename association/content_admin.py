"""What every content admin shares: language tabs, per-language marks, multilingual search.

Translators edit only their languages' columns (association/translator_admin.py).

Content models are edited with modeltranslation's tabbed admin: a tab per language,
English first. Each translated input carries its language in `lang`, so spell-checkers,
input methods and CJK glyphs follow the language being typed.
"""

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from modeltranslation.translator import translator
from reversion.admin import VersionAdmin

from association.audit import AuditedAdminMixin
from association.deleting import CarefulDeleteMixin
from association.edit_conflicts import EditConflictAdminMixin, EditConflictInlineMixin
from association.models import Searchable
from association.publishing import PublishingAdminMixin
from association.translation_file_views import export_for_translation
from association.translator_admin import TranslatorAccessMixin, format_marks, translation_marks
from association.version_changes import VersionChangesAdminMixin

# Listed after modeltranslation's script so that ours runs once the tabs exist.
ADMIN_MEDIA_JS = ("modeltranslation/js/tabbed_translation_fields.js", "js/admin-language-tabs.js")
ADMIN_MEDIA_CSS = {"all": ("css/admin.css",)}


class LanguageAwareWidgetsMixin:
    """Puts `lang="xx"` on the input of every translated field."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if field is not None and language:
            widget = getattr(field.widget, "widget", field.widget)
            widget.attrs["lang"] = language
        return field


class RowsAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete select, for a foreign key in every row of an inline.

    A select lists every record it may point to, in every row: with hundreds of assemblies
    and thousands of meetings, a region's form would weigh a megabyte. An autocomplete
    lists them as one types; but Django reads each row's chosen record with a query of its
    own. Here the rows share `labels` (pk as text -> name): the formset reads the chosen
    records of all its rows at once (InlineFormSet), and a value still missing (a row
    added and sent back with an error) is read when it is shown.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels = {}  # shared by the copies of this widget in every row of one formset

    def read_labels(self, values):
        empty = self.choices.field.empty_values
        wanted = {str(value) for value in values if value not in empty} - self.labels.keys()
        if wanted:
            records = self.choices.queryset.using(self.db).filter(pk__in=wanted)
            self.labels.update(
                (str(record.pk), self.choices.field.label_from_instance(record))
                for record in records
            )

    def optgroups(self, name, value, attr=None):
        chosen = [str(item) for item in value if str(item) not in self.choices.field.empty_values]
        self.read_labels(chosen)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for pk in dict.fromkeys(chosen):
            if pk in self.labels:
                options.append(self.create_option(name, pk, self.labels[pk], True, len(options)))
        return [(None, options, 0)]


class RowsAutocompleteMixin:
    """Autocomplete selects for the named foreign keys of an inline: `rows_autocomplete_fields`.

    Their records' admins must have `search_fields` (as for Django's autocomplete_fields).
    """

    rows_autocomplete_fields = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.rows_autocomplete_fields and "widget" not in kwargs:
            kwargs["widget"] = RowsAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ContentAdmin(
    EditConflictAdminMixin,
    TranslatorAccessMixin,
    LanguageAwareWidgetsMixin,
    RowsAutocompleteMixin,
    PublishingAdminMixin,
    CarefulDeleteMixin,
    AuditedAdminMixin,
    VersionChangesAdminMixin,
    VersionAdmin,
    TabbedTranslationAdmin,
):
    """Base admin for a translated content model.

    Every save keeps a version of the record with all six languages and its inline
    children (django-reversion registers them here, after modeltranslation has added the
    language columns); staff can revert to a version or recover a deleted record.
    """

    list_per_page = 50
    save_on_top = True
    actions = [*PublishingAdminMixin.actions, export_for_translation]

    def reversion_register(self, model, **options):
        # The search text is made again from the fields whenever a version is restored.
        if issubclass(model, Searchable):
            options.setdefault("exclude", ("search_text",))
        super().reversion_register(model, **options)

    class Media:
        js = ADMIN_MEDIA_JS
        css = ADMIN_MEDIA_CSS

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # A slug is part of the page's address in every language: it never changes.
        if obj is not None and any(field.name == "slug" for field in self.model._meta.fields):
            fields.append("slug")
        return fields

    @admin.display(description=_("translations"))
    def translations(self, obj):
        fields = list(translator.get_options_for_model(type(obj)).all_fields)
        return format_marks(translation_marks(obj, fields))


class InlineFormSet(BaseInlineFormSet):
    """Hands each child its parent object, so showing a row never fetches the parent again;
    reads the records chosen in its autocomplete selects with one query per field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.form.base_fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, RowsAutocompleteSelect):
                widget.read_labels(form[name].value() for form in self.forms)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if self.instance.pk is not None:
            setattr(form.instance, self.fk.name, self.instance)
        return form

    def kept_forms(self):
        """The rows that will be saved: filled in and not marked for deletion."""
        return [
            form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


class StackedInline(
    EditConflictInlineMixin,
    LanguageAwareWidgetsMixin,
    RowsAutocompleteMixin,
    TranslationStackedInline,
):
    formset = InlineFormSet
    extra = 0


class TabularInline(
    EditConflictInlineMixin,
    LanguageAwareWidgetsMixin,
    RowsAutocompleteMixin,
    TranslationTabularInline,
):
    formset = InlineFormSet
    extra = 0


class PlainTabularInline(EditConflictInlineMixin, RowsAutocompleteMixin, admin.TabularInline):
    """An inline of a model with no translated fields."""

    formset = InlineFormSet
    extra = 0

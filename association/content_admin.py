"""What every content admin shares: language tabs, per-language marks, multilingual search.

Translators edit only their languages' columns (association/translator_admin.py).

Content models are edited with modeltranslation's tabbed admin: a tab per language,
English first. Each translated input carries its language in `lang`, so spell-checkers,
input methods and CJK glyphs follow the language being typed.
"""

from django.contrib import admin
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


class SharedChoicesMixin:
    """Lists the choices of the named foreign keys once per form, not once per inline row.

    A select's choices would otherwise be queried again for every row of an inline.
    """

    shared_choice_fields = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.name in self.shared_choice_fields:
            field.choices = list(field.choices)
        return field


class ContentAdmin(
    EditConflictAdminMixin,
    TranslatorAccessMixin,
    LanguageAwareWidgetsMixin,
    SharedChoicesMixin,
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
    """Hands each child its parent object, so showing a row never fetches the parent again."""

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
    EditConflictInlineMixin, LanguageAwareWidgetsMixin, SharedChoicesMixin, TranslationStackedInline
):
    formset = InlineFormSet
    extra = 0


class TabularInline(
    EditConflictInlineMixin, LanguageAwareWidgetsMixin, SharedChoicesMixin, TranslationTabularInline
):
    formset = InlineFormSet
    extra = 0


class PlainTabularInline(EditConflictInlineMixin, SharedChoicesMixin, admin.TabularInline):
    """An inline of a model with no translated fields."""

    formset = InlineFormSet
    extra = 0

"""What every content admin shares: language tabs, per-language marks, multilingual search.

Content models are edited with modeltranslation's tabbed admin: a tab per language,
English first. Each translated input carries its language in `lang`, so spell-checkers,
input methods and CJK glyphs follow the language being typed.
"""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html, format_html_join
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
from association.languages import column_suffix, language_codes, native_name
from association.publishing import PublishingAdminMixin

# Listed after modeltranslation's script so that ours runs once the tabs exist.
ADMIN_MEDIA_JS = ("modeltranslation/js/tabbed_translation_fields.js", "js/admin-language-tabs.js")
ADMIN_MEDIA_CSS = {"all": ("css/admin.css",)}


def translation_state(obj, fields):
    """[(language code, filled?)] for the translated `fields` that have English text."""
    sources = [field for field in fields if getattr(obj, f"{field}_en", None)]
    states = []
    for code in language_codes():
        suffix = column_suffix(code)
        filled = all(getattr(obj, f"{field}_{suffix}", None) for field in sources)
        states.append((code, filled))
    return states


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
    LanguageAwareWidgetsMixin,
    SharedChoicesMixin,
    PublishingAdminMixin,
    CarefulDeleteMixin,
    AuditedAdminMixin,
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
        marks = [
            (
                "lang-mark lang-mark--filled" if filled else "lang-mark lang-mark--empty",
                code,
                _("%(language)s: translated") % {"language": native_name(code)}
                if filled
                else _("%(language)s: missing") % {"language": native_name(code)},
                code.split("-")[0].upper(),
            )
            for code, filled in translation_state(obj, fields)
        ]
        return format_html(
            '<span class="lang-marks">{}</span>',
            format_html_join("", '<abbr class="{}" lang="{}" title="{}">{}</abbr>', marks),
        )


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


class StackedInline(LanguageAwareWidgetsMixin, SharedChoicesMixin, TranslationStackedInline):
    formset = InlineFormSet
    extra = 0


class TabularInline(LanguageAwareWidgetsMixin, SharedChoicesMixin, TranslationTabularInline):
    formset = InlineFormSet
    extra = 0


class PlainTabularInline(SharedChoicesMixin, admin.TabularInline):
    """An inline of a model with no translated fields."""

    formset = InlineFormSet
    extra = 0

"""Template tags for content in six languages: fallbacks marked, other scripts tagged, dates."""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from association import dates
from association.languages import SOURCE_LANGUAGE, column_suffix

register = template.Library()


@register.simple_tag
def tr(obj, field, paragraphs=False):
    """The field in the page's language; if it is not translated, English, marked as such.

    The English text carries lang="en" (screen readers, glyph choice) and a short note in
    the page's language says it is shown in English.
    """
    language = translation.get_language() or SOURCE_LANGUAGE
    value = getattr(obj, f"{field}_{column_suffix(language)}", None)
    if value:
        return linebreaks_filter(value) if paragraphs else value
    source = getattr(obj, f"{field}_{column_suffix(SOURCE_LANGUAGE)}", None) or ""
    if not source or language == SOURCE_LANGUAGE:
        return linebreaks_filter(source) if paragraphs else source
    if paragraphs:
        return format_html(
            '<div class="fallback"><p class="fallback__note">{}</p><div lang="en">{}</div></div>',
            _("This text has not been translated yet; it is shown in English."),
            linebreaks_filter(source),
        )
    return format_html(
        '<span class="fallback"><span lang="en">{}</span> '
        '<small class="fallback__mark">{}</small></span>',
        source,
        _("(in English)"),
    )


@register.simple_tag
def native(text, language):
    """Text in another script, marked with its language so browsers pick the right glyphs."""
    if not text:
        return ""
    return format_html('<span lang="{}">{}</span>', language, text)


@register.filter
def long_date(value):
    return dates.long_date(value)


@register.filter
def month_year(value):
    return dates.month_year(value)


@register.simple_tag
def date_range(start, end):
    return dates.date_range(start, end)

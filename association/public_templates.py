"""The Jinja2 environment of the public pages (templates/public/): what their templates call.

The public site is rendered by Jinja2, which compiles each template to Python once: a page
costs a fraction of what the Django template language spends on it. The admin keeps the
Django template language (templates/admin/ and Django's own).

Strings are marked in the form `makemessages` extracts from any template, `_("…")`; one
with placeholders is formatted after it is translated, `_("member since %(year)s")|format(
year=…)`, so its msgid is the one the translators already have. Plural phrases are worked
out in the views with ngettext, which makemessages reads in Python.
"""

import datetime

from django.template.defaultfilters import linebreaks_filter, truncatechars
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext
from jinja2 import Environment
from phonenumber_field.phonenumber import PhoneNumber

from association import dates
from association.languages import SOURCE_LANGUAGE, column_suffix, page_in_each_language

PAGE_PARAMETER = "page"


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
            gettext("This text has not been translated yet; it is shown in English."),
            linebreaks_filter(source),
        )
    return format_html(
        '<span class="fallback"><span lang="en">{}</span> '
        '<small class="fallback__mark">{}</small></span>',
        source,
        gettext("(in English)"),
    )


def native(text, language):
    """Text in another script, marked with its language so browsers pick the right glyphs."""
    if not text:
        return ""
    return format_html('<span lang="{}">{}</span>', language, text)


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def page_url(request, number):
    """`?status=observers&page=3`: this list on page `number` (page 1 has no parameter)."""
    params = [
        (key, value)
        for key, values in request.GET.lists()
        if key != PAGE_PARAMETER
        for value in values
    ]
    if number != 1:
        params.append((PAGE_PARAMETER, number))
    return f"?{urlencode(params)}" if params else "?"


def picture_sources(record, field, display_width=None):
    """What the `picture` macro shows of the image in `record.<field>`.

    The renditions made when it was uploaded (WebP and a fallback format, several widths)
    as srcsets, and the size to reserve; `display_width`, when the page shows the image
    at a fixed width (an emblem), scales `width` and `height` to it. Without renditions
    (an image stored before they existed, until `manage.py make_renditions` runs) the
    original is shown alone.
    """
    field_file = getattr(record, field)
    recorded = getattr(record, f"{field}_renditions", None) or {}
    renditions = recorded.get("renditions") or []
    if recorded.get("source") != field_file.name:
        renditions = []
    if not renditions:
        return {"src": field_file.url}
    storage = field_file.storage
    width, height = recorded["width"], recorded["height"]
    if display_width:
        height = max(1, round(height * display_width / width))
        width = display_width
    return {
        "src": storage.url(renditions[-1]["fallback"]),
        "webp_srcset": ", ".join(
            f"{storage.url(entry['webp'])} {entry['width']}w" for entry in renditions
        ),
        "fallback_srcset": ", ".join(
            f"{storage.url(entry['fallback'])} {entry['width']}w" for entry in renditions
        ),
        "width": width,
        "height": height,
    }


def iso_date(value):
    """2026-12-06: the day in the site's time zone (a sitemap's <lastmod>)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


def is_phone_number(value):
    """`{% if contact.fax is phone_number %}`: a stored number (an empty field is "").

    Testing the number itself for truth would format it, since its length is that of its
    text, once more for every test.
    """
    return isinstance(value, PhoneNumber)


def environment(**options):
    env = Environment(**options)
    env.globals.update(
        _=gettext,
        get_language=translation.get_language,
        url=url,
        static=static,
        tr=tr,
        native=native,
        date_range=dates.date_range,
        page_url=page_url,
        picture_sources=picture_sources,
        page_in_each_language=page_in_each_language,
    )
    env.filters.update(
        long_date=dates.long_date,
        month_year=dates.month_year,
        truncatechars=truncatechars,
        iso_date=iso_date,
    )
    env.tests["phone_number"] = is_phone_number
    return env

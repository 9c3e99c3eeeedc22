"""Dates in each language's own form, from CLDR (Babel): Django's Mongolian formats are wrong."""

from functools import cache

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, match_skeleton
from django.utils import translation

# Django language code -> CLDR locale
_LOCALES = {"en": "en", "ko": "ko", "ja": "ja", "zh-hans": "zh_Hans", "ru": "ru", "mn": "mn"}


def _locale(language=None):
    language = language or translation.get_language() or "en"
    return _cldr_locale(_LOCALES.get(language, "en"))


@cache
def _cldr_locale(identifier):
    """The Babel locale, parsed once: given a name instead, Babel parses it on every call."""
    return Locale.parse(identifier)


@cache
def _skeleton(skeleton, locale, interval=False):
    """The locale's own skeleton closest to `skeleton` (CLDR's best match), worked out once.

    Babel searches for it on every call when the locale lacks the exact one, which costs
    more than formatting the date itself.
    """
    available = locale.interval_formats if interval else locale.datetime_skeletons
    if skeleton in available:
        return skeleton
    return match_skeleton(skeleton, available) or skeleton


def long_date(value, language=None):
    """12 September 1996 / 1996년 9월 12일 / 1996年9月12日 / 1996 оны есдүгээр сарын 12 ..."""
    if not value:
        return ""
    return format_date(value, format="long", locale=_locale(language))


def month_year(value, language=None):
    """September 1996 / 1996년 9월 / сентябрь 1996 г. ..."""
    if not value:
        return ""
    locale = _locale(language)
    return format_skeleton(_skeleton("yMMMM", locale), value, locale=locale)


def date_range(start, end, language=None):
    """September 11–14, 1996 / 1996년 9월 11일~14일 / 11–14 сентября 1996 г. ..."""
    if not start:
        return ""
    if not end or end == start:
        return long_date(start, language)
    locale = _locale(language)
    if (start.year, start.month) != (end.year, end.month):
        return f"{long_date(start, language)} – {long_date(end, language)}"
    if locale.language in {"ko", "ja", "zh"}:
        return format_interval(
            start, end, skeleton=_skeleton("yMMMMd", locale, interval=True), locale=locale
        )
    if locale.language == "en":
        month_day = format_skeleton(_skeleton("MMMMd", locale), start, locale=locale)
        return f"{month_day}–{end.day}, {end.year}"
    if locale.language == "ru":
        return f"{start.day}–{long_date(end, language)}"
    return f"{long_date(start, language)}–{end.day}"  # mn: 1996 оны есдүгээр сарын 11–14

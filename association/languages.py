"""The site's six languages: codes, native names, column suffixes, and the admin's language."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_cache_control

SOURCE_LANGUAGE = "en"


def language_codes():
    """Language codes in the site's order, English first: en, ko, ja, zh-hans, ru, mn."""
    return [code for code, _name in settings.LANGUAGES]


def language_choices():
    """(code, native name) pairs for a model field's choices."""
    return list(settings.LANGUAGES)


def native_name(code):
    """The language's name in itself (한국어, 日本語, Монгол ...)."""
    return dict(settings.LANGUAGES)[code]


def column_suffix(code):
    """The suffix modeltranslation gives a language's column: zh-hans -> zh_hans."""
    return code.replace("-", "_")


def _address_in(path, current, code):
    """The page at `path` in language `code`.

    The public URL patterns are the same in every language, so the addresses differ only in
    their prefix: swapping it is what translate_url would do, without resolving the path and
    reversing it again for each language.
    """
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{code}/{path[len(prefix) :]}"
    return translate_url(path, code)


def page_in_each_language(request):
    """The requested page in each language, for the language switcher and hreflang links.

    Worked out once per request: the header and <head> share it.
    """
    current = translation.get_language()
    cached = getattr(request, "_near_alternates", None)
    if cached is not None and cached[0] == current:
        return cached[1]
    path = request.get_full_path()
    alternates = [
        {
            "code": code,
            "name": native_name(code),
            "url": _address_in(path, current, code),
            "is_current": code == current,
        }
        for code in language_codes()
    ]
    request._near_alternates = (current, alternates)
    return alternates


def active_column(field_name):
    """`name` -> the column of the active language: "name_ko", "name_zh_hans" ..."""
    return f"{field_name}_{column_suffix(translation.get_language() or SOURCE_LANGUAGE)}"


def by_translated(field_name):
    """An order_by() expression: the field in the active language, or English where empty."""
    from django.db.models import CharField, F, Value
    from django.db.models.functions import Coalesce, NullIf

    return Coalesce(
        NullIf(F(active_column(field_name)), Value("")),
        F(f"{field_name}_en"),
        output_field=CharField(),
    )


def shown_columns(*field_names):
    """The columns a page reads of translated fields: the active language's and English.

    `shown_columns("name", "description")` in Japanese -> ["name_ja", "name_en",
    "description_ja", "description_en"]: what the `tr` tag and modeltranslation's fallback
    read, for .only() and .values() (English is the fallback of every language).
    """
    columns = []
    for field_name in field_names:
        for column in (active_column(field_name), f"{field_name}_{SOURCE_LANGUAGE}"):
            if column not in columns:
                columns.append(column)
    return columns


def localized_field_names(field_name):
    """`name` -> ["name_en", "name_ko", "name_ja", "name_zh_hans", "name_ru", "name_mn"]."""
    return [f"{field_name}_{column_suffix(code)}" for code in language_codes()]


def field_label(model_field):
    """A field's name for people: "Name (Русский)" for one language's column of a field."""
    from django.utils.text import capfirst

    original = getattr(model_field, "translated_field", None)
    if original is None:
        return capfirst(str(model_field.verbose_name))
    return f"{capfirst(str(original.verbose_name))} ({native_name(model_field.language)})"


class AdminLanguageMiddleware:
    """Shows the admin in the language a staff member chose (their profile's language).

    Public pages take their language from the URL prefix; the admin has none, so without
    a choice it follows the browser (LocaleMiddleware). The admin's language menu saves the
    choice in the profile, so it holds on every computer and whatever public page was read.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        preferred = getattr(user, "language", "") if user is not None else ""
        if preferred and request.path.startswith("/admin/"):
            translation.activate(preferred)
            request.LANGUAGE_CODE = preferred
        return self.get_response(request)


class RememberLanguageMiddleware:
    """Remembers the language of the last public page read, so `/` leads back to it.

    The language switcher is made of plain links (crawlable, each page's alternates), so
    the choice is stored here, once per change, in Django's language cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = translation.get_language_from_path(request.path_info)
        if (
            language
            and response.status_code == 200
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
            )
            # This visitor's cookie: a shared cache (a CDN) must not keep and replay it.
            patch_cache_control(response, private=True)
        return response

"""The language switcher and the hreflang alternates: the same page in each language."""

from django import template
from django.urls import translate_url
from django.utils import translation

from association.languages import language_codes, native_name

register = template.Library()


def _alternate_url(path, current, code):
    """The page at `path` in language `code`.

    The public URL patterns are the same in every language, so the addresses differ only in
    their prefix: swapping it is what translate_url would do, without resolving the path and
    reversing it again for each language.
    """
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{code}/{path[len(prefix) :]}"
    return translate_url(path, code)


def _alternates(request):
    """The page in each language; worked out once per request (the header and <head> share it)."""
    current = translation.get_language()
    cached = getattr(request, "_near_alternates", None)
    if cached is not None and cached[0] == current:
        return cached[1]
    path = request.get_full_path()
    alternates = [
        {
            "code": code,
            "name": native_name(code),
            "url": _alternate_url(path, current, code),
            "is_current": code == current,
        }
        for code in language_codes()
    ]
    request._near_alternates = (current, alternates)
    return alternates


@register.simple_tag
def native_languages():
    """[(code, name in that language)]: unlike Django's tag, the names are never translated."""
    return [(code, native_name(code)) for code in language_codes()]


@register.inclusion_tag("includes/hreflang.html", takes_context=True)
def hreflang_links(context):
    request = context["request"]
    return {
        "alternates": _alternates(request),
        "origin": f"{request.scheme}://{request.get_host()}",
    }


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    return {"alternates": _alternates(context["request"])}

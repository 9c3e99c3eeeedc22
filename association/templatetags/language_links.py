"""The language switcher and the hreflang alternates: the same page in each language."""

from django import template
from django.urls import translate_url
from django.utils import translation

from association.languages import language_codes, native_name

register = template.Library()


def _alternates(request):
    current = translation.get_language()
    path = request.get_full_path()
    return [
        {
            "code": code,
            "name": native_name(code),
            "url": translate_url(path, code),
            "is_current": code == current,
        }
        for code in language_codes()
    ]


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

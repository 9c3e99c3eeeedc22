"""`{% native_languages %}`: the six languages named in themselves, for the admin's menu."""

from django import template

from association.languages import language_codes, native_name

register = template.Library()


@register.simple_tag
def native_languages():
    """[(code, name in that language)]: unlike Django's tag, the names are never translated."""
    return [(code, native_name(code)) for code in language_codes()]

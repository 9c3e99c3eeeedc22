"""Links between the pages of a paginated list, keeping the list's other parameters."""

from django import template
from django.utils.http import urlencode

register = template.Library()

PAGE_PARAMETER = "page"


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """`?status=observers&page=3`: this list on page `number` (page 1 has no parameter)."""
    params = [
        (key, value)
        for key, values in context["request"].GET.lists()
        if key != PAGE_PARAMETER
        for value in values
    ]
    if number != 1:
        params.append((PAGE_PARAMETER, number))
    return f"?{urlencode(params)}" if params else "?"

"""`{% picture %}`: an emblem or photo as <picture> with WebP and fallback srcsets."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(record, field, alt, sizes="100vw", display_width=None, css_class="", lazy=True):
    """The image in `record.<field>` with the renditions made when it was uploaded.

    `sizes` tells the browser how wide the image is shown; `display_width`, when the page
    shows it at a fixed width (an emblem), sets `width` and `height` to that size.
    Without renditions (an image stored before they existed, until
    `manage.py make_renditions` runs) the original is shown alone.
    """
    field_file = getattr(record, field)
    recorded = getattr(record, f"{field}_renditions", None) or {}
    renditions = recorded.get("renditions") or []
    if recorded.get("source") != field_file.name:
        renditions = []
    storage = field_file.storage
    context = {
        "alt": alt,
        "sizes": sizes,
        "css_class": css_class,
        "lazy": lazy,
        "src": field_file.url,
        "width": None,
        "height": None,
    }
    if renditions:
        largest = renditions[-1]
        context["src"] = storage.url(largest["fallback"])
        context["webp_srcset"] = ", ".join(
            f"{storage.url(entry['webp'])} {entry['width']}w" for entry in renditions
        )
        context["fallback_srcset"] = ", ".join(
            f"{storage.url(entry['fallback'])} {entry['width']}w" for entry in renditions
        )
        width, height = recorded["width"], recorded["height"]
        if display_width:
            height = max(1, round(height * display_width / width))
            width = display_width
        context["width"], context["height"] = width, height
    return context

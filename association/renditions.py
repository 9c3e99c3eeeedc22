"""Smaller copies of every emblem and photo, made once when the image is stored.

Each width the pages need (never wider than the original: nothing is upscaled) is saved
as WebP and as a fallback for older browsers: JPEG, or PNG when the image has
transparency. The copies sit next to the original, named after it
(`photos/2026/<uuid>.640w.webp`), and the record keeps their list in a JSON field, so a
page shows `<picture>` with `srcset`, `width` and `height` without touching the storage.

Files are never deleted here, nor when a record is deleted: a deleted record can be
recovered from its history, and its original and renditions must still be there.
"""

import io
import logging
import posixpath

from django.core.files.base import ContentFile
from django.db import models
from django.db.models.signals import post_save
from PIL import Image, ImageOps, UnidentifiedImageError

from association.images import FORMATS

PHOTO_WIDTHS = (320, 640, 1280)
EMBLEM_WIDTHS = (96, 192, 320)

logger = logging.getLogger(__name__)


def has_transparency(image):
    if image.mode in ("RGBA", "LA", "PA"):
        return image.getchannel("A").getextrema()[0] < 255
    return image.mode == "P" and "transparency" in image.info


def rendition_name(original_name, width, extension):
    stem, _extension = posixpath.splitext(original_name)
    return f"{stem}.{width}w.{extension}"


def _encoded(image, image_format):
    output = io.BytesIO()
    if image_format == "WEBP":
        image.save(output, "WEBP", quality=80, method=4)
    elif image_format == "PNG":
        image.save(output, "PNG", optimize=True)
    else:
        image.convert("RGB").save(output, "JPEG", quality=85, optimize=True, progressive=True)
    return output.getvalue()


def make_renditions(field_file, widths):
    """Saves the renditions of a stored image; returns what the record keeps of them."""
    storage = field_file.storage
    with storage.open(field_file.name, "rb") as source:
        image = Image.open(source, formats=list(FORMATS))
        image.load()
    # Stored originals are already upright and stripped; this only guards older files.
    image = ImageOps.exif_transpose(image)
    transparent = has_transparency(image)
    image = image.convert("RGBA" if transparent else "RGB")
    fallback_format, fallback_extension = ("PNG", "png") if transparent else ("JPEG", "jpg")
    sizes = sorted({min(width, image.width) for width in widths})
    renditions = []
    for width in sizes:
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.LANCZOS)
        entry = {"width": width, "height": height}
        for key, image_format, extension in (
            ("webp", "WEBP", "webp"),
            ("fallback", fallback_format, fallback_extension),
        ):
            name = rendition_name(field_file.name, width, extension)
            if storage.exists(name):
                storage.delete(name)  # a half-written copy from an interrupted run
            entry[key] = storage.save(name, ContentFile(_encoded(resized, image_format)))
        renditions.append(entry)
    return {
        "source": field_file.name,
        "width": image.width,
        "height": image.height,
        "renditions": renditions,
    }


def renditions_are_complete(field_file, recorded):
    """Whether `recorded` describes this very file and all its renditions are in storage."""
    if not recorded or recorded.get("source") != field_file.name:
        return False
    storage = field_file.storage
    return all(
        storage.exists(entry[key])
        for entry in recorded["renditions"]
        for key in ("webp", "fallback")
    )


class RenditionsField(models.JSONField):
    """Keeps the renditions of the image field named `image_field`, made after each save.

    Renditions are made when the record is saved with a new image (an upload), not per
    request; `manage.py make_renditions` makes any that are missing.
    """

    def __init__(self, *args, image_field="image", widths=PHOTO_WIDTHS, **kwargs):
        self.image_field = image_field
        self.widths = tuple(widths)
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["image_field"] = self.image_field
        kwargs["widths"] = list(self.widths)
        if kwargs.get("default") is dict:
            del kwargs["default"]
        kwargs.pop("blank", None)
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            post_save.connect(self._after_save, sender=cls, weak=False)

    def _after_save(self, sender, instance, raw=False, **kwargs):
        if raw:  # loading fixtures: the files may not be there
            return
        try:
            self.refresh(instance)
        except (OSError, UnidentifiedImageError):
            # The record points at a file that is not in storage (or not an image): the page
            # shows the original until `manage.py make_renditions` finds it.
            logger.warning(
                "No renditions for %s %s: cannot read %s",
                sender._meta.label,
                instance.pk,
                getattr(instance, self.image_field).name,
            )

    def refresh(self, instance, *, check_storage=False):
        """Makes the renditions of the record's image if it has none for this file.

        Returns True when renditions were made (or cleared for a record with no image).
        """
        field_file = getattr(instance, self.image_field)
        recorded = getattr(instance, self.attname) or {}
        if not field_file:
            if not recorded:
                return False
            value = {}
        elif recorded.get("source") == field_file.name and (
            not check_storage or renditions_are_complete(field_file, recorded)
        ):
            return False
        else:
            value = make_renditions(field_file, self.widths)
        setattr(instance, self.attname, value)
        type(instance)._base_manager.filter(pk=instance.pk).update(**{self.attname: value})
        return True

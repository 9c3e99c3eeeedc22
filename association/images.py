"""Uploaded images (emblems, photos): checked by content, cleaned, stored under new names.

Only JPEG, PNG and WebP are accepted, judged by what the file is, whatever its name says;
Pillow opens nothing else, so the parsers of other formats (TIFF, EPS, PSD ...) never run.
Oversized files and decompression bombs are refused before decoding. An accepted image is
turned upright, then saved anew without EXIF, GPS or XMP data, under a generated name.
"""

import io
import uuid
import warnings

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000

MESSAGES = {
    "too_large": _(
        "The file is %(size)s; an image may be at most %(limit)s. "
        "Save it smaller (for example 2000 pixels wide) and upload it again."
    ),
    "not_an_image": _(
        "This file is not a JPEG, PNG or WebP image, whatever its name says. "
        "Save it in one of these formats and upload it again."
    ),
    "too_many_pixels": _(
        "The image is %(width)s × %(height)s pixels; at most %(limit)s million are accepted. "
        "Make it smaller and upload it again."
    ),
    "damaged": _(
        "The image is damaged or incomplete and cannot be read. "
        "Open it in an image editor, save it again and upload the new file."
    ),
}


def _refuse(code, **params):
    return ValidationError(MESSAGES[code], code=code, params=params)


def open_checked(upload):
    """The uploaded file as a fully decoded Pillow image, or a ValidationError saying why not."""
    if upload.size > MAX_BYTES:
        raise _refuse(
            "too_large", size=filesizeformat(upload.size), limit=filesizeformat(MAX_BYTES)
        )
    upload.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(upload, formats=list(FORMATS))
        except UnidentifiedImageError as error:
            raise _refuse("not_an_image") from error
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _refuse(
                "too_many_pixels", width="?", height="?", limit=MAX_PIXELS // 10**6
            ) from error
        if image.width * image.height > MAX_PIXELS:
            raise _refuse(
                "too_many_pixels", width=image.width, height=image.height, limit=MAX_PIXELS // 10**6
            )
        try:
            image.load()
        except (OSError, SyntaxError, ValueError) as error:
            raise _refuse("damaged") from error
    return image


def cleaned_copy(image):
    """The image upright and saved anew in its own format, with no metadata, under a new name."""
    image_format = image.format
    upright = ImageOps.exif_transpose(image)
    output = io.BytesIO()
    if image_format == "JPEG":
        upright.convert("RGB").save(output, "JPEG", quality=90, optimize=True)
    elif image_format == "PNG":
        upright.save(output, "PNG", optimize=True)
    else:
        upright.save(output, "WEBP", quality=90)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{FORMATS[image_format]}")


class CheckedImageFormField(forms.FileField):
    """A file input that accepts only a real JPEG, PNG or WebP and hands on a cleaned copy."""

    widget = forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return cleaned_copy(open_checked(upload))


class CheckedImageField(models.ImageField):
    """An ImageField whose form checks and cleans uploads (see this module's docstring)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})

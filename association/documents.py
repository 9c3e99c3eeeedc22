"""Uploaded documents (declarations, minutes, reports): PDF only, checked by content.

Stored under generated names; downloaded through the site with a Content-Disposition
name made from the document's title in the reader's language (Hangul, Han and Cyrillic
kept intact, RFC 6266), as an attachment, with nosniff.
"""

import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 30 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"

MESSAGES = {
    "too_large": _(
        "The file is %(size)s; a document may be at most %(limit)s. "
        "Reduce it (for example by saving images at a lower resolution) and upload it again."
    ),
    "not_a_pdf": _(
        "This file is not a PDF document, whatever its name says. "
        "Save or export it as PDF and upload it again."
    ),
}


def check_pdf(upload):
    """Raises ValidationError unless the upload is a PDF within the size limit."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            MESSAGES["too_large"],
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_BYTES)},
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if PDF_SIGNATURE not in head:
        raise ValidationError(MESSAGES["not_a_pdf"], code="not_a_pdf")


class CheckedDocumentFormField(forms.FileField):
    widget = forms.ClearableFileInput(attrs={"accept": "application/pdf"})

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        check_pdf(upload)
        return ContentFile(upload.read(), name=f"{uuid.uuid4().hex}.pdf")


class CheckedDocumentField(models.FileField):
    """A FileField whose form accepts only PDF documents and stores them under new names."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedDocumentFormField, **kwargs})


def download_name(title):
    """A file name for the reader: the title with path and control characters taken out."""
    name = re.sub(r"[\x00-\x1f\x7f/\\\\]+", " ", title or "").strip(" .") or "document"
    return f"{name[:150]}.pdf"


def download(request, pk):
    """Sends a published document as an attachment named after its title."""
    from association.models import Document

    document = get_object_or_404(Document.objects.published(), pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(document.title),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response

"""Documents: PDF by content only, stored under new names, downloaded under their title."""

from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from association.documents import CheckedDocumentFormField
from tests import builders

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_pdf_is_accepted_and_renamed():
    stored = CheckedDocumentFormField().clean(SimpleUploadedFile("Резолюция 2025.pdf", PDF))

    assert stored.name.endswith(".pdf") and len(stored.name) == 36
    assert stored.read() == PDF


@pytest.mark.parametrize(
    "content",
    [
        b"<html><script>alert(1)</script></html>",
        b"PK\x03\x04 not a pdf",
        b"Just text, called a PDF",
    ],
)
def test_file_that_is_not_a_pdf_is_refused(content):
    with pytest.raises(ValidationError) as error:
        CheckedDocumentFormField().clean(SimpleUploadedFile("declaration.pdf", content))

    assert error.value.messages == [
        "This file is not a PDF document, whatever its name says. "
        "Save or export it as PDF and upload it again."
    ]


def test_oversized_document_is_refused():
    upload = SimpleUploadedFile("minutes.pdf", PDF + b"0" * (31 * 1024 * 1024))

    with pytest.raises(ValidationError) as error:
        CheckedDocumentFormField().clean(upload)

    assert error.value.code == "too_large"


def _document(title, **fields):
    document = builders.document(title_en=title, **fields)
    document.file.save("stored.pdf", ContentFile(PDF))
    return document


@pytest.mark.django_db
def test_download_keeps_a_cyrillic_title_in_the_file_name(client):
    document = _document("Резолюция «итог» 2025")

    response = client.get(reverse("association:document-download", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        f"attachment; filename*=utf-8''{quote('Резолюция «итог» 2025.pdf')}"
    )
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.django_db
def test_download_name_cannot_inject_a_header(client):
    document = _document("Minutes\r\nSet-Cookie: stolen=1")

    response = client.get(reverse("association:document-download", args=[document.pk]))

    assert "Set-Cookie" not in response.headers
    assert "\n" not in response["Content-Disposition"]


@pytest.mark.django_db
def test_unpublished_document_is_not_downloadable(client):
    document = _document("Draft declaration", is_published=False)

    response = client.get(reverse("association:document-download", args=[document.pk]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_deleting_a_region_that_hosted_an_assembly_is_refused_with_the_reason(admin_client):
    region = builders.region(name_en="Gyeongsangbuk-do")
    builders.assembly(number=1, year=1996, host_region=region)
    url = reverse("admin:members_region_delete", args=[region.pk])

    page = admin_client.get(url)
    response = admin_client.post(url, {"post": "yes"})

    assert (
        "1st Annual Meeting" in page.content.decode()
        or "1st General Assembly" in page.content.decode()
    )
    assert page.context["protected"]
    assert response.status_code == 200
    assert region.__class__.objects.filter(pk=region.pk).exists()

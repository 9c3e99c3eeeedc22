"""Uploaded images are judged by content, refused with a clear message, or cleaned and renamed."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from association.images import CheckedImageFormField
from tests import builders
from tests.association.test_admin_saves import form_data


def _image_bytes(image_format, size=(40, 20), mode="RGB", **save_options):
    output = io.BytesIO()
    Image.new(mode, size, "teal").save(output, image_format, **save_options)
    return output.getvalue()


def _jpeg_with_gps_and_rotation():
    image = Image.new("RGB", (40, 20), "teal")
    exif = image.getexif()
    exif[0x0112] = 6  # Orientation: the camera was turned; show rotated by 90°
    exif[0x8825] = {1: "N", 2: (37.0, 30.0, 0.0), 3: "E", 4: (127.0, 0.0, 0.0)}
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif)
    return output.getvalue()


def _clean(name, content):
    return CheckedImageFormField().clean(SimpleUploadedFile(name, content))


def test_jpeg_is_turned_upright_stripped_and_renamed():
    original = _jpeg_with_gps_and_rotation()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)

    cleaned = _clean("IMG_0001 총회 전경.JPG", original)

    stored = Image.open(io.BytesIO(cleaned.read()))
    assert stored.format == "JPEG"
    assert stored.size == (20, 40)
    assert dict(stored.getexif()) == {}
    assert cleaned.name.endswith(".jpg")
    assert "총회" not in cleaned.name and len(cleaned.name) == 36


def test_png_named_jpg_is_kept_as_png():
    cleaned = _clean("photo.jpg", _image_bytes("PNG"))

    assert Image.open(io.BytesIO(cleaned.read())).format == "PNG"
    assert cleaned.name.endswith(".png")


def test_webp_is_accepted():
    cleaned = _clean("emblem.webp", _image_bytes("WEBP"))

    assert cleaned.name.endswith(".webp")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("scan.tiff", _image_bytes("TIFF")),
        ("scan.jpg", _image_bytes("TIFF")),
        ("logo.bmp", _image_bytes("BMP")),
        ("logo.gif", _image_bytes("GIF")),
        ("page.png", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("poly.gif", b"GIF89a<script>alert(1)</script>"),
        ("empty.png", b""),
    ],
)
def test_file_that_is_not_jpeg_png_or_webp_is_refused(name, content):
    with pytest.raises(ValidationError) as error:
        _clean(name, content)

    assert error.value.code in {"not_an_image", "empty", "invalid"}


def test_refusal_message_says_what_to_do():
    with pytest.raises(ValidationError) as error:
        _clean("scan.tiff", _image_bytes("TIFF"))

    assert error.value.messages == [
        "This file is not a JPEG, PNG or WebP image, whatever its name says. "
        "Save it in one of these formats and upload it again."
    ]


def test_decompression_bomb_is_refused_before_decoding():
    bomb = _image_bytes("PNG", size=(10000, 10000), mode="1")
    assert len(bomb) < 100_000

    with pytest.raises(ValidationError) as error:
        _clean("bomb.png", bomb)

    assert error.value.code == "too_many_pixels"


def test_image_over_the_pixel_limit_is_refused_with_its_size():
    big = _image_bytes("PNG", size=(8000, 6000), mode="1")

    with pytest.raises(ValidationError) as error:
        _clean("big.png", big)

    assert "8000 × 6000 pixels" in error.value.messages[0]


def test_truncated_image_is_refused():
    whole = _image_bytes("JPEG", size=(400, 300))

    with pytest.raises(ValidationError) as error:
        _clean("cut.jpg", whole[: len(whole) // 2])

    assert error.value.code == "damaged"


def test_oversized_file_is_refused_without_decoding(settings):
    upload = SimpleUploadedFile("huge.jpg", b"\xff\xd8" + b"0" * (11 * 1024 * 1024))

    with pytest.raises(ValidationError) as error:
        CheckedImageFormField().clean(upload)

    assert error.value.code == "too_large"


@pytest.mark.django_db
def test_refused_emblem_leaves_no_file_and_no_change(admin_client, settings):
    region = builders.region()
    url = reverse("admin:members_region_change", args=[region.pk])
    data = form_data(admin_client.get(url))
    data["emblem"] = SimpleUploadedFile("emblem.png", _image_bytes("TIFF"))

    response = admin_client.post(url, data)

    assert response.status_code == 200
    region.refresh_from_db()
    assert not region.emblem
    assert not (settings.MEDIA_ROOT / "emblems").exists()


@pytest.mark.django_db
def test_accepted_emblem_is_stored_cleaned_under_a_new_name(admin_client, settings):
    region = builders.region()
    url = reverse("admin:members_region_change", args=[region.pk])
    data = form_data(admin_client.get(url))
    data["emblem"] = SimpleUploadedFile("경상북도 로고.jpg", _jpeg_with_gps_and_rotation())

    response = admin_client.post(url, data)

    assert response.status_code == 302
    region.refresh_from_db()
    assert region.emblem.name.startswith("emblems/") and region.emblem.name.endswith(".jpg")
    assert "로고" not in region.emblem.name
    with region.emblem.open("rb") as stored:
        assert dict(Image.open(stored).getexif()) == {}

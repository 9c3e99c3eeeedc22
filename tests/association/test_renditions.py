"""Emblems and photos get their smaller WebP and JPEG/PNG copies once, when uploaded."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from association.models import Photo
from association.renditions import rendition_name
from tests import builders
from tests.association.test_admin_saves import form_data

pytestmark = pytest.mark.django_db


def _image_bytes(image_format, size, mode="RGB", color="teal"):
    output = io.BytesIO()
    Image.new(mode, size, color).save(output, image_format)
    return output.getvalue()


def _photo_form(admin_client, assembly, upload, alt_text="Delegates in the hall"):
    url = reverse("admin:association_photo_add")
    data = form_data(admin_client.get(url))
    data.update(
        general_assembly=assembly.pk,
        image=upload,
        alt_text_en=alt_text,
        caption_en="Opening session",
        order=0,
        is_published="on",
    )
    return admin_client.post(url, data)


def _stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def _open(name, settings):
    return Image.open(settings.MEDIA_ROOT / name)


def test_uploaded_photo_gets_three_widths_in_webp_and_jpeg(admin_client, settings):
    assembly = builders.assembly()
    upload = SimpleUploadedFile("hall.jpg", _image_bytes("JPEG", (2000, 1000)))

    response = _photo_form(admin_client, assembly, upload)

    assert response.status_code == 302
    photo = Photo.objects.get()
    recorded = photo.image_renditions
    assert recorded["source"] == photo.image.name
    assert (recorded["width"], recorded["height"]) == (2000, 1000)
    assert [(r["width"], r["height"]) for r in recorded["renditions"]] == [
        (320, 160),
        (640, 320),
        (1280, 640),
    ]
    for rendition in recorded["renditions"]:
        assert rendition["webp"] == rendition_name(photo.image.name, rendition["width"], "webp")
        webp = _open(rendition["webp"], settings)
        fallback = _open(rendition["fallback"], settings)
        assert (webp.format, fallback.format) == ("WEBP", "JPEG")
        assert webp.size == fallback.size == (rendition["width"], rendition["height"])
    assert len(_stored_files(settings)) == 1 + 3 * 2


def test_small_image_is_never_upscaled(admin_client, settings):
    upload = SimpleUploadedFile("small.jpg", _image_bytes("JPEG", (500, 250)))

    _photo_form(admin_client, builders.assembly(), upload)

    recorded = Photo.objects.get().image_renditions
    assert [r["width"] for r in recorded["renditions"]] == [320, 500]


def test_transparent_png_falls_back_to_png(admin_client, settings):
    upload = SimpleUploadedFile(
        "logo.png", _image_bytes("PNG", (700, 700), mode="RGBA", color=(0, 0, 0, 0))
    )

    _photo_form(admin_client, builders.assembly(), upload)

    recorded = Photo.objects.get().image_renditions
    for rendition in recorded["renditions"]:
        fallback = _open(rendition["fallback"], settings)
        assert rendition["fallback"].endswith(".png") and fallback.mode == "RGBA"


def test_refused_photo_leaves_no_file_and_no_row(admin_client, settings):
    upload = SimpleUploadedFile("hall.jpg", _image_bytes("TIFF", (400, 300)))

    response = _photo_form(admin_client, builders.assembly(), upload)

    assert response.status_code == 200
    assert "not a JPEG, PNG or WebP image" in response.content.decode()
    assert not Photo.objects.exists()
    assert _stored_files(settings) == []


def test_photo_without_alt_text_is_refused_and_nothing_is_stored(admin_client, settings):
    upload = SimpleUploadedFile("hall.jpg", _image_bytes("JPEG", (400, 300)))

    response = _photo_form(admin_client, builders.assembly(), upload, alt_text="")

    assert response.status_code == 200
    assert "alt_text_en" in response.context["adminform"].form.errors
    assert not Photo.objects.exists()
    assert _stored_files(settings) == []


def test_saving_again_without_a_new_upload_makes_no_new_files(admin_client, settings):
    _photo_form(
        admin_client,
        builders.assembly(),
        SimpleUploadedFile("hall.jpg", _image_bytes("JPEG", (800, 400))),
    )
    photo = Photo.objects.get()
    before = _stored_files(settings)

    photo.caption_ko = "개회식"
    photo.save()

    assert _stored_files(settings) == before


def test_deleting_a_photo_keeps_its_files_for_recovery(admin_client, settings):
    _photo_form(
        admin_client,
        builders.assembly(),
        SimpleUploadedFile("hall.jpg", _image_bytes("JPEG", (800, 400))),
    )
    before = _stored_files(settings)

    Photo.objects.get().delete()

    assert _stored_files(settings) == before


def test_emblem_gets_small_renditions_and_the_page_shows_a_picture(admin_client, client, settings):
    region = builders.region()
    url = reverse("admin:members_region_change", args=[region.pk])
    data = form_data(admin_client.get(url))
    data["emblem"] = SimpleUploadedFile("emblem.png", _image_bytes("PNG", (400, 200)))
    assert admin_client.post(url, data).status_code == 302
    region.refresh_from_db()

    assert [r["width"] for r in region.emblem_renditions["renditions"]] == [96, 192, 320]
    page = client.get(region.get_absolute_url()).content.decode()
    webp = region.emblem_renditions["renditions"][0]["webp"]
    assert f'<source type="image/webp" srcset="/media/{webp} 96w,' in page
    assert 'width="96" height="48"' in page
    assert 'sizes="96px"' in page


def test_photo_pages_show_picture_with_srcset_width_and_height(admin_client, client):
    assembly = builders.assembly()
    _photo_form(
        admin_client, assembly, SimpleUploadedFile("hall.jpg", _image_bytes("JPEG", (1600, 900)))
    )
    photo = Photo.objects.get()
    photo.alt_text_ru = "Делегаты в зале"
    photo.save()
    fallback = [r["fallback"] for r in photo.image_renditions["renditions"]]

    page = client.get(assembly.get_absolute_url()).content.decode()
    page_ru = client.get("/ru" + assembly.get_absolute_url()[3:]).content.decode()

    assert "<picture>" in page
    assert (
        f"/media/{fallback[0]} 320w, /media/{fallback[1]} 640w, /media/{fallback[2]} 1280w" in page
    )
    assert 'width="1600" height="900" alt="Delegates in the hall"' in page
    assert 'alt="Делегаты в зале"' in page_ru


def test_meeting_and_region_photos_are_shown_on_their_pages(client, settings):
    meeting = builders.meeting()
    region = builders.region()
    builders.photo(committee_meeting=meeting, alt_text_en="Meeting photo")
    builders.photo(region=region, alt_text_en="Region photo")

    assert (
        'alt="Meeting photo"' in client.get(meeting.committee.get_absolute_url()).content.decode()
    )
    assert 'alt="Region photo"' in client.get(region.get_absolute_url()).content.decode()


def test_make_renditions_fills_gaps_and_is_idempotent(settings):
    stored = settings.MEDIA_ROOT / "photos" / "2020" / "old.jpg"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(_image_bytes("JPEG", (900, 600)))
    photo = builders.photo(image="photos/2020/old.jpg")
    Photo.objects.filter(pk=photo.pk).update(image_renditions={})

    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    assert "renditions made for 1" in out.getvalue()
    photo.refresh_from_db()
    assert [r["width"] for r in photo.image_renditions["renditions"]] == [320, 640, 900]
    files = _stored_files(settings)

    # A lost copy is made again; the rest is left alone.
    (settings.MEDIA_ROOT / photo.image_renditions["renditions"][0]["webp"]).unlink()
    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    assert "renditions made for 1" in out.getvalue()
    assert _stored_files(settings) == files

    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    assert "renditions made for 0" in out.getvalue()
    assert _stored_files(settings) == files

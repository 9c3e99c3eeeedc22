"""The admin speaks each staff member's own language, whatever public pages they read."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_admin_follows_the_profile_language_over_the_browser(admin_client, superuser):
    superuser.language = "ko"
    superuser.save()

    response = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ru")

    assert '<html lang="ko"' in response.content.decode()


def test_admin_follows_the_browser_without_a_profile_language(admin_client):
    response = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ja")

    assert '<html lang="ja"' in response.content.decode()


def test_language_menu_saves_the_choice_in_the_profile(admin_client, superuser):
    response = admin_client.post(
        reverse("admin-language"), {"language": "mn", "next": "/admin/members/region/"}
    )

    superuser.refresh_from_db()
    assert superuser.language == "mn"
    assert response.status_code == 302
    assert response["Location"] == "/admin/members/region/"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\\\evil.example"]
)
def test_language_menu_never_sends_staff_to_another_site(admin_client, target):
    response = admin_client.post(reverse("admin-language"), {"language": "ko", "next": target})

    assert response["Location"] == reverse("admin:index")


def test_language_menu_refuses_an_unknown_language(admin_client, superuser):
    response = admin_client.post(reverse("admin-language"), {"language": "xx"})

    assert response.status_code == 400
    superuser.refresh_from_db()
    assert superuser.language == ""


def test_language_menu_is_for_staff_only(client):
    response = client.post(reverse("admin-language"), {"language": "ko"})

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_language_menu_refuses_get(admin_client):
    assert admin_client.get(reverse("admin-language")).status_code == 405

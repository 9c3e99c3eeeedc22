"""Repeated failed admin logins lock out the user name from that address, proxies or not."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from association.proxies import client_address

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


@pytest.fixture(autouse=True)
def staff_member():
    return get_user_model().objects.create_user(
        "secretariat", password="the-right-password-1", is_staff=True
    )


def _fail(client, times, **headers):
    for _ in range(times):
        client.post(LOGIN, {"username": "secretariat", "password": "wrong"}, **headers)


def _login(client, password="the-right-password-1", **headers):
    return client.post(LOGIN, {"username": "secretariat", "password": password}, **headers)


def test_fifth_failure_locks_out_even_the_right_password(client):
    _fail(client, 5)

    response = _login(client)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_four_failures_then_the_right_password_signs_in(client):
    _fail(client, 4)

    response = _login(client)

    assert response.status_code == 302


def test_lockout_page_speaks_the_visitors_language(client):
    _fail(client, 5, HTTP_ACCEPT_LANGUAGE="ko")

    response = _login(client, HTTP_ACCEPT_LANGUAGE="ko")

    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert "Too many failed sign-in attempts" not in html


def test_forged_forwarded_for_does_not_escape_a_lockout_without_proxy(client):
    for number in range(5):
        _fail(client, 1, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")

    response = _login(client, HTTP_X_FORWARDED_FOR="203.0.113.99")

    assert response.status_code == 429


def test_behind_a_proxy_a_forged_entry_does_not_escape_a_lockout(client, settings):
    settings.REVERSE_PROXY_COUNT = 1
    for number in range(5):
        # The attacker forges the left entry; the proxy appends the address it saw.
        _fail(client, 1, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}, 203.0.113.7")

    response = _login(client, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7")

    assert response.status_code == 429


def test_behind_a_proxy_one_attacker_locks_nobody_else_out(client, settings):
    settings.REVERSE_PROXY_COUNT = 1
    _fail(client, 5, HTTP_X_FORWARDED_FOR="203.0.113.7")

    response = _login(client, HTTP_X_FORWARDED_FOR="198.51.100.20")

    assert response.status_code == 302


def test_behind_two_proxies_the_visitor_is_second_from_the_right(rf, settings):
    settings.REVERSE_PROXY_COUNT = 2
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.20, 10.0.0.2")

    assert client_address(request) == "198.51.100.20"

"""The public page cache: hits cost no query, edits clear exactly their pages at commit,
signed-in users are never cached, conditional requests get 304.

Every test here runs against the Redis server on 127.0.0.1:6379 (REDIS_URL when set), under
a key prefix of its own that is deleted afterwards.
"""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis
import reversion
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path, reverse
from reversion.models import Version

from association import roles
from association.languages import language_codes
from association.page_cache import EPOCH_KEY, cached_page, tag_key
from members.models import Region
from tests import builders
from tests.public_site import small_association

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"

pytestmark = pytest.mark.django_db


def _delete_prefix(prefix):
    connection = redis.Redis.from_url(REDIS_URL)
    keys = list(connection.scan_iter(f"{prefix}*", count=1000))
    if keys:
        connection.delete(*keys)
    connection.close()


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    """The page cache on, in Redis under a prefix of this test's own."""
    prefix = f"near-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        },
    }
    settings.PAGE_CACHE_ENABLED = True
    yield prefix
    _delete_prefix(prefix)


@pytest.fixture
def data():
    return small_association()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Runs an edit as if its transaction committed: the pages are cleared on leaving."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _status(response):
    return response.get("X-Page-Cache")


def _get_twice(client, url):
    first = client.get(url)
    second = client.get(url)
    return first, second


PAGES = [
    "/{lang}/",
    "/{lang}/members/",
    "/{lang}/members/?status=former",
    "/{lang}/members/china/",
    "/{lang}/members/china/heilongjiang/",
    "/{lang}/assemblies/",
    "/{lang}/assemblies/1/",
    "/{lang}/committees/",
    "/{lang}/committees/working-committee/",
    "/{lang}/about/about/",
    "/sitemap.xml",
    "/sitemap-regions.xml",
    "/robots.txt",
]


@pytest.mark.parametrize("page", PAGES)
def test_second_anonymous_request_is_served_from_the_cache_without_a_query(
    client, data, page, django_assert_num_queries
):
    url = page.format(lang="ko")
    first = client.get(url)
    assert first.status_code == 200
    assert _status(first) == "miss"

    with django_assert_num_queries(0):
        second = client.get(url)

    assert _status(second) == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]


def test_each_language_and_query_string_is_a_page_of_its_own(client, data):
    for code in language_codes():
        assert _status(client.get(f"/{code}/members/")) == "miss"
    assert _status(client.get("/en/members/?status=observers")) == "miss"
    korean = client.get("/ko/members/")
    assert _status(korean) == "hit"
    assert "헤이룽장성" in korean.content.decode()


def test_unknown_query_parameters_never_fill_the_cache(client, data):
    for url in ["/en/members/china/?utm_source=mail", "/en/members/?status=former&x=1"]:
        client.get(url)
        response = client.get(url)
        assert response.status_code == 200
        assert _status(response) is None
        assert response["ETag"]
    client.get("/en/members/?status=former")
    assert _status(client.get("/en/members/?status=former")) == "hit"


def test_a_search_is_kept_per_query_and_page_and_stays_a_noindex_page(
    client, data, django_assert_num_queries
):
    assert _status(client.get("/en/search/?q=ningxia")) == "miss"
    assert _status(client.get("/en/search/?q=province")) == "miss"

    with django_assert_num_queries(0):
        again = client.get("/en/search/?q=ningxia")

    assert _status(again) == "hit"
    assert again["X-Robots-Tag"] == "noindex"
    assert "Ningxia" in again.content.decode()
    assert _status(client.get("/en/search/?q=ningxia&page_regions=2")) == "miss"
    assert _status(client.get("/en/search/?q=ningxia&utm_source=mail")) is None


def test_any_edit_of_searched_content_clears_the_kept_searches(client, data, commit):
    client.get("/en/search/?q=renamed")
    client.get("/en/search/?q=ningxia")

    with commit():
        data["heilongjiang"].name_en = "Heilongjiang (renamed)"
        data["heilongjiang"].save()

    found = client.get("/en/search/?q=renamed")
    assert _status(found) == "miss"
    assert "Heilongjiang (renamed)" in found.content.decode()
    assert _status(client.get("/en/search/?q=ningxia")) == "miss"


def test_head_is_answered_from_the_cache_with_the_length_of_the_page(client, data):
    page = client.get("/en/members/china/")

    head = client.head("/en/members/china/")

    assert head.status_code == 200
    assert _status(head) == "hit"
    assert head.content == b""
    assert int(head["Content-Length"]) == len(page.content)


def test_head_first_fills_the_cache_for_get(client, data):
    assert client.head("/robots.txt").status_code == 200
    get = client.get("/robots.txt")
    assert _status(get) == "hit"
    assert b"Sitemap:" in get.content


def _staff(group_name=roles.EDITORS):
    user = get_user_model().objects.create_user(
        f"{group_name.split()[0].lower()}-{uuid.uuid4().hex[:6]}", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_signed_in_pages_are_never_cached_nor_served_from_the_cache(client, data):
    client.get("/en/members/china/")  # an anonymous visitor fills the cache
    client.force_login(_staff())

    for _ in range(2):
        response = client.get("/en/members/china/")
        assert response.status_code == 200
        assert _status(response) is None
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert not response.has_header("ETag")


def test_staff_preview_of_a_draft_never_reaches_visitors(client, data):
    draft = builders.region(country=data["china"], slug="tianjin", is_published=False)
    staff = client
    staff.force_login(_staff())
    preview = staff.get("/en/members/china/tianjin/")
    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"]
    staff.logout()

    assert client.get("/en/members/china/tianjin/").status_code == 404
    assert client.get("/en/members/china/tianjin/").status_code == 404
    assert draft.name_en not in client.get("/en/members/china/").content.decode()


def test_a_region_edit_clears_its_page_country_list_and_home_in_every_language(
    client, data, commit
):
    china_pages = [
        "/{lang}/members/china/ningxia/",
        "/{lang}/members/china/",
        "/{lang}/members/",
        "/{lang}/",
    ]
    unrelated = ["/{lang}/members/korea/", "/{lang}/members/korea/gyeongsangbuk/"]
    for code in language_codes():
        for page in china_pages + unrelated:
            client.get(page.format(lang=code))

    ningxia = data["ningxia"]
    with commit():
        ningxia.name_en = "Ningxia Hui Autonomous Region (renamed)"
        ningxia.save()

    for code in language_codes():
        for page in china_pages:
            response = client.get(page.format(lang=code))
            assert _status(response) == "miss", page.format(lang=code)
            if page != "/{lang}/":  # the home page shows counts, not names
                assert "(renamed)" in response.content.decode(), page.format(lang=code)
        for page in unrelated:
            assert _status(client.get(page.format(lang=code))) == "hit", page.format(lang=code)


def test_clearing_waits_for_the_commit(client, data, django_capture_on_commit_callbacks):
    client.get("/en/members/china/ningxia/")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Region.objects.filter(slug="ningxia").get().save()
        # Not yet committed: another visitor still gets the page as it was.
        assert _status(client.get("/en/members/china/ningxia/")) == "hit"
    assert len(callbacks) == 1
    assert _status(client.get("/en/members/china/ningxia/")) == "miss"


def test_a_contact_edit_clears_its_region_and_country(client, data, commit):
    client.get("/en/members/china/heilongjiang/")
    client.get("/en/members/china/")
    client.get("/en/members/korea/")
    client.get("/en/committees/working-committee/")  # names the region, not its contacts

    with commit():
        builders.contact(region=data["heilongjiang"], office_en="Foreign Affairs Office")

    for url in ["/en/members/china/heilongjiang/", "/en/members/china/"]:
        response = client.get(url)
        assert _status(response) == "miss"
        assert "Foreign Affairs Office" in response.content.decode()
    assert _status(client.get("/en/members/korea/")) == "hit"
    assert _status(client.get("/en/committees/working-committee/")) == "hit"


def test_moving_a_region_clears_the_country_it_left(client, data, commit):
    client.get("/en/members/china/")
    client.get("/en/members/korea/")
    ningxia = data["ningxia"]
    with commit():
        ningxia.country = data["korea"]
        ningxia.save()

    assert "Ningxia" not in client.get("/en/members/china/").content.decode()
    assert "Ningxia" in client.get("/en/members/korea/").content.decode()


def test_an_assembly_edit_clears_the_pages_that_name_it(client, data, commit):
    # The lists, its own page, its host region's (which lists what it hosted), the home page.
    urls = ["/en/assemblies/", "/en/assemblies/1/", "/en/members/korea/gyeongsangbuk/", "/en/"]
    for url in urls:
        client.get(url)
    client.get("/en/about/about/")

    first = data["first"]
    with commit():
        first.city_en = "Gyeongju City"
        first.save()

    for url in urls:
        response = client.get(url)
        assert _status(response) == "miss", url
    assert "Gyeongju City" in client.get("/en/assemblies/1/").content.decode()
    assert _status(client.get("/en/about/about/")) == "hit"


def test_a_new_photo_clears_its_assembly_and_not_the_whole_site(client, data, commit):
    client.get("/en/assemblies/1/")
    client.get("/en/about/about/")
    client.get("/en/committees/")
    client.get("/en/members/china/")  # names the assembly, lists none of its photos

    with commit():
        builders.photo(general_assembly=data["first"], alt_text_en="Delegates in Gyeongju")

    response = client.get("/en/assemblies/1/")
    assert _status(response) == "miss"
    assert "Delegates in Gyeongju" in response.content.decode()
    assert _status(client.get("/en/about/about/")) == "hit"
    assert _status(client.get("/en/committees/")) == "hit"
    assert _status(client.get("/en/members/china/")) == "hit"


def test_deleting_a_region_clears_the_pages_that_showed_it(client, data, commit):
    for url in ["/en/members/", "/en/members/china/", "/en/members/china/ningxia/"]:
        client.get(url)
    client.get("/en/members/korea/")

    with commit():
        data["ningxia"].delete()

    assert client.get("/en/members/china/ningxia/").status_code == 404
    for url in ["/en/members/", "/en/members/china/"]:
        assert "Ningxia" not in client.get(url).content.decode(), url
    assert _status(client.get("/en/members/korea/")) == "hit"


def test_publishing_a_committee_shows_its_meetings_on_the_host_regions_page(client, data, commit):
    draft = builders.committee(slug="tourism", name_en="Tourism Subcommittee", is_published=False)
    builders.meeting(committee=draft, year=2012, host_region=data["ningxia"], city_en="Yinchuan")
    assert "Tourism" not in client.get("/en/members/china/ningxia/").content.decode()

    with commit():
        draft.is_published = True
        draft.save()

    assert "Tourism Subcommittee" in client.get("/en/members/china/ningxia/").content.decode()


def test_adding_a_participant_clears_the_activity_pages(client, data, commit):
    activity = data["heilongjiang"].activities.get()
    client.get("/en/members/china/heilongjiang/")

    with commit():
        activity.participants.add(data["gyeongbuk"])

    response = client.get("/en/members/china/heilongjiang/")
    assert _status(response) == "miss"
    assert "Gyeongsangbuk-do" in response.content.decode()


def test_leaving_every_activity_clears_them(client, data, commit):
    activity = data["heilongjiang"].activities.get()
    activity.participants.add(data["gyeongbuk"])
    assert "With:" in client.get("/en/members/china/heilongjiang/").content.decode()
    client.get("/en/members/korea/")

    with commit():
        data["gyeongbuk"].shared_activities.clear()

    response = client.get("/en/members/china/heilongjiang/")
    assert _status(response) == "miss"
    assert "With:" not in response.content.decode()
    assert _status(client.get("/en/members/korea/")) == "hit"


def test_a_committee_membership_clears_the_committee_and_the_region(client, data, commit):
    for url in ["/en/committees/", "/en/committees/working-committee/"]:
        client.get(url)
    with commit():
        builders.membership(committee=data["working"], region=data["ningxia"], since=2020)

    for url in ["/en/committees/", "/en/committees/working-committee/"]:
        response = client.get(url)
        assert _status(response) == "miss"
    assert "Ningxia" in client.get("/en/committees/working-committee/").content.decode()


def test_a_new_meeting_clears_its_committee_and_its_host_region(client, data, commit):
    urls = ["/en/committees/working-committee/", "/en/members/china/ningxia/", "/en/committees/"]
    for url in urls:
        client.get(url)
    client.get("/en/members/korea/gyeongsangbuk/")

    with commit():
        builders.meeting(
            committee=data["working"], number=9, year=2016, host_region=data["ningxia"]
        )

    for url in urls:
        response = client.get(url)
        assert _status(response) == "miss", url
    assert "Working Committee" in client.get("/en/members/china/ningxia/").content.decode()
    assert _status(client.get("/en/members/korea/gyeongsangbuk/")) == "hit"


def _action(client, action, record):
    return client.post(
        reverse("admin:members_region_changelist"),
        {"action": action, "_selected_action": [record.pk]},
    )


def test_publishing_shows_a_draft_at_once_and_unpublishing_hides_it_at_once(client, data, commit):
    draft = builders.region(
        country=data["china"], slug="tianjin", name_en="Tianjin Municipality", is_published=False
    )
    visitor = client
    for url in ["/en/members/", "/en/members/china/", "/en/", "/sitemap-regions.xml"]:
        visitor.get(url)
    assert visitor.get("/en/members/china/tianjin/").status_code == 404

    from django.test import Client

    editor = Client()
    editor.force_login(_staff())
    with commit():
        assert _action(editor, "publish_selected", draft).status_code == 302

    assert visitor.get("/en/members/china/tianjin/").status_code == 200
    for url in ["/en/members/", "/en/members/china/", "/sitemap-regions.xml"]:
        assert "tianjin" in visitor.get(url).content.decode().lower(), url
    assert visitor.get("/en/members/china/tianjin/").status_code == 200  # now from the cache

    with commit():
        _action(editor, "unpublish_selected", draft)

    assert visitor.get("/en/members/china/tianjin/").status_code == 404
    for url in ["/en/members/", "/en/members/china/", "/sitemap-regions.xml"]:
        assert "tianjin" not in visitor.get(url).content.decode().lower(), url


def test_reverting_to_an_earlier_version_clears_the_page(client, data, commit):
    ningxia = data["ningxia"]
    with reversion.create_revision():
        ningxia.save()
    with reversion.create_revision():
        ningxia.name_en = "Ningxia Region"
        ningxia.save()
    client.get("/en/members/china/ningxia/")

    with commit():
        Version.objects.get_for_object(ningxia).last().revision.revert()

    response = client.get("/en/members/china/ningxia/")
    assert _status(response) == "miss"
    assert "Ningxia Hui Autonomous Region" in response.content.decode()


def test_the_demo_content_loader_clears_the_pages(client, commit):
    builders.country(code="MN", slug="mongolia", name_en="Mongolia")
    client.get("/en/members/")
    client.get("/en/members/mongolia/")

    with commit():
        call_command("load_demo_content", verbosity=0)

    assert _status(client.get("/en/members/")) == "miss"
    assert _status(client.get("/en/members/mongolia/")) == "miss"


def test_an_edit_of_a_record_on_no_page_leaves_the_cache_alone(client, data, commit):
    client.get("/en/members/korea/")
    cache = caches["pages"]
    epoch = cache.get(EPOCH_KEY)
    with commit():
        builders.region(country=data["china"], slug="draft", is_published=False)
    assert cache.get(EPOCH_KEY) != epoch
    assert cache.get(tag_key(f"members.country:{data['china'].pk}/children")) is not None
    assert _status(client.get("/en/members/korea/")) == "hit"


def test_clear_page_cache_makes_every_page_stale(client, data):
    for url in ["/en/", "/ko/members/korea/", "/robots.txt"]:
        client.get(url)

    call_command("clear_page_cache", verbosity=0)

    for url in ["/en/", "/ko/members/korea/", "/robots.txt"]:
        assert _status(client.get(url)) == "miss"


def test_without_redis_the_processes_of_one_machine_share_a_folder(
    client, data, settings, tmp_path, commit
):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": tmp_path / "pages",
        },
    }
    client.get("/en/members/china/")
    assert _status(client.get("/en/members/china/")) == "hit"
    with commit():
        data["ningxia"].name_en = "Ningxia (on disk)"
        data["ningxia"].save()
    response = client.get("/en/members/china/")
    assert _status(response) == "miss"
    assert "Ningxia (on disk)" in response.content.decode()


def test_pages_are_served_uncached_while_the_cache_does_not_answer(client, data, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        },
    }
    for _ in range(2):
        response = client.get("/en/members/china/")
        assert response.status_code == 200
        assert "Ningxia" in response.content.decode()
        assert _status(response) is None


def test_every_model_of_the_public_site_clears_the_pages_it_is_on():
    from django.apps import apps

    from association.page_invalidation import content_models

    covered = set(content_models())
    for app in ("association", "members"):
        for model in apps.get_app_config(app).get_models():
            # Accounts, the audit trail and the loader's and translators' bookkeeping are
            # not shown on public pages.
            if model._meta.label not in {
                "association.User",
                "association.SeededRecord",
                "association.TranslationSource",
                "association.AuditEntry",
            }:
                assert model in covered, f"{model._meta.label} edits would leave pages stale"


def test_every_public_page_is_either_cached_or_deliberately_not():
    from django.urls import get_resolver
    from django.urls.resolvers import LocalePrefixPattern, URLResolver

    from association.page_cache import declared_tags

    never_cached = {"document-download"}  # files are files
    seen = set()

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
                continue
            seen.add(pattern.name)
            if pattern.name not in never_cached:
                assert declared_tags(pattern.callback) is not None, pattern.name

    # The language-prefixed public site.
    walk(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and isinstance(p.pattern, LocalePrefixPattern)
    )
    assert {"home", "list", "country-detail", "region-detail", "assembly-detail"} <= seen
    for name in ("sitemap", "robots"):
        view = next(p for p in get_resolver().url_patterns if getattr(p, "name", "") == name)
        assert declared_tags(view.callback) is not None


# Conditional requests


def test_public_pages_carry_a_validator_and_must_be_revalidated(client, data):
    client.cookies["django_language"] = "en"  # a returning visitor: no cookie to set
    response = client.get("/en/members/china/")
    assert response["ETag"]
    assert "public" in response["Cache-Control"]
    assert "must-revalidate" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.parametrize("cached", [False, True])
def test_matching_if_none_match_gets_304(client, data, cached):
    etag = client.get("/en/members/china/")["ETag"]
    if not cached:
        caches["pages"].clear()

    response = client.get("/en/members/china/", headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert client.get("/en/members/china/", headers={"if-none-match": '"other"'}).status_code == 200


def test_head_with_matching_etag_gets_304(client, data):
    etag = client.get("/en/committees/")["ETag"]
    assert client.head("/en/committees/", headers={"if-none-match": etag}).status_code == 304


def test_an_edit_changes_the_etag(client, data, commit):
    etag = client.get("/en/members/china/")["ETag"]
    with commit():
        data["ningxia"].name_en = "Ningxia (new)"
        data["ningxia"].save()
    response = client.get("/en/members/china/", headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_conditional_requests_work_with_the_cache_off(client, data, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.cookies["django_language"] = "en"
    first = client.get("/en/members/")
    assert _status(first) is None
    assert "public" in first["Cache-Control"]
    response = client.get("/en/members/", headers={"if-none-match": first["ETag"]})
    assert response.status_code == 304


def test_the_root_redirect_is_never_kept_by_a_shared_cache(client):
    response = client.get("/", headers={"accept-language": "ru"})
    assert response.status_code == 302
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


# Cookies and tokens


def test_a_visitors_language_cookie_is_never_replayed_to_another(client, data):
    from django.test import Client

    first = Client()
    response = first.get("/ja/members/")
    assert response.cookies["django_language"].value == "ja"
    assert "private" in response["Cache-Control"]  # no CDN keeps a response with a cookie
    assert "public" not in response["Cache-Control"]

    returning = Client()
    returning.cookies["django_language"] = "ja"
    hit = returning.get("/ja/members/")
    assert _status(hit) == "hit"
    assert "django_language" not in hit.cookies
    assert not hit.has_header("Set-Cookie")
    assert "public" in hit["Cache-Control"]

    other = Client()
    other.cookies["django_language"] = "ru"
    hit = other.get("/ja/members/")
    assert _status(hit) == "hit"
    assert hit.cookies["django_language"].value == "ja"  # its own choice, set for it alone
    assert "csrftoken" not in hit.cookies
    assert "sessionid" not in hit.cookies


@cached_page()
def _sets_a_cookie(request):
    response = HttpResponse("flavour")
    response.set_cookie("flavour", "lemon")
    return response


@cached_page()
def _uses_a_csrf_token(request):
    return HttpResponse(f"token {get_token(request)}")


@cached_page()
def _writes_the_session(request):
    request.session["seen"] = True
    return HttpResponse("seen")


@cached_page()
def _plain(request):
    return HttpResponse("plain")


urlpatterns = [
    path("sets-a-cookie/", _sets_a_cookie),
    path("uses-a-csrf-token/", _uses_a_csrf_token),
    path("writes-the-session/", _writes_the_session),
    path("plain/", _plain),
]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/sets-a-cookie/", "/uses-a-csrf-token/", "/writes-the-session/"])
def test_a_response_with_a_cookie_token_or_session_is_never_stored(client, url):
    from django.test import Client

    client.get(url)
    response = Client().get(url)
    assert _status(response) == "miss"
    assert response.cookies  # each visitor gets their own


@pytest.mark.urls(__name__)
def test_a_plain_response_is_stored(client):
    client.get("/plain/")
    assert _status(client.get("/plain/")) == "hit"


# Across processes


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(base, url):
    try:
        with urllib.request.urlopen(base + url, timeout=30) as response:
            return response.status, response.headers.get("X-Page-Cache"), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Page-Cache"), ""


@pytest.fixture
def site_in_two_processes(tmp_path, page_cache_on):
    """A gunicorn server (two workers) and a shell, each its own process, sharing a SQLite
    file and Redis; yields the server's address and a function running code in a new shell."""
    prefix = f"{page_cache_on}-site"
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        REDIS_URL=REDIS_URL,
        DJANGO_CACHE_PREFIX=prefix,
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_PAGE_CACHE="1",
    )

    def shell(code):
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=120,
        )

    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    shell("from tests.public_site import small_association; small_association()")
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "association.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield base, shell, tmp_path / "site.sqlite3"
    finally:
        server.terminate()
        server.wait(timeout=30)
        _delete_prefix(prefix)


def test_an_edit_in_one_process_is_seen_through_another_at_once(site_in_two_processes):
    base, shell, database = site_in_two_processes
    china, korea = "/en/members/china/", "/en/members/korea/"
    assert _fetch(base, china)[1] == "miss"
    assert _fetch(base, korea)[1] == "miss"
    for _ in range(4):  # whichever worker answers, the page comes from the shared cache
        status, cache_status, html = _fetch(base, china)
        assert (status, cache_status) == (200, "hit")
        assert "Ningxia Hui Autonomous Region" in html

    # Behind the site's back (no signal): the cached page is what visitors keep getting.
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE members_region SET name_en = 'Quiet' WHERE slug = 'ningxia'")
    assert "Quiet" not in _fetch(base, china)[2]

    # Through the ORM in another process: seen by the next request.
    shell(
        "from members.models import Region\n"
        "region = Region.objects.get(slug='ningxia')\n"
        "region.name_en = 'Ningxia Renamed'\n"
        "region.save()\n"
    )
    status, cache_status, html = _fetch(base, china)
    assert (status, cache_status) == (200, "miss")
    assert "Ningxia Renamed" in html
    assert _fetch(base, korea)[1] == "hit"

    assert _fetch(base, "/en/members/china/ningxia/")[0] == 200
    shell(
        "from members.models import Region\n"
        "region = Region.objects.get(slug='ningxia')\n"
        "region.is_published = False\n"
        "region.save()\n"
    )
    assert _fetch(base, "/en/members/china/ningxia/")[0] == 404
    assert "Ningxia" not in _fetch(base, china)[2]

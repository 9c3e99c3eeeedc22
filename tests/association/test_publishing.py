"""Drafts are invisible to the public and previewed by staff; publishing is an explicit action."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from association import roles
from association.languages import language_codes
from members.models import Region
from tests import builders
from tests.public_site import small_association

pytestmark = pytest.mark.django_db


def _staff(group_name):
    user = get_user_model().objects.create_user(group_name.split()[0].lower(), is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def draft():
    data = small_association()
    return Region.objects.create(
        country=data["china"],
        slug="tianjin",
        name_en="Tianjin Municipality",
        native_name="天津市",
        kind=Region.Kind.MUNICIPALITY,
        status=Region.Status.MEMBER,
    )


def test_new_region_is_a_draft(draft):
    assert draft.is_published is False


@pytest.mark.parametrize("language", language_codes())
def test_draft_is_nowhere_public(client, draft, language):
    assert client.get(f"/{language}/members/china/tianjin/").status_code == 404
    for url in [f"/{language}/", f"/{language}/members/", f"/{language}/members/china/"]:
        assert "tianjin" not in client.get(url).content.decode(), url
    assert "Tianjin" not in client.get(f"/{language}/search/?q=tianjin").content.decode()


def test_draft_is_absent_from_the_sitemap_and_counts(client, draft):
    assert "tianjin" not in client.get("/sitemap-regions.xml").content.decode()
    assert client.get("/en/").context_data["member_total"] == 3


def test_staff_preview_the_draft_with_a_banner(client, draft):
    client.force_login(_staff(roles.EDITORS))

    response = client.get("/ko/members/china/tianjin/")

    assert response.status_code == 200
    assert 'class="preview-banner"' in response.content.decode()


def test_published_page_has_no_preview_banner(client, draft):
    client.force_login(_staff(roles.EDITORS))

    response = client.get("/en/members/china/heilongjiang/")

    assert 'class="preview-banner"' not in response.content.decode()


def test_editor_publishes_with_the_action_and_history_keeps_it(client, draft):
    editor = _staff(roles.EDITORS)
    client.force_login(editor)

    response = client.post(
        reverse("admin:members_region_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_published is True
    assert Version.objects.get_for_object(draft).get().revision.comment == "Published."
    assert LogEntry.objects.filter(object_id=str(draft.pk), user=editor).exists()
    assert client.get("/en/members/china/tianjin/").status_code == 200


def test_editor_unpublishes_with_the_action(client):
    region = builders.region(slug="jilin")
    client.force_login(_staff(roles.EDITORS))

    client.post(
        reverse("admin:members_region_changelist"),
        {"action": "unpublish_selected", "_selected_action": [region.pk]},
    )

    region.refresh_from_db()
    assert region.is_published is False


def test_translator_cannot_publish_by_action(client, draft):
    client.force_login(_staff(roles.translators_group_name("ru")))

    client.post(
        reverse("admin:members_region_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )

    draft.refresh_from_db()
    assert draft.is_published is False


def test_translator_sees_the_published_flag_read_only(client, draft):
    client.force_login(_staff(roles.translators_group_name("ru")))

    response = client.get(reverse("admin:members_region_change", args=[draft.pk]))

    assert "is_published" not in response.context["adminform"].form.fields

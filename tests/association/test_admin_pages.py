"""Every admin page of the content models answers in all six languages, in fixed queries."""

import re

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from association.languages import language_codes
from tests import builders

pytestmark = pytest.mark.django_db

CONTENT_APPS = {"association", "members"}
# The audit trail is read-only: nothing to add or save (tests/association/test_audit.py).
READ_ONLY_MODELS = {"association.AuditEntry"}
ADMIN_MODELS = sorted(
    model._meta.label
    for model in admin.site._registry
    if model._meta.app_label in CONTENT_APPS and model._meta.label not in READ_ONLY_MODELS
)


def build_one_of_each():
    """One record of every model, linked the way real content is."""
    region = builders.region(
        slug="gyeongsangbuk", name_en="Gyeongsangbuk-do", native_name="경상북도"
    )
    assembly = builders.assembly(number=1, year=1996, host_region=region)
    committee = builders.committee(slug="working-committee", kind=1)
    meeting = builders.meeting(committee=committee, number=1, year=1997, host_region=region)
    builders.membership(committee=committee, region=region, role="coordinator")
    builders.contact(region=region, is_primary=True)
    builders.event(region=region, kind="founding", year=1996, general_assembly=assembly)
    builders.activity(region=region, year=1997, committee_meeting=meeting)
    builders.photo(general_assembly=assembly)
    builders.document(committee_meeting=meeting)
    builders.page(slug="about")


def admin_urls(model_label, obj):
    app_label, model_name = model_label.lower().split(".")
    return [
        reverse(f"admin:{app_label}_{model_name}_changelist"),
        reverse(f"admin:{app_label}_{model_name}_add"),
        reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk]),
    ]


@pytest.mark.parametrize("language", language_codes())
@pytest.mark.parametrize("model_label", ADMIN_MODELS)
def test_admin_pages_answer_in_every_language(admin_client, model_label, language):
    build_one_of_each()
    model = admin.site._registry.keys().__iter__()
    model = next(m for m in admin.site._registry if m._meta.label == model_label)
    obj = model.objects.first()

    for url in admin_urls(model_label, obj):
        response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        assert f'<html lang="{language}"' in response.content.decode(), url


def test_admin_index_in_korean_names_the_sections(admin_client):
    response = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ko")

    content = response.content.decode()
    assert "회원 지역" in content
    assert "총회" in content


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _add_rows(count):
    """`count` more records of every kind, hanging off one region, assembly and committee."""
    region = builders.region()
    assembly = builders.assembly(host_region=region, chair_region=region)
    committee = builders.committee()
    for _ in range(count):
        other = builders.region(country=region.country)
        meeting = builders.meeting(committee=committee, host_region=other)
        builders.membership(committee=committee, region=other, role="coordinator")
        builders.contact(region=region)
        builders.event(region=other, general_assembly=None)
        builders.activity(region=region, committee_meeting=meeting)
        builders.photo(general_assembly=assembly)
        builders.document(region=other)
        builders.page()
        builders.assembly(host_region=other)
        builders.country()
    return region, assembly, committee


@pytest.mark.parametrize("model_label", ADMIN_MODELS)
def test_admin_changelist_queries_do_not_grow_with_rows(admin_client, model_label):
    app_label, model_name = model_label.lower().split(".")
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    _add_rows(1)
    few = _count_queries(admin_client, url)

    _add_rows(12)
    many = _count_queries(admin_client, url)

    assert many == few


def test_region_change_form_queries_do_not_grow_with_children(admin_client):
    region, assembly, committee = _add_rows(1)
    # A row of each kind with every record it may point to chosen: each autocomplete reads
    # the records chosen in all its rows with one query.
    builders.event(region=region, kind="joined", year=1996, general_assembly=assembly)
    builders.activity(
        region=region,
        general_assembly=assembly,
        committee_meeting=builders.meeting(committee=committee),
    )
    builders.membership(region=region, committee=committee)
    url = reverse("admin:members_region_change", args=[region.pk])
    few = _count_queries(admin_client, url)

    for _ in range(8):
        builders.contact(region=region)
        builders.event(
            region=region, kind="observer", year=1998, general_assembly=builders.assembly(year=1998)
        )
        builders.activity(
            region=region,
            general_assembly=builders.assembly(year=2004),
            committee_meeting=builders.meeting(committee=builders.committee()),
        )
        builders.membership(region=region, committee=builders.committee())
        builders.photo(region=region)
        builders.document(region=region)
    many = _count_queries(admin_client, url)

    assert many == few


def test_committee_change_form_queries_do_not_grow_with_children(admin_client):
    _, _, committee = _add_rows(1)
    url = reverse("admin:association_committee_change", args=[committee.pk])
    few = _count_queries(admin_client, url)

    _, _, _ = _add_rows(0)
    for _ in range(10):
        other = builders.region()
        builders.membership(committee=committee, region=other)
        builders.meeting(committee=committee, host_region=other)
    many = _count_queries(admin_client, url)

    assert many == few


def test_assembly_change_form_queries_do_not_grow_with_attachments(admin_client):
    _, assembly, _ = _add_rows(1)
    url = reverse("admin:association_generalassembly_change", args=[assembly.pk])
    few = _count_queries(admin_client, url)

    for _ in range(10):
        builders.photo(general_assembly=assembly)
        builders.document(general_assembly=assembly)
    many = _count_queries(admin_client, url)

    assert many == few


def test_region_rows_choose_assemblies_and_meetings_by_autocomplete(admin_client):
    region, assembly, committee = _add_rows(1)
    other_assembly = builders.assembly(year=2030)
    builders.event(region=region, kind="joined", year=1996, general_assembly=assembly)
    url = reverse("admin:members_region_change", args=[region.pk])

    html = admin_client.get(url).content.decode()

    chosen = re.search(
        r'<select name="membership_events-0-general_assembly"[^>]*>(.*?)</select>', html, re.S
    )
    assert chosen, "the event's assembly is an autocomplete select"
    assert 'data-ajax--url="/admin/autocomplete/"' in chosen.group(0)
    assert f'<option value="{assembly.pk}" selected>{assembly}</option>' in chosen.group(1)
    # Only the chosen record is listed: the others are found by typing.
    assert f'value="{other_assembly.pk}"' not in chosen.group(1)
    assert "admin/js/autocomplete.js" in html

"""A secretariat member can open any record in the admin and save it back unchanged, or edited."""

import pytest
from django.contrib import admin
from django.forms import MultiWidget
from django.urls import reverse

from members.models import MembershipEvent, Region
from tests import builders
from tests.association.test_admin_pages import ADMIN_MODELS, build_one_of_each

pytestmark = pytest.mark.django_db


def _field_data(form):
    data = {}
    for bound in form:
        widget = getattr(bound.field.widget, "widget", bound.field.widget)
        if bound.field.disabled or getattr(widget, "input_type", "") == "file":
            continue
        value = bound.value()
        if isinstance(widget, MultiWidget):
            parts = widget.decompress(value) if not isinstance(value, list) else value
            for index, part in enumerate(parts):
                data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
        elif value is None or value is False:
            continue
        elif value is True:
            data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = str(value)
    return data


def form_data(response):
    """The POST a browser would send for the change form as it was shown."""
    data = _field_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_field_data(formset.management_form))
        for form in formset.forms:
            data.update(_field_data(form))
    return data


@pytest.mark.parametrize("model_label", ADMIN_MODELS)
def test_admin_saves_every_record_unchanged(admin_client, model_label):
    build_one_of_each()
    model = next(m for m in admin.site._registry if m._meta.label == model_label)
    obj = model.objects.first()
    app_label, model_name = model_label.lower().split(".")
    url = reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk])

    response = admin_client.post(url, form_data(admin_client.get(url)))

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert response["Location"] == reverse(f"admin:{app_label}_{model_name}_changelist")


def test_admin_saves_a_korean_name_for_a_region(admin_client):
    region = builders.region(slug="jilin", name_en="Jilin Province")
    url = reverse("admin:members_region_change", args=[region.pk])
    data = form_data(admin_client.get(url, HTTP_ACCEPT_LANGUAGE="ko"))
    data["name_ko"] = "지린성"

    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="ko")

    assert response.status_code == 302
    region.refresh_from_db()
    assert (region.name_en, region.name_ko) == ("Jilin Province", "지린성")


def test_admin_refuses_a_history_that_withdraws_before_joining(admin_client):
    region = builders.region()
    builders.event(region=region, kind=MembershipEvent.Kind.JOINED, year=2006)
    url = reverse("admin:members_region_change", args=[region.pk])
    data = form_data(admin_client.get(url))
    data.update(
        {
            "membership_events-TOTAL_FORMS": "2",
            "membership_events-1-kind": "withdrew",
            "membership_events-1-year": "2000",
            "membership_events-1-region": str(region.pk),
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][1].formset.non_form_errors()
    assert "“withdrew” in 2000 does not fit the history" in errors[0]
    assert list(region.membership_events.values_list("kind", flat=True)) == ["joined"]


def test_admin_refuses_a_second_primary_contact(admin_client):
    region = builders.region()
    builders.contact(region=region, is_primary=True)
    url = reverse("admin:members_region_change", args=[region.pk])
    data = form_data(admin_client.get(url))
    data.update(
        {
            "contacts-TOTAL_FORMS": "2",
            "contacts-1-is_primary": "on",
            "contacts-1-phone": "+86 431 8890 5587",
            "contacts-1-region": str(region.pk),
            "contacts-1-order": "2",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert region.contacts.count() == 1
    assert "A region can have only one primary contact." in response.content.decode()


def test_admin_refuses_a_phone_without_country_code_in_korean(admin_client):
    region = builders.region()
    url = reverse("admin:members_region_change", args=[region.pk])
    data = form_data(admin_client.get(url))
    data.update(
        {
            "contacts-TOTAL_FORMS": "1",
            "contacts-0-phone": "0971-8239560",
            "contacts-0-region": str(region.pk),
            "contacts-0-order": "1",
        }
    )

    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="ko")

    assert response.status_code == 200
    assert not Region.objects.get(pk=region.pk).contacts.exists()
    assert response.context["inline_admin_formsets"][0].formset.forms[0].errors["phone"]


def test_admin_refuses_the_same_coordinator_twice_on_a_committee(admin_client):
    committee = builders.committee()
    region = builders.region()
    builders.membership(committee=committee, region=region, role="coordinator", since=2016)
    url = reverse("admin:association_committee_change", args=[committee.pk])
    data = form_data(admin_client.get(url))
    data.update(
        {
            "memberships-TOTAL_FORMS": "2",
            "memberships-1-region": str(region.pk),
            "memberships-1-role": "coordinator",
            "memberships-1-since": "2016",
            "memberships-1-committee": str(committee.pk),
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert committee.memberships.count() == 1

"""Two people editing one record: nothing either saved is lost, and a clash is explained."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from association.roles import EDITORS
from members.models import Contact, Country, Region
from tests import builders
from tests.association.test_admin_saves import form_data

pytestmark = pytest.mark.django_db


def _editor(username, first_name=""):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "x-password-1", is_staff=True, first_name=first_name
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def anna():
    return _editor("anna", "Anna")


@pytest.fixture
def boris():
    return _editor("boris", "Boris")


@pytest.fixture
def region():
    return builders.region(
        name_en="Primorsky Krai",
        name_ru="Приморский край",
        description_en="A krai on the Sea of Japan.",
    )


def _change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _open(client, obj):
    """The POST data of the change form as this person sees it now."""
    return form_data(client.get(_change_url(obj)))


def _stored(region):
    return Region.objects.values().get(pk=region.pk)


def test_second_save_of_the_same_field_is_refused_and_names_who_and_what(anna, boris, region):
    anna_form, boris_form = _open(anna, region), _open(boris, region)

    anna_form["name_ru"] = "Приморье"
    assert anna.post(_change_url(region), anna_form).status_code == 302
    after_anna = _stored(region)

    boris_form["name_ru"] = "Приморский край (Россия)"
    response = boris.post(_change_url(region), boris_form)

    assert response.status_code == 200
    assert _stored(region) == after_anna
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Anna" in errors
    assert "Приморье" in errors
    assert "Приморский край (Россия)" in errors
    assert "Name (Русский)" in errors
    assert "save again" in errors
    # Boris's text is still in the form he gets back.
    assert "Приморский край (Россия)" in response.content.decode()


def test_saving_again_after_a_refusal_replaces_the_other_value_on_purpose(anna, boris, region):
    anna_form, boris_form = _open(anna, region), _open(boris, region)
    anna_form["name_ru"] = "Приморье"
    anna.post(_change_url(region), anna_form)
    boris_form["name_ru"] = "Приморский край (Россия)"
    refused = boris.post(_change_url(region), boris_form)

    again = form_data(refused)
    assert boris.post(_change_url(region), again).status_code == 302

    region.refresh_from_db()
    assert region.name_ru == "Приморский край (Россия)"


def test_different_fields_saved_by_two_people_are_both_kept(anna, boris, region):
    anna_form, boris_form = _open(anna, region), _open(boris, region)

    anna_form["description_en"] = "A krai on the Sea of Japan, with Vladivostok as its capital."
    assert anna.post(_change_url(region), anna_form).status_code == 302
    boris_form["website"] = "https://primorsky.ru/"
    response = boris.post(_change_url(region), boris_form, follow=True)

    assert response.status_code == 200
    region.refresh_from_db()
    assert region.description_en.endswith("Vladivostok as its capital.")
    assert region.website == "https://primorsky.ru/"
    shown = [str(message) for message in response.context["messages"]]
    assert any("Description (English)" in message and "kept" in message for message in shown)


def test_two_translators_saving_different_languages_both_succeed(anna, boris, region):
    anna_form, boris_form = _open(anna, region), _open(boris, region)

    anna_form["name_ko"] = "연해주"
    anna_form["description_ko"] = "동해에 접한 지방."
    assert anna.post(_change_url(region), anna_form).status_code == 302
    boris_form["name_ja"] = "沿海地方"
    boris_form["description_mn"] = "Японы тэнгисийн эрэг дээрх хязгаар. 🙂"
    assert boris.post(_change_url(region), boris_form).status_code == 302

    region.refresh_from_db()
    assert (region.name_ko, region.description_ko) == ("연해주", "동해에 접한 지방.")
    assert (region.name_ja, region.description_mn) == (
        "沿海地方",
        "Японы тэнгисийн эрэг дээрх хязгаар. 🙂",
    )
    assert region.name_ru == "Приморский край"


def test_the_same_change_made_by_both_is_no_conflict(anna, boris, region):
    anna_form, boris_form = _open(anna, region), _open(boris, region)
    anna_form["name_ja"] = boris_form["name_ja"] = "沿海地方"

    anna.post(_change_url(region), anna_form)

    assert boris.post(_change_url(region), boris_form).status_code == 302


def test_a_record_published_by_an_action_meanwhile_stays_published(anna, boris):
    draft = builders.region(name_en="Tuv Province", is_published=False)
    anna_form = _open(anna, draft)

    changelist = reverse("admin:members_region_changelist")
    boris.post(changelist, {"action": "publish_selected", "_selected_action": [draft.pk]})
    assert Region.objects.get(pk=draft.pk).is_published

    anna_form["description_en"] = "An aimag around Ulaanbaatar."
    assert anna.post(_change_url(draft), anna_form).status_code == 302

    draft.refresh_from_db()
    assert draft.is_published
    assert draft.description_en == "An aimag around Ulaanbaatar."


def test_inline_rows_clash_only_on_the_same_row_and_field(anna, boris, region):
    first = builders.contact(region=region, office="International Office", email="a@example.org")
    second = builders.contact(region=region, office="Protocol Office", email="b@example.org")
    anna_form, boris_form = _open(anna, region), _open(boris, region)
    prefix = {
        contact.pk: next(
            key.removesuffix("-id")
            for key, value in anna_form.items()
            if key.startswith("contacts-") and key.endswith("-id") and value == str(contact.pk)
        )
        for contact in (first, second)
    }

    anna_form[f"{prefix[first.pk]}-email"] = "intl@primorsky.ru"
    assert anna.post(_change_url(region), anna_form).status_code == 302
    boris_form[f"{prefix[second.pk]}-email"] = "protocol@primorsky.ru"
    assert boris.post(_change_url(region), boris_form).status_code == 302

    emails = dict(Contact.objects.values_list("pk", "email"))
    assert emails == {first.pk: "intl@primorsky.ru", second.pk: "protocol@primorsky.ru"}

    anna_form, boris_form = _open(anna, region), _open(boris, region)
    anna_form[f"{prefix[first.pk]}-email"] = "office@primorsky.ru"
    anna.post(_change_url(region), anna_form)
    boris_form[f"{prefix[first.pk]}-email"] = "mail@primorsky.ru"
    response = boris.post(_change_url(region), boris_form)

    assert response.status_code == 200
    assert Contact.objects.get(pk=first.pk).email == "office@primorsky.ru"
    content = response.content.decode()
    assert "office@primorsky.ru" in content
    assert "Nothing was saved" in content


def _changelist_post(client, url, rows):
    """The list_editable POST for `rows` ({pk: order}) as the page was shown to `client`."""
    response = client.get(url)
    formset = response.context["cl"].formset
    data = {
        "form-TOTAL_FORMS": str(formset.total_form_count()),
        "form-INITIAL_FORMS": str(formset.initial_form_count()),
        "_save": "Save",
    }
    html = response.content.decode()
    for form in formset.forms:
        data[form.add_prefix("id")] = str(form.instance.pk)
        data[form.add_prefix("order")] = str(form.instance.order)
        token_name = form.add_prefix("opened_state")
        # The fingerprint rides along with the row's hidden primary key.
        assert f'name="{token_name}"' in html
        data[token_name] = form.fields["opened_state"].initial
    return data


def _set_rows(data, rows):
    for key, value in list(data.items()):
        if key.endswith("-id") and int(value) in rows:
            data[key.replace("-id", "-order")] = str(rows[int(value)])
    return data


def test_list_editable_keeps_both_peoples_rows_and_refuses_a_clash(anna, boris):
    korea = builders.country(name_en="Republic of Korea", order=3)
    japan = builders.country(name_en="Japan", order=2)
    url = reverse("admin:members_country_changelist")
    anna_data = _changelist_post(anna, url, {})
    boris_data = _changelist_post(boris, url, {})

    assert anna.post(url, _set_rows(anna_data, {korea.pk: 10})).status_code == 302
    assert boris.post(url, _set_rows(boris_data, {japan.pk: 20})).status_code == 302
    assert dict(Country.objects.values_list("pk", "order")) == {korea.pk: 10, japan.pk: 20}

    anna_data = _changelist_post(anna, url, {})
    boris_data = _changelist_post(boris, url, {})
    anna.post(url, _set_rows(anna_data, {korea.pk: 11}))
    response = boris.post(url, _set_rows(boris_data, {korea.pk: 12}))

    assert response.status_code == 200
    assert Country.objects.get(pk=korea.pk).order == 11
    assert "Nothing was saved" in response.content.decode()


def test_a_forged_or_foreign_fingerprint_is_ignored_not_an_error(anna, region):
    other = builders.region(name_en="Khabarovsk Krai")
    data = _open(anna, region)
    data["opened_state"] = _open(anna, other)["opened_state"]
    data["name_ja"] = "沿海地方"
    assert anna.post(_change_url(region), data).status_code == 302

    data = _open(anna, region)
    data["opened_state"] = "not-a-token"
    data["name_ja"] = "沿海州"
    assert anna.post(_change_url(region), data).status_code == 302
    region.refresh_from_db()
    assert region.name_ja == "沿海州"


def test_saving_unchanged_records_logs_no_fingerprint_change(admin_client, region):
    from django.contrib.admin.models import LogEntry

    admin_client.post(_change_url(region), _open(admin_client, region))

    entry = LogEntry.objects.latest("action_time")
    assert "opened" not in entry.get_change_message().lower()


def _translator(username, language):
    from django.contrib.auth.models import Group

    from association.roles import translators_group_name

    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "x-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=translators_group_name(language)))
    client = Client()
    client.force_login(user)
    return client


def test_a_korean_and_a_russian_translator_on_one_record_both_succeed(region):
    korean, russian = _translator("minji", "ko"), _translator("olga", "ru")
    korean_form, russian_form = _open(korean, region), _open(russian, region)
    assert "name_ru" not in korean_form and "name_ko" not in russian_form

    korean_form["description_ko"] = "동해에 접한 지방."
    assert korean.post(_change_url(region), korean_form).status_code == 302
    russian_form["description_ru"] = "Край у Японского моря."
    assert russian.post(_change_url(region), russian_form).status_code == 302

    region.refresh_from_db()
    assert region.description_ko == "동해에 접한 지방."
    assert region.description_ru == "Край у Японского моря."
    assert region.name_ru == "Приморский край"


def test_saving_a_record_deleted_meanwhile_saves_nothing_and_keeps_what_was_typed(
    anna, boris, region
):
    anna_form = _open(anna, region)
    delete_url = reverse("admin:members_region_delete", args=[region.pk])
    assert boris.post(delete_url, {"post": "yes"}).status_code == 302

    anna_form["description_ru"] = "Край у Японского моря, столица — Владивосток."
    response = anna.post(_change_url(region), anna_form)

    assert response.status_code == 409
    assert not Region.objects.filter(pk=region.pk).exists()
    content = response.content.decode()
    assert "Boris" in content
    assert "Край у Японского моря, столица — Владивосток." in content
    assert "Description (Русский)" in content
    # Only what the person changed is listed, not every value the form sent back.
    assert [label for label, _, _ in response.context["typed"]] == ["Description (Русский)"]
    recover = response.context["recover_url"]
    assert anna.get(recover).status_code == 200

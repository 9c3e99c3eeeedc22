"""The role groups exist after migrate, each with the permissions its role needs."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from association import roles

pytestmark = pytest.mark.django_db


def _user_in(group_name):
    user = get_user_model().objects.create_user(group_name.lower().replace(" ", "-"), is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return get_user_model().objects.get(pk=user.pk)


def test_editor_may_add_change_and_delete_content():
    editor = _user_in(roles.EDITORS)

    assert editor.has_perms(
        [
            "members.add_region",
            "members.change_region",
            "members.delete_region",
            "association.add_generalassembly",
        ]
    )
    assert not editor.has_perm("association.add_user")


def test_translators_view_content_and_translate_only_their_language():
    translator = _user_in(roles.translators_group_name("ru"))

    assert translator.has_perms(["members.view_region", "association.translate_ru"])
    assert not translator.has_perm("association.translate_ko")
    # Django's change permission would open every field: translators do not hold it.
    assert not translator.has_perm("members.change_region")
    assert not translator.has_perm("members.add_region")
    assert not translator.has_perm("members.delete_region")


def test_there_is_a_translators_group_for_every_target_language():
    names = set(Group.objects.values_list("name", flat=True))

    assert {
        "Translators: 한국어",
        "Translators: 日本語",
        "Translators: 简体中文",
        "Translators: Русский",
        "Translators: Монгол",
    } <= names


def test_ensure_roles_takes_back_the_change_permission_translators_once_had():
    group = Group.objects.get(name=roles.TRANSLATORS)
    group.permissions.add(Permission.objects.get(codename="change_region"))

    roles.ensure_roles()

    assert not group.permissions.filter(codename="change_region").exists()


def test_administrator_manages_users_and_groups():
    administrator = _user_in(roles.ADMINISTRATORS)

    assert administrator.has_perms(["association.add_user", "auth.change_group"])
    assert not administrator.has_perm("members.change_region")

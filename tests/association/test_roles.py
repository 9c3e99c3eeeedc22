"""The role groups exist after migrate, each with the permissions its role needs."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

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


def test_translator_may_change_but_not_add_or_delete():
    translator = _user_in(roles.TRANSLATORS)

    assert translator.has_perm("members.change_region")
    assert not translator.has_perm("members.add_region")
    assert not translator.has_perm("members.delete_region")


def test_administrator_manages_users_and_groups():
    administrator = _user_in(roles.ADMINISTRATORS)

    assert administrator.has_perms(["association.add_user", "auth.change_group"])
    assert not administrator.has_perm("members.change_region")

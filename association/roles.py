"""The three roles the secretariat hands out as groups: editors, translators, administrators."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_noop

EDITORS = gettext_noop("Secretariat editors")
TRANSLATORS = gettext_noop("Translators")
ADMINISTRATORS = gettext_noop("Administrators")

CONTENT_MODELS = [
    "members.Country",
    "members.Region",
    "members.Contact",
    "members.MembershipEvent",
    "members.Activity",
    "association.GeneralAssembly",
    "association.Committee",
    "association.CommitteeMembership",
    "association.CommitteeMeeting",
    "association.Photo",
    "association.Document",
    "association.Page",
]
ACCOUNT_MODELS = ["association.User", "auth.Group"]
AUDIT_MODELS = ["association.AuditEntry"]


def _permissions(model_labels, actions):
    models = [apps.get_model(label) for label in model_labels]
    content_types = ContentType.objects.get_for_models(*models, for_concrete_models=False).values()
    codenames = [
        f"{action}_{content_type.model}" for content_type in content_types for action in actions
    ]
    return Permission.objects.filter(content_type__in=content_types, codename__in=codenames)


def ensure_roles(**kwargs):
    """Creates the role groups and gives each its permissions (run after every migrate)."""
    # post_migrate may reach us before it reaches auth for the other apps: make sure
    # every permission exists before handing them out.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        *_permissions(CONTENT_MODELS, ["add", "change", "delete", "view", "publish"]),
        *_permissions(AUDIT_MODELS, ["view"]),
    )
    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)
    translators.permissions.add(*_permissions(CONTENT_MODELS, ["change", "view"]))
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.add(
        *_permissions(ACCOUNT_MODELS, ["add", "change", "delete", "view"]),
        *_permissions(CONTENT_MODELS, ["view"]),
        *_permissions(AUDIT_MODELS, ["view"]),
    )

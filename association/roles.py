"""The three roles the secretariat hands out as groups: editors, translators, administrators."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_noop

from association.languages import native_name

EDITORS = gettext_noop("Secretariat editors")
TRANSLATORS = gettext_noop("Translators")
# One group per language, named in that language: its members may translate into it.
TRANSLATORS_FOR = gettext_noop("Translators: %(language)s")
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
    # Translators see the content; what they may change is given per language, below.
    # Django's change permission would let them change everything, so they do not hold it.
    translators, _ = Group.objects.get_or_create(name=TRANSLATORS)
    translators.permissions.set(_permissions(CONTENT_MODELS, ["view"]))
    for language in translation_languages():
        group, _ = Group.objects.get_or_create(name=translators_group_name(language))
        group.permissions.set(
            [
                *_permissions(CONTENT_MODELS, ["view"]),
                Permission.objects.get(
                    content_type__app_label="association",
                    codename=f"translate_{language.replace('-', '_')}",
                ),
            ]
        )
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.add(
        *_permissions(ACCOUNT_MODELS, ["add", "change", "delete", "view"]),
        *_permissions(CONTENT_MODELS, ["view"]),
        *_permissions(AUDIT_MODELS, ["view"]),
    )


def translation_languages():
    from association.translation_state import TRANSLATION_LANGUAGES

    return TRANSLATION_LANGUAGES


def translators_group_name(language):
    """The group of translators into `language`: "Translators: Русский"."""
    return TRANSLATORS_FOR % {"language": native_name(language)}

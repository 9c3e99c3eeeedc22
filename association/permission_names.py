"""Permissions and role groups named in the reader's language.

Django stores a permission's name in English when it creates it ("Can add region"), and
the role groups are stored under their English names; the user and group admin show them
through these labels instead, built from the translated model and app names.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from association.languages import native_name
from association.translation_state import TRANSLATION_LANGUAGES, permission_codename

BUILT_IN_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}

# translate_ru -> ru: the permissions that grant a language to translators.
TRANSLATE_PERMISSIONS = {permission_codename(code): code for code in TRANSLATION_LANGUAGES}


def permission_label(permission):
    """ "Members | region | Can add region" in the active language."""
    model = permission.content_type.model_class()
    if model is None:
        return str(permission)
    opts = model._meta
    action = permission.codename.split("_", 1)[0]
    if permission.codename == f"{action}_{opts.model_name}" and action in BUILT_IN_ACTIONS:
        name = BUILT_IN_ACTIONS[action] % {"model": opts.verbose_name}
    elif permission.codename in TRANSLATE_PERMISSIONS:
        name = _("Can translate into %(language)s") % {
            "language": native_name(TRANSLATE_PERMISSIONS[permission.codename])
        }
    else:
        name = gettext(permission.name)
    return f"{opts.app_config.verbose_name} | {opts.verbose_name} | {name}"


def group_label(group):
    """A role group's name in the active language (other groups keep their own name)."""
    from association import roles

    for code in TRANSLATION_LANGUAGES:
        if group.name == roles.translators_group_name(code):
            return gettext(roles.TRANSLATORS_FOR) % {"language": native_name(code)}
    return gettext(group.name)


class TranslatedAuthChoicesMixin:
    """For the user and group admin: permission and group choices in the reader's language."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        elif field is not None and db_field.name == "groups":
            field.label_from_instance = group_label
        return field

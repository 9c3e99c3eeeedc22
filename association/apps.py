from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AssociationConfig(AppConfig):
    name = "association"
    verbose_name = _("The Association")

    def ready(self):
        from association import page_invalidation, roles, search

        search.install()
        page_invalidation.connect()
        post_migrate.connect(roles.ensure_roles, sender=self)

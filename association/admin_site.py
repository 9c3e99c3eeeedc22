"""The admin site: Django's, plus the translation status board and its confirmations."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import path


class NearAdminSite(admin.AdminSite):
    def get_urls(self):
        from association import translation_board

        return [
            path(
                "translations/",
                self.admin_view(translation_board.translation_board),
                {"admin_site": self},
                name="translation_board",
            ),
            path(
                "translations/confirm/",
                self.admin_view(translation_board.confirm_translation),
                {"admin_site": self},
                name="translation_confirm",
            ),
            *super().get_urls(),
        ]


class NearAdminConfig(AdminConfig):
    default_site = "association.admin_site.NearAdminSite"

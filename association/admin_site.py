"""The admin site: Django's, plus the translation status board, its confirmations, and
the export and import of translation files."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import path


class NearAdminSite(admin.AdminSite):
    def get_urls(self):
        from association import translation_board, translation_file_views

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
            path(
                "translations/export/",
                self.admin_view(translation_file_views.export_translations),
                {"admin_site": self},
                name="translation_export",
            ),
            path(
                "translations/import/",
                self.admin_view(translation_file_views.import_translations),
                {"admin_site": self},
                name="translation_import",
            ),
            *super().get_urls(),
        ]


class NearAdminConfig(AdminConfig):
    default_site = "association.admin_site.NearAdminSite"

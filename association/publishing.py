"""Drafts and publishing.

A new record is a draft: the public sees it nowhere (404 in every language, absent from
lists, counts, search and the sitemap), staff see it through a preview of its page.
Publishing and unpublishing are explicit admin actions, for those allowed to publish,
and each is kept in the record's history.
"""

import reversion
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from association import audit


def visible_to(request, queryset):
    """Everything for staff (drafts are previewed), only published records for others."""
    return queryset if request.user.is_staff else queryset.published()


class PreviewMixin:
    """Tells a detail page's template that it shows a draft, for the preview banner."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = not self.object.is_published
        return context


class PublishingAdminMixin:
    """Publish and unpublish as admin actions, for staff with the model's publish permission."""

    actions = ["publish_selected", "unpublish_selected"]

    def has_publish_permission(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not hasattr(self.model, "is_published"):
            actions.pop("publish_selected", None)
            actions.pop("unpublish_selected", None)
        return actions

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if hasattr(self.model, "is_published") and not self.has_publish_permission(request):
            fields.append("is_published")
        return fields

    @admin.action(description=_("Publish the selected records"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description=_("Unpublish the selected records"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._set_published(request, queryset, False)

    def _set_published(self, request, queryset, published):
        records = list(queryset.filter(is_published=not published))
        with reversion.create_revision():
            reversion.set_user(request.user)
            for record in records:
                record.is_published = published
                record.save(update_fields=["is_published", "updated_at"])
                audit.record(
                    request,
                    record,
                    audit.PUBLISHED if published else audit.UNPUBLISHED,
                    fields=["is_published"],
                )
            reversion.set_comment(str(_("Published.") if published else _("Unpublished.")))
        if published:
            text = ngettext(
                "%(count)d record published.", "%(count)d records published.", len(records)
            )
        else:
            text = ngettext(
                "%(count)d record unpublished.", "%(count)d records unpublished.", len(records)
            )
        self.message_user(request, text % {"count": len(records)}, messages.SUCCESS)

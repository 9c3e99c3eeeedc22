"""Careful deletes: a record others refer to is not deleted, and the page says what refers to it.

Foreign keys declared with on_delete=PROTECT (an assembly's host region, a committee seat,
a meeting's host) already stop the admin's delete, which lists them. Some references would
otherwise be lost without a word: a region taking part in another region's activity (a
many-to-many link), or an assembly or meeting that membership events, activities or
committees point to (SET_NULL). Each admin names those in `delete_blockers`, and they are
listed and refused the same way, for the single delete and the bulk action alike.

What a record owns (a region's contacts, events, activities, photos, documents) is deleted
with it, listed on the confirmation page, and recovered with it from the history: a version
of each record and its children is kept just before it is deleted, so even a record never
saved in the admin (loaded demo content, say) can be recovered.
"""

import reversion
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _


class CarefulDeleteMixin:
    """Refuses to delete records that others refer to, listing what refers to them.

    `delete_blockers` is a list of (model label, lookup, owned lookup or None): records of
    that model whose `lookup` is one of the records being deleted block the delete, unless
    their `owned lookup` is too (they would be deleted with it).
    """

    delete_blockers = ()

    def delete_model(self, request, obj):
        self._keep_last_version(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        self._keep_last_version(request, queryset)
        super().delete_queryset(request, queryset)

    def _keep_last_version(self, request, objs):
        """Saves a version of each record and its children as they are before the delete
        (reversion keeps versions only of records that exist when the revision closes)."""
        with transaction.atomic(), reversion.create_revision(atomic=False):
            reversion.set_user(request.user)
            reversion.set_comment(_("Deleted."))
            for obj in objs:
                reversion.add_to_revision(obj)

    def _blocking_records(self, objs):
        from django.apps import apps

        for label, lookup, owned in self.delete_blockers:
            model = apps.get_model(label)
            queryset = model._default_manager.filter(**{f"{lookup}__in": objs})
            if owned:
                queryset = queryset.exclude(**{f"{owned}__in": objs})
            yield from queryset.distinct()

    def _describe(self, record, link=True):
        opts = record._meta
        name = capfirst(opts.verbose_name)
        if not link:
            return f"{name}: {record}"
        try:
            url = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=[quote(record.pk)],
            )
        except NoReverseMatch:
            return f"{name}: {record}"
        return format_html('{}: <a href="{}">{}</a>', name, url, record)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        objs = list(objs)
        blocking = [self._describe(record) for record in self._blocking_records(objs)]
        protected = [*protected, *blocking]
        return deleted, model_count, perms_needed, protected

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except (ProtectedError, RestrictedError) as error:
            return self._refuse_delete(request, error)

    def response_action(self, request, queryset):
        try:
            return super().response_action(request, queryset)
        except (ProtectedError, RestrictedError) as error:
            return self._refuse_delete(request, error)

    def _refuse_delete(self, request, error):
        """Something came to refer to the record while the confirmation page was open."""
        records = list(getattr(error, "protected_objects", None) or []) or list(
            getattr(error, "restricted_objects", None) or []
        )
        messages.error(
            request,
            _(
                "Nothing was deleted: %(records)s now refer to it. Remove those references "
                "first, or keep the record and unpublish it."
            )
            % {"records": "; ".join(self._describe(record, link=False) for record in records[:10])},
        )
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
        )

"""The secretariat's admin for assemblies, committees, meetings, photos, documents and pages."""

import re

from django.contrib import admin
from django.contrib.admin.models import DELETION
from django.contrib.admin.widgets import SELECT2_TRANSLATIONS
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm as DjangoAdminPasswordChangeForm
from django.contrib.auth.forms import SetUnusablePasswordMixin
from django.contrib.auth.models import Group
from django.db.models import Count, Prefetch, Q
from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from association import audit
from association.content_admin import ContentAdmin, PlainTabularInline, StackedInline
from association.models import (
    AuditEntry,
    Committee,
    CommitteeMeeting,
    CommitteeMembership,
    Document,
    GeneralAssembly,
    Page,
    Photo,
    User,
)
from association.permission_names import TranslatedAuthChoicesMixin, group_label
from association.search import multilingual_search_fields

# Select2 (the admin's autocomplete boxes) ships no Mongolian: ours is
# static/admin/js/vendor/select2/i18n/mn.js, which Django loads once it knows of it.
SELECT2_TRANSLATIONS.setdefault("mn", "mn")

admin.site.site_header = _("NEAR administration")
admin.site.site_title = _("NEAR administration")
admin.site.index_title = _("Content of the site")


def _usable_password_help_text():
    return format_html(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


class AdminPasswordChangeForm(DjangoAdminPasswordChangeForm):
    """Django's form, with its warning in the reader's language.

    Django joins the help text and the warning once, at import, in English.
    """

    usable_password_help_text = lazy(_usable_password_help_text, SafeString)()


@admin.register(User)
class UserAdmin(TranslatedAuthChoicesMixin, DjangoUserAdmin):
    change_password_form = AdminPasswordChangeForm
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Preferences"), {"fields": ["language"]}),
    ]
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "language"]


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(TranslatedAuthChoicesMixin, DjangoGroupAdmin):
    list_display = ["translated_name"]

    @admin.display(description=_("name"), ordering="name")
    def translated_name(self, group):
        return group_label(group)


class PhotoInline(StackedInline):
    model = Photo
    fields = ["image", "caption", "alt_text", ("credit", "date", "order"), "is_published"]


class DocumentInline(StackedInline):
    model = Document
    fields = ["file", "title", ("language", "date", "order"), "is_published"]


class NumberOrYearSearchMixin:
    """Finds a numbered record by its number or its year too: "14", "14th", "제14차", "2024".

    The number is not text in any language, so the multilingual search would miss it; an
    autocomplete (a membership event's assembly) is searched this way as well.
    """

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        numbers = [int(digits) for digits in re.findall(r"(?<!\d)\d{1,4}(?!\d)", search_term)]
        if numbers:
            found = queryset.filter(
                Q(pk__in=found.values("pk")) | Q(number__in=numbers) | Q(year__in=numbers)
            )
        return found, may_have_duplicates


@admin.register(GeneralAssembly)
class GeneralAssemblyAdmin(NumberOrYearSearchMixin, ContentAdmin):
    delete_blockers = [
        ("members.MembershipEvent", "general_assembly", None),
        ("members.Activity", "general_assembly", None),
        ("association.Committee", "established_assembly", None),
    ]
    list_display = [
        "__str__",
        "historical_name",
        "host_region",
        "city",
        "start_date",
        "end_date",
        "format",
        "translations",
        "is_published",
    ]
    list_filter = ["historical_name", "format", "is_published"]
    list_select_related = ["host_region"]
    search_fields = multilingual_search_fields(
        "host_region__native_name",
        translated=["city", "venue", "theme", "alternative_name", "host_region__name"],
    )
    autocomplete_fields = ["host_region", "chair_region"]
    inlines = [PhotoInline, DocumentInline]
    fieldsets = [
        (None, {"fields": [("number", "year"), "historical_name", "alternative_name"]}),
        (
            _("When and where"),
            {"fields": [("start_date", "end_date"), "host_region", "city", "venue", "format"]},
        ),
        (_("Outcome"), {"fields": ["theme", "summary", "declarations"]}),
        (_("Chair"), {"fields": ["chair_region", "chair_name", ("chair_from", "chair_until")]}),
        (_("Publishing"), {"fields": ["is_published"]}),
    ]


class CommitteeMembershipInline(PlainTabularInline):
    model = CommitteeMembership
    fields = ["region", "role", "since", "until"]
    rows_autocomplete_fields = ["region"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("region")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "region":
            kwargs["queryset"] = db_field.remote_field.model.objects.select_related("country")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CommitteeMeetingInline(admin.TabularInline):
    """The committee's meetings at a glance; each is edited on its own page."""

    model = CommitteeMeeting
    fields = ["number", "year", "start_date", "host_region", "city", "format"]
    readonly_fields = fields
    show_change_link = True
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("host_region", "committee")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Committee)
class CommitteeAdmin(ContentAdmin):
    delete_blockers = [
        ("members.MembershipEvent", "committee_meeting__committee", None),
        ("members.Activity", "committee_meeting__committee", None),
    ]
    list_display = [
        "name",
        "kind",
        "number",
        "coordinators",
        "meeting_count",
        "established_year",
        "dissolved_year",
        "translations",
        "is_published",
    ]
    list_filter = ["kind", "is_published"]
    search_fields = multilingual_search_fields("slug", translated=["name", "description"])
    autocomplete_fields = ["established_assembly"]
    inlines = [CommitteeMembershipInline, CommitteeMeetingInline]
    fieldsets = [
        (None, {"fields": [("kind", "number"), "name", "description"]}),
        (
            _("Lifetime"),
            {"fields": [("established_year", "established_assembly"), "dissolved_year"]},
        ),
        (_("Publishing"), {"fields": ["slug", "is_published"]}),
    ]

    def get_queryset(self, request):
        coordinators = CommitteeMembership.objects.filter(
            role__in=[
                CommitteeMembership.Role.COORDINATOR,
                CommitteeMembership.Role.CO_COORDINATOR,
            ],
            until__isnull=True,
        ).select_related("region")
        return (
            super()
            .get_queryset(request)
            .annotate(meeting_total=Count("meetings"))
            .prefetch_related(Prefetch("memberships", coordinators, to_attr="current_coordinators"))
        )

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ["name_en"]} if obj is None else {}

    @admin.display(description=_("coordinators"))
    def coordinators(self, obj):
        return ", ".join(str(membership.region) for membership in obj.current_coordinators)

    @admin.display(description=_("meetings"), ordering="meeting_total")
    def meeting_count(self, obj):
        return obj.meeting_total


@admin.register(CommitteeMeeting)
class CommitteeMeetingAdmin(NumberOrYearSearchMixin, ContentAdmin):
    delete_blockers = [
        ("members.MembershipEvent", "committee_meeting", None),
        ("members.Activity", "committee_meeting", None),
    ]
    list_display = [
        "__str__",
        "committee",
        "number",
        "year",
        "host_region",
        "city",
        "format",
        "translations",
        "is_published",
    ]
    list_filter = ["committee__kind", "format", "is_published"]
    list_select_related = ["committee", "host_region"]
    search_fields = multilingual_search_fields(
        "host_region__native_name",
        translated=["title", "city", "venue", "committee__name", "host_region__name"],
    )
    autocomplete_fields = ["committee", "host_region"]
    inlines = [PhotoInline, DocumentInline]
    fieldsets = [
        (None, {"fields": ["committee", ("number", "year"), "title"]}),
        (
            _("When and where"),
            {"fields": [("start_date", "end_date"), "host_region", "city", "venue", "format"]},
        ),
        (_("Outcome"), {"fields": ["summary"]}),
        (_("Publishing"), {"fields": ["is_published"]}),
    ]


class AttachmentAdmin(ContentAdmin):
    list_select_related = ["general_assembly", "committee_meeting__committee", "region"]
    list_filter = ["is_published"]
    autocomplete_fields = ["general_assembly", "committee_meeting", "region"]

    @admin.display(description=_("attached to"))
    def owner(self, obj):
        return obj.general_assembly or obj.committee_meeting or obj.region


@admin.register(Photo)
class PhotoAdmin(AttachmentAdmin):
    list_display = ["__str__", "owner", "date", "credit", "translations", "is_published"]
    search_fields = multilingual_search_fields("credit", translated=["caption", "alt_text"])


@admin.register(Document)
class DocumentAdmin(AttachmentAdmin):
    list_display = ["title", "owner", "language", "date", "translations", "is_published"]
    search_fields = multilingual_search_fields(translated=["title"])


@admin.register(Page)
class PageAdmin(ContentAdmin):
    list_display = ["title", "slug", "order", "translations", "is_published"]
    list_editable = ["order"]
    search_fields = multilingual_search_fields("slug", translated=["title", "body"])
    fields = ["title", "body", "slug", "order", "is_published"]

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ["title_en"]} if obj is None else {}


class AuditActionFilter(admin.SimpleListFilter):
    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return audit.ACTIONS

    def queryset(self, request, queryset):
        if self.value() in dict(audit.ACTIONS):
            return queryset.with_action(self.value())
        return queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail, read-only: who did what to which record, when, and which fields."""

    list_display = ["action_time", "user", "action", "model", "record", "fields_changed"]
    list_filter = [
        AuditActionFilter,
        ("user", admin.RelatedOnlyFieldListFilter),
        ("content_type", admin.RelatedOnlyFieldListFilter),
        "action_time",
    ]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"
    list_per_page = 100
    fields = ["action_time", "user", "action", "model", "record", "fields_changed"]
    readonly_fields = fields

    class Media:
        css = {"all": ("css/admin.css",)}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("action"))
    def action(self, entry):
        action, _fields, note = audit.parse(entry)
        label = dict(audit.ACTIONS).get(action, action)
        return f"{label} ({note})" if note else label

    @admin.display(description=_("model"), ordering="content_type")
    def model(self, entry):
        model = entry.content_type.model_class() if entry.content_type else None
        return capfirst(model._meta.verbose_name) if model else ""

    @admin.display(description=_("record"), ordering="object_repr")
    def record(self, entry):
        url = entry.get_admin_url()
        if url and entry.action_flag != DELETION:
            return format_html('<a href="{}">{}</a>', url, entry.object_repr)
        return entry.object_repr

    @admin.display(description=_("fields changed"))
    def fields_changed(self, entry):
        _action, fields, _note = audit.parse(entry)
        return format_html_join(mark_safe("<br>"), "{}", ((field,) for field in fields))

"""The secretariat's admin for countries, member regions, contacts, history and activities."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from association.content_admin import (
    ContentAdmin,
    InlineFormSet,
    PlainTabularInline,
    StackedInline,
    TabularInline,
)
from association.edit_conflicts import EditConflictForm
from association.models import CommitteeMembership, Document, Photo
from association.search import multilingual_search_fields
from members.models import (
    Activity,
    Contact,
    Country,
    MembershipEvent,
    Region,
    check_membership_history,
)
from members.spreadsheets import ContactResource, RegionResource, SpreadsheetAdminMixin


@admin.register(Country)
class CountryAdmin(ContentAdmin):
    list_display = ["name", "code", "native_name", "region_count", "order", "translations"]
    list_editable = ["order"]
    search_fields = multilingual_search_fields(
        "code", "native_name", translated=["name", "official_name"]
    )
    fieldsets = [
        (None, {"fields": ["name", "official_name", "native_name"]}),
        (_("Identification"), {"fields": ["code", "slug", "native_language", "order"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(region_total=Count("regions"))

    @admin.display(description=_("regions"), ordering="region_total")
    def region_count(self, obj):
        return obj.region_total


class MembershipEventFormSet(InlineFormSet):
    def clean(self):
        super().clean()
        if not any(self.errors):
            check_membership_history([form.instance for form in self.kept_forms()])


class ContactFormSet(InlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        primaries = [form for form in self.kept_forms() if form.cleaned_data.get("is_primary")]
        # The database refuses a second primary contact too, but a form must say so first:
        # the inline leaves the region out of each contact's own constraint check.
        if len(primaries) > 1:
            raise ValidationError(Contact._meta.constraints[0].violation_error_message)


class ContactInline(StackedInline):
    model = Contact
    formset = ContactFormSet
    fields = [
        ("office", "is_primary"),
        ("phone", "phone_alt", "fax"),
        "email",
        "address_native",
        "address",
        "order",
    ]


class MembershipEventInline(TabularInline):
    model = MembershipEvent
    formset = MembershipEventFormSet
    fields = ["kind", "year", "date", "general_assembly", "committee_meeting", "note"]
    rows_autocomplete_fields = ["general_assembly", "committee_meeting"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name.startswith("note"):
            field.widget = forms.Textarea(attrs={**field.widget.attrs, "rows": 2, "cols": 30})
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "committee_meeting":
            kwargs["queryset"] = db_field.remote_field.model.objects.select_related("committee")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ActivityInline(StackedInline):
    model = Activity
    fk_name = "region"
    fields = [("year", "date"), ("general_assembly", "committee_meeting"), "title", "description"]
    rows_autocomplete_fields = ["general_assembly", "committee_meeting"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "committee_meeting":
            kwargs["queryset"] = db_field.remote_field.model.objects.select_related("committee")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RegionCommitteeMembershipInline(PlainTabularInline):
    model = CommitteeMembership
    fields = ["committee", "role", "since", "until"]
    rows_autocomplete_fields = ["committee"]
    verbose_name = _("committee seat")
    verbose_name_plural = _("committee seats")


class RegionPhotoInline(StackedInline):
    model = Photo
    fk_name = "region"
    fields = ["image", "caption", "alt_text", ("credit", "date", "order"), "is_published"]


class RegionDocumentInline(StackedInline):
    model = Document
    fk_name = "region"
    fields = ["file", "title", ("language", "date", "order"), "is_published"]


class CountryFilter(admin.SimpleListFilter):
    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        return [(country.code, country.name) for country in Country.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(country__code=self.value())
        return queryset


@admin.register(Region)
class RegionAdmin(SpreadsheetAdminMixin, ContentAdmin):
    resource_classes = [RegionResource]
    # Another region's activity this region took part in would lose it without a word.
    delete_blockers = [("members.Activity", "participants", "region")]
    list_display = [
        "name",
        "native",
        "country",
        "kind",
        "status",
        "year_joined",
        "contacts",
        "translations",
        "is_published",
    ]
    list_filter = [CountryFilter, "status", "kind", "is_published"]
    list_select_related = ["country"]
    search_fields = multilingual_search_fields("slug", "native_name", translated=["name"])
    autocomplete_fields = ["country"]
    inlines = [
        ContactInline,
        MembershipEventInline,
        ActivityInline,
        RegionCommitteeMembershipInline,
        RegionPhotoInline,
        RegionDocumentInline,
    ]
    fieldsets = [
        (None, {"fields": ["name", "native_name", ("country", "kind", "status"), "is_published"]}),
        (_("About the region"), {"fields": ["description", "emblem", "website"]}),
        (
            _("Facts and figures"),
            {
                "fields": [("latitude", "longitude"), ("population", "area_km2")],
                "classes": ["collapse"],
            },
        ),
        (_("Address on the site"), {"fields": ["slug"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_year_joined().with_contact_count()

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": ["name_en"]} if obj is None else {}

    @admin.display(description=_("official native name"), ordering="native_name")
    def native(self, obj):
        # Marked with its language, so Han characters take Chinese, Japanese or Korean shapes.
        return format_html(
            '<span lang="{}">{}</span>', obj.country.native_language, obj.native_name
        )

    @admin.display(description=_("joined"), ordering="year_joined")
    def year_joined(self, obj):
        return obj.year_joined

    @admin.display(description=_("contacts"), ordering="contact_count")
    def contacts(self, obj):
        return obj.contact_count or 0


class ContactCountryFilter(CountryFilter):
    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(region__country__code=self.value())
        return queryset


@admin.register(Contact)
class ContactAdmin(SpreadsheetAdminMixin, ContentAdmin):
    resource_classes = [ContactResource]
    list_display = ["region", "office", "phone", "email", "is_primary"]
    list_filter = [ContactCountryFilter, "is_primary"]
    list_select_related = ["region"]
    search_fields = multilingual_search_fields(
        "phone",
        "email",
        "address_native",
        "region__native_name",
        translated=["office", "region__name"],
    )
    autocomplete_fields = ["region"]


class MembershipEventForm(EditConflictForm):
    """Checks the edited event against the rest of its region's history."""

    class Meta:
        model = MembershipEvent
        fields = ["region", "kind", "year", "date", "general_assembly", "committee_meeting", "note"]

    def clean(self):
        cleaned_data = super().clean()
        region = cleaned_data.get("region")
        if region is not None and not self.errors:
            others = region.membership_events.exclude(pk=self.instance.pk)
            try:
                check_membership_history([*others, self.instance])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


@admin.register(MembershipEvent)
class MembershipEventAdmin(ContentAdmin):
    form = MembershipEventForm
    list_display = ["region", "kind", "year", "general_assembly", "committee_meeting"]
    list_filter = ["kind", "year"]
    list_select_related = ["region", "general_assembly", "committee_meeting__committee"]
    search_fields = multilingual_search_fields("region__native_name", translated=["region__name"])
    autocomplete_fields = ["region", "general_assembly", "committee_meeting"]


@admin.register(Activity)
class ActivityAdmin(ContentAdmin):
    list_display = [
        "title",
        "region",
        "year",
        "general_assembly",
        "committee_meeting",
        "translations",
    ]
    list_filter = ["year"]
    list_select_related = ["region", "general_assembly", "committee_meeting__committee"]
    search_fields = multilingual_search_fields(
        "region__native_name", translated=["title", "region__name"]
    )
    autocomplete_fields = ["region", "participants", "general_assembly", "committee_meeting"]

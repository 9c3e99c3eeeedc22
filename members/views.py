"""Public pages of the member regions: all members, a country, one region."""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Case, CharField, Count, F, IntegerField, Prefetch, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from association.languages import (
    SOURCE_LANGUAGE,
    active_column,
    by_translated,
    shown_columns,
)
from association.models import Committee, CommitteeMeeting, CommitteeMembership, GeneralAssembly
from association.page_cache import note_children_shown
from association.publishing import PreviewMixin, visible_to
from members.history import history_sentences
from members.models import Activity, Contact, Country, MembershipEvent, Region

# The status filter of the members page: each choice and the statuses it shows.
STATUS_GROUPS = {
    "members": (_("Members"), [Region.Status.MEMBER]),
    "associates": (
        _("Associate and special members"),
        [Region.Status.ASSOCIATE, Region.Status.SPECIAL],
    ),
    "observers": (_("Observers"), [Region.Status.OBSERVER]),
    "former": (_("Former members"), [Region.Status.FORMER]),
}


# What a list of regions shows: the columns of the active language and English (fallback).
LISTED_REGION_FIELDS = (
    "slug",
    "country",
    "native_name",
    "kind",
    "status",
    "emblem",
    "emblem_renditions",
)
LISTED_COUNTRY_FIELDS = ("slug", "code", "order", "native_language")


def listed_regions(statuses):
    """Published regions of these statuses, with what a list of them shows and no more."""
    return (
        Region.objects.published()
        .filter(status__in=statuses)
        .with_year_joined()
        .select_related("country")
        .only(
            *LISTED_REGION_FIELDS,
            *shown_columns("name"),
            *(f"country__{field}" for field in LISTED_COUNTRY_FIELDS),
            *(f"country__{column}" for column in shown_columns("name")),
        )
        .order_by(by_translated("name"))
    )


def named(path, *fields):
    """For .only(): the record at `path`, its name's shown columns and these fields."""
    return [path, *(f"{path}__{column}" for column in (*shown_columns("name"), *fields))]


def region_link(path):
    """For .only(): what a link to the region at `path` needs: its name, slug and country."""
    return [*named(path, "slug", "country"), *named(f"{path}__country", "slug")]


def membership_events():
    """Membership events, with what their sentences need (history_sentences) and no more.

    A sentence names the region, the assembly or meeting and its host: reading all their
    columns, descriptions and summaries in six languages, would multiply the work per row.
    """
    return (
        MembershipEvent.objects.select_related(
            "region__country",
            "general_assembly__host_region",
            "committee_meeting__committee",
            "committee_meeting__host_region",
        )
        .only(
            "kind",
            "year",
            "date",
            *region_link("region"),
            "general_assembly__number",
            "general_assembly__historical_name",
            *named("general_assembly__host_region"),
            "committee_meeting__number",
            *named("committee_meeting__committee"),
            *named("committee_meeting__host_region"),
        )
        .order_by("year", "date", "pk")
    )


def activities():
    """Activities, with what a list of them shows (includes/activities.html) and no more."""
    return (
        Activity.objects.select_related(
            "region__country",
            "general_assembly",
            "committee_meeting__committee",
        )
        .only(
            "year",
            "date",
            *shown_columns("title", "description"),
            *region_link("region"),
            "general_assembly__number",
            "general_assembly__historical_name",
            "committee_meeting__number",
            *(f"committee_meeting__{column}" for column in shown_columns("title")),
            *named("committee_meeting__committee", "slug"),
        )
        .prefetch_related(
            Prefetch(
                "participants",
                Region.objects.published()
                .select_related("country")
                .only(*shown_columns("name"), "slug", "country", "country__slug"),
                to_attr="public_participants",
            )
        )
        .order_by("year", "date", "pk")
    )


def _loaded(model, **values):
    """A record of `model` made as Django makes one from a row (from_db): with these columns
    (by attribute name), the others deferred."""
    fields = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(None, fields, [values[field] for field in fields])


def hosted_meetings(region):
    """The published assemblies and committee meetings a region hosted, read in one query.

    Returns (assemblies, latest first; meetings, by year and number) as records holding only
    what a list of them shows: number, year and name, and the committee's slug and name.
    """

    def text(value=""):
        return Value(value, output_field=CharField())

    def number(value):
        return Value(value, output_field=IntegerField())

    assemblies = (
        GeneralAssembly.objects.published()
        .filter(host_region=region)
        .order_by()
        .rewrite(False)  # modeltranslation's values() would add every field, in any order
        .values(
            hosted_group=number(0),
            hosted_sort_a=-F("number"),
            hosted_sort_b=number(0),
            hosted_id=F("id"),
            hosted_number=F("number"),
            hosted_year=F("year"),
            hosted_kind=F("historical_name"),
            hosted_title=text(),
            hosted_title_source=text(),
            hosted_committee_id=number(None),
            hosted_committee_slug=text(),
            hosted_committee_name=text(),
            hosted_committee_name_source=text(),
        )
    )
    meetings = (
        CommitteeMeeting.objects.published()
        .filter(host_region=region, committee__is_published=True)
        .order_by()
        .rewrite(False)
        .values(
            hosted_group=number(1),
            hosted_sort_a=F("year"),
            hosted_sort_b=F("number"),
            hosted_id=F("id"),
            hosted_number=F("number"),
            hosted_year=F("year"),
            hosted_kind=text(),
            hosted_title=F(active_column("title")),
            hosted_title_source=F(f"title_{SOURCE_LANGUAGE}"),
            hosted_committee_id=F("committee_id"),
            hosted_committee_slug=F("committee__slug"),
            hosted_committee_name=F(f"committee__{active_column('name')}"),
            hosted_committee_name_source=F(f"committee__name_{SOURCE_LANGUAGE}"),
        )
    )
    rows = assemblies.union(meetings, all=True).order_by(
        "hosted_group", "hosted_sort_a", "hosted_sort_b"
    )
    title, title_source = active_column("title"), f"title_{SOURCE_LANGUAGE}"
    name, name_source = active_column("name"), f"name_{SOURCE_LANGUAGE}"
    hosted_assemblies, hosted_meetings = [], []
    for row in rows:
        if row["hosted_group"] == 0:
            hosted_assemblies.append(
                _loaded(
                    GeneralAssembly,
                    id=row["hosted_id"],
                    number=row["hosted_number"],
                    year=row["hosted_year"],
                    historical_name=row["hosted_kind"],
                )
            )
            continue
        meeting = _loaded(
            CommitteeMeeting,
            id=row["hosted_id"],
            committee_id=row["hosted_committee_id"],
            number=row["hosted_number"],
            year=row["hosted_year"],
            **{title_source: row["hosted_title_source"], title: row["hosted_title"]},
        )
        meeting.committee = _loaded(
            Committee,
            id=row["hosted_committee_id"],
            slug=row["hosted_committee_slug"],
            **{
                name_source: row["hosted_committee_name_source"],
                name: row["hosted_committee_name"],
            },
        )
        hosted_meetings.append(meeting)
    return hosted_assemblies, hosted_meetings


# Regions per page of the members list.
REGIONS_PER_PAGE = 100


class CountryListView(ListView):
    """All members, grouped by country, filtered by status, a page of regions at a time."""

    template_name = "members/country_list.html"
    page_cache_tags = (Country, Region, MembershipEvent)  # events: the year each joined
    page_cache_query = ("status", "page")
    paginate_by = REGIONS_PER_PAGE

    def get_status_group(self):
        status = self.request.GET.get("status")
        return status if status in STATUS_GROUPS else "members"

    def get_statuses(self):
        return STATUS_GROUPS[self.get_status_group()][1]

    def get_queryset(self):
        return listed_regions(self.get_statuses()).order_by(
            "country__order", "country__code", by_translated("name"), "pk"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        totals = dict(
            Region.objects.published()
            .filter(status__in=self.get_statuses())
            .order_by()
            .values_list("country")
            .annotate(count=Count("*"))
        )
        countries = {}
        for region in context["object_list"]:
            country = countries.get(region.country_id)
            if country is None:
                country = countries[region.country_id] = region.country
                country.listed = []
                country.listed_total = totals.get(country.pk, 0)
            country.listed.append(region)
        total = context["paginator"].count
        context.update(
            countries=list(countries.values()),
            total=total,
            total_phrase=ngettext(
                "%(counter)s region in this list", "%(counter)s regions in this list", total
            )
            % {"counter": total},
            status_group=self.get_status_group(),
            status_groups=[(key, label) for key, (label, _statuses) in STATUS_GROUPS.items()],
        )
        return context


# Regions per page of a country's page; their history, activities and contacts come with them.
COUNTRY_REGIONS_PER_PAGE = 20


class CountryDetailView(DetailView):
    """A country's introduction: its members, their history, activities and contacts.

    A page at a time: the members first, then the other participants, each page with the
    history, activities and contacts of its own regions.
    """

    model = Country
    slug_url_kwarg = "country"
    # It lists the country's children (its regions) and theirs (contacts, history,
    # activities); another country's edits leave it alone.
    page_cache_tags = ()
    page_cache_query = ("page",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        country = self.object
        listed = (
            listed_regions(Region.Status.values)
            .filter(country=country)
            .order_by(
                Case(When(status=Region.Status.MEMBER, then=0), default=1),
                by_translated("name"),
                "pk",
            )
        )
        paginator = Paginator(listed, COUNTRY_REGIONS_PER_PAGE)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404(str(error)) from error
        regions = list(page.object_list)
        note_children_shown(country, *regions)
        public = {"region__in": [region.pk for region in regions]}
        context.update(
            page_obj=page,
            is_paginated=page.has_other_pages(),
            member_total=listed.filter(status=Region.Status.MEMBER).count(),
            regions=[region for region in regions if region.status == Region.Status.MEMBER],
            other_regions=[region for region in regions if region.status != Region.Status.MEMBER],
            history=history_sentences(membership_events().filter(**public)),
            activities=activities().filter(**public),
            contacts=Contact.objects.filter(**public)
            .select_related("region__country")
            # What the table shows: a contact names and links its region, whose description
            # and other columns (in six languages) are on the region's own page.
            .only(
                "region",
                "phone",
                "phone_alt",
                "address_native",
                *shown_columns("office", "address"),
                *region_link("region"),
                "region__website",
                "region__country__native_language",
            )
            .order_by(by_translated("region__name"), "-is_primary", "order"),
        )
        return context


class RegionDetailView(PreviewMixin, DetailView):
    """One member region in full."""

    model = Region
    slug_url_kwarg = "region"
    page_cache_tags = ()

    def get_object(self, queryset=None):
        return get_object_or_404(
            visible_to(
                self.request,
                Region.objects.with_year_joined()
                .select_related("country")
                .defer("country__search_text"),
            ),
            slug=self.kwargs["region"],
            country__slug=self.kwargs["country"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.object
        note_children_shown(region)
        hosted_assemblies, hosted_meetings_ = hosted_meetings(region)
        context.update(
            emblem_alt=gettext("Emblem of %(name)s") % {"name": region.name},
            contacts=list(region.contacts.all()),
            photos=region.photos.shown(),
            history=history_sentences(membership_events().filter(region=region)),
            activities=activities().filter(region=region),
            hosted_assemblies=hosted_assemblies,
            hosted_meetings=hosted_meetings_,
            committee_seats=CommitteeMembership.objects.filter(
                region=region, committee__is_published=True
            )
            .select_related("committee")
            .only("role", "since", "until", *named("committee", "slug"))
            .order_by("committee__kind", "committee__number", "since"),
        )
        return context

"""Public pages of the member regions: all members, a country, one region."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from association.languages import by_translated
from association.models import CommitteeMeeting, CommitteeMembership, GeneralAssembly
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


def listed_regions(statuses):
    return (
        Region.objects.published()
        .filter(status__in=statuses)
        .with_year_joined()
        .select_related("country")
        .order_by(by_translated("name"))
    )


def membership_events():
    return MembershipEvent.objects.select_related(
        "region__country",
        "general_assembly__host_region",
        "committee_meeting__committee",
        "committee_meeting__host_region",
    ).order_by("year", "date", "pk")


def activities():
    return (
        Activity.objects.select_related(
            "region__country",
            "general_assembly",
            "committee_meeting__committee",
        )
        .prefetch_related(
            Prefetch(
                "participants",
                Region.objects.published().select_related("country"),
                to_attr="public_participants",
            )
        )
        .order_by("year", "date", "pk")
    )


class CountryListView(ListView):
    """All members, grouped by country, filtered by status."""

    template_name = "members/country_list.html"

    def get_status_group(self):
        status = self.request.GET.get("status")
        return status if status in STATUS_GROUPS else "members"

    def get_queryset(self):
        statuses = STATUS_GROUPS[self.get_status_group()][1]
        return Country.objects.prefetch_related(
            Prefetch("regions", listed_regions(statuses), to_attr="listed")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        countries = [country for country in context["object_list"] if country.listed]
        context.update(
            countries=countries,
            total=sum(len(country.listed) for country in countries),
            status_group=self.get_status_group(),
            status_groups=[(key, label) for key, (label, _statuses) in STATUS_GROUPS.items()],
        )
        return context


class CountryDetailView(DetailView):
    """A country's introduction: its members, their history, activities and contacts."""

    model = Country
    slug_url_kwarg = "country"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        country = self.object
        public = {"region__country": country, "region__is_published": True}
        regions = listed_regions(Region.Status.values).filter(country=country)
        context.update(
            regions=[region for region in regions if region.status == Region.Status.MEMBER],
            other_regions=[region for region in regions if region.status != Region.Status.MEMBER],
            history=history_sentences(membership_events().filter(**public)),
            activities=activities().filter(**public),
            contacts=Contact.objects.filter(**public)
            .select_related("region__country")
            .order_by(by_translated("region__name"), "-is_primary", "order"),
        )
        return context


class RegionDetailView(PreviewMixin, DetailView):
    """One member region in full."""

    model = Region
    slug_url_kwarg = "region"

    def get_object(self, queryset=None):
        return get_object_or_404(
            visible_to(self.request, Region.objects.with_year_joined().select_related("country")),
            slug=self.kwargs["region"],
            country__slug=self.kwargs["country"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.object
        context.update(
            contacts=list(region.contacts.all()),
            photos=region.photos.published(),
            history=history_sentences(membership_events().filter(region=region)),
            activities=activities().filter(region=region),
            hosted_assemblies=GeneralAssembly.objects.published().filter(host_region=region),
            hosted_meetings=CommitteeMeeting.objects.published()
            .filter(host_region=region, committee__is_published=True)
            .select_related("committee")
            .order_by("year", "number"),
            committee_seats=CommitteeMembership.objects.filter(
                region=region, committee__is_published=True
            )
            .select_related("committee")
            .order_by("committee__kind", "committee__number", "since"),
        )
        return context

"""The Association's public pages, and the site-wide views (home, redirect, health, robots)."""

import logging

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import Count, F, Prefetch, Q
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import DetailView, ListView, TemplateView

from association.languages import shown_columns
from association.models import (
    Committee,
    CommitteeMeeting,
    CommitteeMembership,
    GeneralAssembly,
    Page,
    Photo,
)
from association.page_cache import cached_page, note_children_shown
from association.publishing import PreviewMixin, visible_to
from members.history import history_sentences
from members.models import Country, MembershipEvent, Region
from members.views import membership_events, region_link

logger = logging.getLogger(__name__)


@never_cache  # by the visitor's cookie and browser: no shared cache may keep it
def root_redirect(request):
    """Sends `/` to the visitor's best language: their earlier choice, then Accept-Language."""
    language = translation.get_language_from_request(request, check_path=False)
    return redirect(f"/{language}/")


@never_cache
def healthz(request):
    """Liveness: the process answers. It touches no database on purpose."""
    return HttpResponse("ok", content_type="text/plain")


def listed_assemblies():
    """Published assemblies with what a list or summary of them shows, and no more: their
    summaries and declarations in six languages would cost more to read than the page
    takes to render."""
    return (
        GeneralAssembly.objects.published()
        .select_related("host_region__country")
        .only(
            "number",
            "historical_name",
            "year",
            "start_date",
            "end_date",
            "format",
            *shown_columns("city"),
            *region_link("host_region"),
        )
    )


class HomeView(TemplateView):
    template_name = "association/home.html"
    page_cache_tags = (Country, Region, GeneralAssembly, Page)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        member_filter = Q(regions__status=Region.Status.MEMBER, regions__is_published=True)
        # Counted by a column of the index region_country_counts (not the id, which it
        # lacks): the database reads that index alone, not the regions' rows.
        context["countries"] = [
            country
            for country in Country.objects.annotate(
                member_count=Count("regions__country", filter=member_filter)
            ).only("slug", *shown_columns("name"))
            if country.member_count
        ]
        member_total = sum(country.member_count for country in context["countries"])
        context["member_total"] = member_total
        context["member_total_phrase"] = ngettext(
            "%(counter)s member region", "%(counter)s member regions", member_total
        ) % {"counter": member_total}
        kinds = dict(Region.Kind.choices)
        context["kinds"] = [
            (kinds[row["kind"]], row["count"])
            for row in Region.objects.published()
            .members()
            .values("kind")
            .annotate(count=Count("*"))
            .order_by("-count", "kind")
        ]
        assemblies = listed_assemblies()
        context["latest_assembly"] = assemblies.held().order_by("-number").first()
        context["next_assembly"] = assemblies.upcoming().order_by("number").first()
        context["about"] = (
            Page.objects.published()
            .filter(slug="about")
            .only("slug", *shown_columns("body"))
            .first()
        )
        return context


@never_cache
def readyz(request):
    """Readiness: the database answers and media storage takes a file. 503 names what failed."""
    failed = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure means "not ready"; the reason goes to the log
        logger.exception("Readiness check: database")
        failed.append("database")
    try:
        name = default_storage.save("readiness/probe.txt", ContentFile(b"ok"))
        default_storage.delete(name)
    except Exception:
        logger.exception("Readiness check: media storage")
        failed.append("media storage")
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed}, status=503)
    return JsonResponse({"status": "ok"})


@require_POST
@staff_member_required
def set_admin_language(request):
    """The admin's language menu: saves the choice in the staff member's profile."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(_("Unknown language."))
    request.user.language = language
    request.user.save(update_fields=["language"])
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:index")
    return HttpResponseRedirect(target)


@cached_page()
@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for unprompted: the site's icon.

    A temporary redirect, kept a day: the icon's address changes with its content.
    """
    response = HttpResponseRedirect(static("favicon.svg"))
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response


# Rows per page of the public lists: a page stays the same size however long the list grows.
ASSEMBLIES_PER_PAGE = 30
COMMITTEES_PER_PAGE = 40


class GeneralAssemblyListView(ListView):
    """All General Assemblies, newest first, a page at a time."""

    paginate_by = ASSEMBLIES_PER_PAGE

    page_cache_tags = (GeneralAssembly,)
    page_cache_query = ("page",)

    def get_queryset(self):
        return listed_assemblies()


class GeneralAssemblyDetailView(PreviewMixin, DetailView):
    """One General Assembly: theme, summary, declarations, chair, admissions, files."""

    page_cache_tags = (GeneralAssembly,)  # the previous and next ones

    def get_object(self, queryset=None):
        return get_object_or_404(
            visible_to(
                self.request,
                GeneralAssembly.objects.select_related(
                    "host_region__country", "chair_region__country"
                ).only(
                    "number",
                    "historical_name",
                    "year",
                    "start_date",
                    "end_date",
                    "format",
                    "is_published",
                    "chair_from",
                    "chair_until",
                    *shown_columns(
                        "alternative_name",
                        "theme",
                        "city",
                        "venue",
                        "chair_name",
                        "summary",
                        "declarations",
                    ),
                    *region_link("host_region"),
                    *region_link("chair_region"),
                ),
            ),
            number=self.kwargs["number"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assembly = self.object
        note_children_shown(assembly)
        events = (
            membership_events()
            .filter(general_assembly=assembly, region__is_published=True)
            .order_by(*MembershipEvent._meta.ordering)  # region by region
        )
        neighbours = GeneralAssembly.objects.published().only("number", "historical_name")
        context.update(
            history=history_sentences(events),
            photos=assembly.photos.shown(),
            documents=assembly.documents.published(),
            previous=neighbours.filter(number__lt=assembly.number).order_by("-number").first(),
            next=neighbours.filter(number__gt=assembly.number).order_by("number").first(),
        )
        return context


def _current_coordinators():
    return Prefetch(
        "memberships",
        CommitteeMembership.objects.filter(
            role__in=[
                CommitteeMembership.Role.COORDINATOR,
                CommitteeMembership.Role.CO_COORDINATOR,
            ],
            until__isnull=True,
            region__is_published=True,
        )
        .select_related("region__country")
        .only("committee", "role", "since", "until", *region_link("region"))
        .order_by("-role", "since"),  # the coordinator before a co-coordinator
        to_attr="coordinators",
    )


class CommitteeListView(ListView):
    """The Working Committee and every Subcommittee with their coordinators, then former ones.

    A page at a time: the current committees come first, the dissolved ones after them.
    """

    paginate_by = COMMITTEES_PER_PAGE

    page_cache_tags = (Committee, CommitteeMembership, CommitteeMeeting)
    page_cache_query = ("page",)

    def get_queryset(self):
        return (
            Committee.objects.published()
            .prefetch_related(_current_coordinators())
            .order_by(
                F("dissolved_year").asc(nulls_first=True),
                "kind",
                F("number").asc(nulls_last=True),
                "slug",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        committees = list(context["object_list"])
        # Counted for this page's committees alone: an annotation would join and group every
        # committee's meetings before the page is cut, however many there are.
        meeting_counts = dict(
            CommitteeMeeting.objects.published()
            .filter(committee__in=committees)
            .order_by()
            .values_list("committee")
            .annotate(count=Count("pk"))
        )
        for committee in committees:
            committee.meeting_count = meeting_counts.get(committee.pk, 0)
        context.update(
            current=[committee for committee in committees if not committee.dissolved_year],
            former=[committee for committee in committees if committee.dissolved_year],
        )
        return context


class CommitteeDetailView(PreviewMixin, DetailView):
    """One committee: its members and their roles, and its meetings."""

    slug_url_kwarg = "slug"
    page_cache_tags = ()  # its memberships and meetings are the committee's children

    def get_queryset(self):
        return visible_to(
            self.request,
            Committee.objects.select_related("established_assembly").only(
                "slug",
                "kind",
                "number",
                "established_year",
                "dissolved_year",
                "is_published",
                *shown_columns("name", "description"),
                "established_assembly__number",
                "established_assembly__historical_name",
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        committee = self.object
        note_children_shown(committee)
        context.update(
            memberships=committee.memberships.filter(region__is_published=True)
            .select_related("region__country")
            .only("committee", "role", "since", "until", *region_link("region"))
            .order_by("role", "-since"),
            meetings=CommitteeMeeting.objects.published()
            .filter(committee=committee)
            .select_related("host_region__country")
            .only(
                "committee",
                "number",
                "year",
                "start_date",
                "end_date",
                "format",
                *shown_columns("title", "city", "summary"),
                *region_link("host_region"),
            )
            .prefetch_related(Prefetch("photos", Photo.objects.shown(), to_attr="published_photos"))
            .order_by("-year", "-number"),
        )
        return context


class PageDetailView(PreviewMixin, DetailView):
    """One of the Association's own pages."""

    slug_url_kwarg = "slug"
    page_cache_tags = ()

    def get_queryset(self):
        return visible_to(self.request, Page.objects.all())

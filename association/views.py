"""Site-wide views: the language redirect, the health check and the home page."""

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from association.models import GeneralAssembly, Page
from members.models import Country, Region


def root_redirect(request):
    """Sends `/` to the visitor's best language: their earlier choice, then Accept-Language."""
    language = translation.get_language_from_request(request, check_path=False)
    return redirect(f"/{language}/")


@never_cache
def healthz(request):
    """Liveness: the process answers. It touches no database on purpose."""
    return HttpResponse("ok", content_type="text/plain")


class HomeView(TemplateView):
    template_name = "association/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        member_filter = Q(regions__status=Region.Status.MEMBER, regions__is_published=True)
        context["countries"] = [
            country
            for country in Country.objects.annotate(
                member_count=Count("regions", filter=member_filter)
            )
            if country.member_count
        ]
        context["member_total"] = sum(country.member_count for country in context["countries"])
        assemblies = GeneralAssembly.objects.published().select_related("host_region")
        context["latest_assembly"] = assemblies.held().order_by("-number").first()
        context["next_assembly"] = assemblies.upcoming().order_by("number").first()
        context["about"] = Page.objects.published().filter(slug="about").first()
        return context

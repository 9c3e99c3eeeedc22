"""The URLs the search tests run under: SearchView at association:search (/en/search/).

Self-contained, so the tests do not depend on the project's URLs and views, which are
being written: the other public pages, which base.html and the results link to, are
placeholders here under their real names and addresses.
"""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

from association.search import SearchView


def placeholder(request, **kwargs):
    return HttpResponse("placeholder")


members_patterns = [
    path("", placeholder, name="list"),
    path("<slug:country>/", placeholder, name="country-detail"),
    path("<slug:country>/<slug:region>/", placeholder, name="region-detail"),
]

association_patterns = [
    path("assemblies/", placeholder, name="assembly-list"),
    path("assemblies/<int:number>/", placeholder, name="assembly-detail"),
    path("committees/", placeholder, name="committee-list"),
    path("committees/<slug:slug>/", placeholder, name="committee-detail"),
    path("about/<slug:slug>/", placeholder, name="page-detail"),
    path("search/", SearchView.as_view(), name="search"),
]

urlpatterns = i18n_patterns(
    path("", placeholder, name="home"),
    path("members/", include((members_patterns, "members"))),
    path("", include((association_patterns, "association"))),
)

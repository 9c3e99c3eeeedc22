"""The Association's public pages, under each language prefix."""

from django.urls import path

from association import documents, search, views

app_name = "association"
urlpatterns = [
    path("assemblies/", views.GeneralAssemblyListView.as_view(), name="assembly-list"),
    path(
        "assemblies/<int:number>/",
        views.GeneralAssemblyDetailView.as_view(),
        name="assembly-detail",
    ),
    path("committees/", views.CommitteeListView.as_view(), name="committee-list"),
    path("committees/<slug:slug>/", views.CommitteeDetailView.as_view(), name="committee-detail"),
    path("about/<slug:slug>/", views.PageDetailView.as_view(), name="page-detail"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("documents/<int:pk>/", documents.download, name="document-download"),
]

from django.urls import path

from members import views

app_name = "members"
urlpatterns = [
    path("", views.CountryListView.as_view(), name="list"),
    path("<slug:country>/", views.CountryDetailView.as_view(), name="country-detail"),
    path("<slug:country>/<slug:region>/", views.RegionDetailView.as_view(), name="region-detail"),
]

"""The site's URLs plus the two floors, under /bench-floor/ (benchmark.settings only)."""

from django.urls import path

from association.benchmark import floors
from association.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("bench-floor/5kb", floors.five_kilobytes, name="bench-floor-5kb"),
    path("bench-floor/loop80", floors.loop_80, name="bench-floor-loop80"),
    *site_urlpatterns,
]

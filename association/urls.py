"""Root URLs: the public site under a language prefix, plus admin, language switch, sitemap."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from association import sitemaps, views
from association.models import Committee, GeneralAssembly, Page
from association.page_cache import cached_page
from association.sitemaps import SITEMAPS
from members.models import Country, Region

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        cached_page(Country, Region, GeneralAssembly, Committee, Page)(sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cached_page(Country, Region, GeneralAssembly, Committee, Page, query=("p",))(
            sitemap_views.sitemap
        ),
        # The section's URLs in Jinja2 (templates/public/sitemaps/): a page of them lists
        # hundreds of addresses with their alternates, which Django's template renders slowly.
        {"sitemaps": SITEMAPS, "template_name": "sitemaps/section.xml"},
        name="sitemap-section",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/language/", views.set_admin_language, name="admin-language"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("members/", include("members.urls")),
    path("", include("association.public_urls")),
    prefix_default_language=True,
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

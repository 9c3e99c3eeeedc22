"""sitemap.xml: every public page, with hreflang alternates for the languages it really has."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from association.languages import column_suffix, language_codes
from association.models import Committee, GeneralAssembly, Page
from members.models import Country, Region


class TranslatedSitemap(Sitemap):
    """Lists a page once per language that has its title translated, plus x-default."""

    i18n = True
    alternates = True
    x_default = True
    title_field = "name"

    def get_languages_for_item(self, item):
        return [
            code
            for code in language_codes()
            if getattr(item, f"{self.title_field}_{column_suffix(code)}", None)
        ]

    def lastmod(self, item):
        return getattr(item, "updated_at", None)


class RegionSitemap(TranslatedSitemap):
    def items(self):
        return Region.objects.published().select_related("country").order_by("pk")


class CountrySitemap(TranslatedSitemap):
    def items(self):
        return Country.objects.order_by("pk")


class AssemblySitemap(TranslatedSitemap):
    title_field = "city"

    def items(self):
        return GeneralAssembly.objects.published().order_by("number")

    def get_languages_for_item(self, item):
        # An assembly's name is generated in every language; its text is what may be missing.
        return language_codes()


class CommitteeSitemap(TranslatedSitemap):
    def items(self):
        return Committee.objects.published().order_by("pk")


class PageSitemap(TranslatedSitemap):
    title_field = "title"

    def items(self):
        return Page.objects.published().order_by("order")


class SectionSitemap(Sitemap):
    """The home page and the section lists, which exist in every language."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return ["home", "members:list", "association:assembly-list", "association:committee-list"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "sections": SectionSitemap,
    "countries": CountrySitemap,
    "regions": RegionSitemap,
    "assemblies": AssemblySitemap,
    "committees": CommitteeSitemap,
    "pages": PageSitemap,
}

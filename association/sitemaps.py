"""The sitemaps: every public page, with hreflang alternates for the languages it really has.

`/sitemap.xml` is an index of one sitemap per section (`/sitemap-regions.xml` ...), each in
pages of at most PAGE_SIZE records, so that no single response grows with the content.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import translation

from association.counting import count_in_one_query
from association.languages import SOURCE_LANGUAGE, column_suffix, language_codes
from association.models import Committee, GeneralAssembly, Page
from members.models import Country, Region

# Records per sitemap page: each is listed once per language with every alternate.
PAGE_SIZE = 50


class _RecordsInEachLanguage:
    """A sitemap's (record, language) pairs, read from the database a page of records at a time.

    Django's i18n sitemaps list every pair of the whole section before taking a page of
    them; this counts and slices the records instead, so a page reads only its records.
    """

    def __init__(self, sitemap):
        self.sitemap = sitemap
        self.records = sitemap.items()

    def count(self):
        counted = getattr(self.sitemap, "record_count", None)  # by index()
        return self.records.count() if counted is None else counted

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        return [
            (record, code)
            for record in self.records[index]
            for code in self.sitemap.get_languages_for_item(record)
        ]


class TranslatedSitemap(Sitemap):
    """Lists a page once per language that has its title translated, plus x-default."""

    i18n = True
    alternates = True
    x_default = True
    title_field = "name"
    limit = PAGE_SIZE

    def __init__(self):
        self._source_paths = {}

    def location(self, item):
        """The record's address in the active language."""
        return self._address(item, translation.get_language())

    def _location(self, item, force_lang_code=None):
        # Django activates each language in turn to call location(): for every record, once
        # per language and alternate (6 × 8 times). The address is known without that.
        record, code = item
        return self._address(record, force_lang_code or code)

    def _address(self, record, code):
        """The record's address in language `code`.

        The addresses of a page differ only in their language prefix, so the record's path
        is reversed once, in English, and given each language's prefix.
        """
        rest = self._source_paths.get(record.pk)
        if rest is None:
            with translation.override(SOURCE_LANGUAGE):
                path = record.get_absolute_url()
            source_prefix = f"/{SOURCE_LANGUAGE}/"
            rest = path[len(source_prefix) :] if path.startswith(source_prefix) else False
            self._source_paths[record.pk] = rest
        if rest is False:
            with translation.override(code):
                return record.get_absolute_url()
        return f"/{code}/{rest}"

    @property
    def paginator(self):
        return Paginator(_RecordsInEachLanguage(self), self.limit)

    def get_latest_lastmod(self):
        # The index would otherwise read every record of the section to find the newest.
        return None

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
        return (
            Region.objects.published()
            .select_related("country")
            .defer("country__search_text")
            .order_by("pk")
        )


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


def index(request, sitemaps, **kwargs):
    """Django's sitemap index, each section's records counted together in one query.

    The index names every page of every section, so it needs each section's count.
    """
    sections = {name: site() if callable(site) else site for name, site in sitemaps.items()}
    counted = {name: site for name, site in sections.items() if isinstance(site, TranslatedSitemap)}
    counts = count_in_one_query({name: site.items() for name, site in counted.items()})
    for name, site in counted.items():
        site.record_count = counts[name]
    return sitemap_views.index(request, sections, **kwargs)

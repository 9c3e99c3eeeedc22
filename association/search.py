"""Case-insensitive text search that works for every script, on SQLite as on PostgreSQL.

The admin's search boxes use the `ucontains` lookup. SQLite folds case for ASCII letters
only, so `icontains` would not match "хэйлунцзян" with "Хэйлунцзян"; `ucontains` folds
case with Python's Unicode rules on SQLite and falls back to `icontains` (UPPER ... LIKE
UPPER ...) elsewhere. Python is called only where it changes the answer: a word without
case (省, 헤이룽장) is compared as it is, an ASCII word by SQLite's LIKE.

The public site's search (`search_site`, `SearchView`) reads one column instead: each
searchable record (association.models.Searchable) keeps `search_text`, the text of its
searched fields in all six languages, NFKC-normalized and case-folded when it is saved,
and a query's words, folded the same way, are looked for in it as they are. That folds
every script alike on every database ("STRASSE" finds "Straße", "хэйлун" finds
"Хэйлунцзян") and costs one substring search per word (StrIndex: SQLite's instr,
PostgreSQL's strpos; SQLite's LIKE takes half again as long). It is substring matching, so
two-character words such as 총회 or 会议 are found, which trigram indexes (three
characters at least) would miss.
"""

import operator
import unicodedata
from dataclasses import dataclass
from functools import reduce

from django.core.paginator import Paginator
from django.db.backends.signals import connection_created
from django.db.models import CharField, Lookup, Q, TextField, Value
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan, IContains
from django.db.models.signals import pre_save
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.views.generic import TemplateView
from modeltranslation.translator import translator

from association.counting import count_in_one_query
from association.languages import localized_field_names


def _casefold(value):
    return value.casefold() if isinstance(value, str) else value


# Characters without case that no other character folds to (checked over all of Unicode):
# CJK ideographs, kana, Hangul, digits, punctuation, most symbols. Case folding maps letters
# with case (Ll, Lu), some combining marks (Mn), circled letters (So), Roman numerals (Nl)
# and two modifier letters, which are therefore left out.
_CASELESS_CATEGORIES = frozenset(
    {"Lo", "Lm", "Nd", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk"}
)
_FOLDED_MODIFIER_LETTERS = frozenset({"\u02bc", "\u02be"})  # from ŉ and ẚ


def _is_caseless(value):
    """True for a text that case folding leaves as it is, wherever it appears."""
    return isinstance(value, str) and all(
        unicodedata.category(character) in _CASELESS_CATEGORIES
        and character not in _FOLDED_MODIFIER_LETTERS
        for character in value
    )


def _register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("near_casefold", 1, _casefold, deterministic=True)


class UnicodeIContains(Lookup):
    """`field__ucontains="хэйлун"`: contains, ignoring case in any script."""

    lookup_name = "ucontains"

    def as_sql(self, compiler, connection):
        return IContains(self.lhs, self.rhs).as_sql(compiler, connection)

    def as_sqlite(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        if all(_is_caseless(param) for param in rhs_params):
            # 省, 헤이룽장, 2024: folding the column could not change whether it contains
            # the term, so SQLite compares the text as it is, without calling Python.
            return f"instr({lhs_sql}, {rhs_sql}) > 0", (*lhs_params, *rhs_params)
        if all(isinstance(param, str) and param.isascii() for param in rhs_params):
            # "province": SQLite's LIKE folds ASCII letters itself, in C. One letter to one:
            # "strasse" does not find "Straße" here, as it would with Python's folding.
            patterns = [f"%{connection.ops.prep_for_like_query(param)}%" for param in rhs_params]
            return f"{lhs_sql} LIKE {rhs_sql} ESCAPE '\\'", (*lhs_params, *patterns)
        params = (*lhs_params, *(_casefold(param) for param in rhs_params))
        return f"instr(near_casefold({lhs_sql}), {rhs_sql}) > 0", params


def install():
    CharField.register_lookup(UnicodeIContains)
    TextField.register_lookup(UnicodeIContains)
    connection_created.connect(_register_sqlite_functions, dispatch_uid="near_casefold")
    pre_save.connect(_refresh_restored_search_text, dispatch_uid="near_search_text")


# --- What a record is found by ------------------------------------------------------------


def folded(text):
    """Text as it is searched: NFKC-normalized and case-folded ("Straße" -> "strasse")."""
    return unicodedata.normalize("NFKC", text).casefold()


def searched_columns(model):
    """The columns of a Searchable model's searched fields: every language's of a translated one."""
    translated = (
        set(translator.get_options_for_model(model).fields)
        if model in translator.get_registered_models()
        else set()
    )
    columns = []
    for name in model.searched_fields:
        columns.extend(localized_field_names(name) if name in translated else [name])
    return columns


def search_text_of(record):
    """The folded text of a record's searched columns, one non-empty value a line."""
    values = (getattr(record, column) for column in searched_columns(type(record)))
    return "\n".join(folded(str(value)) for value in values if value)


def refresh_search_text(record, update_fields=None):
    """Rewrites `record.search_text` before a save; returns the fields that save writes.

    A save of chosen fields that touches none of the searched ones (publishing, say)
    leaves it alone, and reads nothing; one that touches some writes it too.
    """
    if update_fields is None:
        record.search_text = search_text_of(record)
        return None
    columns = searched_columns(type(record))
    # modeltranslation lets `name` stand for the active language's column.
    names = {*columns, *type(record).searched_fields}
    if names.isdisjoint(update_fields):
        return update_fields
    record.search_text = search_text_of(record)
    return {*update_fields, "search_text"}


def _refresh_restored_search_text(sender, instance, raw=False, **kwargs):
    # Reverted and recovered versions are saved raw, past save(): a version kept before
    # the column existed carries no search text of its own.
    from association.models import Searchable

    if raw and isinstance(instance, Searchable):
        instance.search_text = search_text_of(instance)


def multilingual_search_fields(*field_paths, translated=()):
    """Admin `search_fields` over every language's column of the translated fields.

    `translated` are paths to translated fields (``"name"``, ``"host_region__name"``);
    `field_paths` are plain fields searched as they are.
    """
    fields = [f"{path}__ucontains" for path in field_paths]
    for path in translated:
        fields.extend(f"{column}__ucontains" for column in localized_field_names(path))
    return fields


# --- The public site's search -------------------------------------------------------------

# The types of result, in the order the search page shows them (search_site's keys).
RESULT_GROUPS = ("regions", "countries", "assemblies", "committees", "meetings", "pages")
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
RESULTS_PER_PAGE = 10

# Format characters kept in a query: the zero-width (non-)joiners are part of words and emoji.
_KEPT_FORMAT_CHARACTERS = {"\u200c", "\u200d"}


def normalize_query(text):
    """The query as searched: NFKC, no control characters, single spaces, at most 200 characters.

    Full-width letters and digits become ordinary ones, the ideographic space a plain space,
    decomposed Hangul is composed. Whitespace controls (tab, newline) separate words; other
    control and format characters (NUL, bidi overrides, zero-width space) are dropped.
    """
    if not isinstance(text, str):
        return ""
    # Cut first, generously (NFKC and the clean-up below may shorten the text), so that a
    # huge query costs no more than a long one.
    text = unicodedata.normalize("NFKC", text[: MAX_QUERY_LENGTH * 10])
    kept = []
    for character in text:
        category = unicodedata.category(character)
        if character.isspace():
            kept.append(" ")
        elif category in ("Cc", "Cs") or (
            category == "Cf" and character not in _KEPT_FORMAT_CHARACTERS
        ):
            continue
        else:
            kept.append(character)
    return " ".join("".join(kept).split())[:MAX_QUERY_LENGTH].rstrip()


def search_terms(text):
    """The query's words, at most eight, each once, in the order typed."""
    return list(dict.fromkeys(normalize_query(text).split()))[:MAX_TERMS]


def _matching_every_term(terms):
    """Q: every term is in the record's search text (any case, any script, any language)."""
    words = dict.fromkeys(folded(term) for term in terms)
    return reduce(
        operator.and_,
        (Q(GreaterThan(StrIndex("search_text", Value(word)), 0)) for word in words),
    )


def search_site(query):
    """The public content matching `query`, grouped by type, as lazy querysets.

    Returns ``{"regions": ..., "countries": ..., "assemblies": ..., "committees": ...,
    "meetings": ..., "pages": ...}`` in that order, or ``{}`` for a query with no words.
    A record matches when each word of the query is in one of its searched columns, in any
    of the six languages. Only published records are returned.
    """
    from association.languages import shown_columns
    from association.models import Committee, CommitteeMeeting, GeneralAssembly, Page
    from members.models import Country, Region
    from members.views import named

    terms = search_terms(query)
    if not terms:
        return {}
    matching = _matching_every_term(terms)
    return {
        "regions": Region.objects.published()
        .filter(matching)
        .select_related("country")
        .only(
            "slug",
            "native_name",
            *shown_columns("name"),
            *named("country", "slug", "native_language"),
        ),
        "countries": Country.objects.filter(matching),
        "assemblies": GeneralAssembly.objects.published()
        .filter(matching)
        .select_related("host_region")
        .only(
            "number",
            "historical_name",
            "year",
            *shown_columns("city", "theme"),
            *named("host_region"),
        ),
        "committees": Committee.objects.published().filter(matching),
        "meetings": CommitteeMeeting.objects.published()
        .filter(committee__is_published=True)
        .filter(matching)
        .select_related("committee", "host_region")
        .only(
            "number",
            "year",
            *shown_columns("title", "city"),
            *named("committee", "slug"),
            *named("host_region"),
        ),
        "pages": Page.objects.published().filter(matching),
    }


class _CountedPaginator(Paginator):
    """A paginator told its count, so it does not ask the database again."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


@dataclass
class ResultGroup:
    """One type of result on the search page: its key, its page of results, its page links."""

    key: str
    page_parameter: str
    page: object
    previous_url: str = ""
    next_url: str = ""

    @property
    def count(self):
        return self.page.paginator.count


class SearchView(TemplateView):
    """One search box over all public content, in every language, each type paginated apart.

    Context: ``query`` (the query as searched), ``groups`` (the ResultGroups that have
    results, in search_site's order) and ``result_count`` (all results together).
    Queries: none for an empty query, else one COUNT for every group together and one
    SELECT per group that has results.
    """

    template_name = "association/search.html"
    paginate_by = RESULTS_PER_PAGE

    # Each query and page is kept apart, like any page; an edit to any record of a type
    # that is searched makes every kept search stale, since it may now match or not.
    page_cache_tags = (
        "members.region",
        "members.country",
        "association.generalassembly",
        "association.committee",
        "association.committeemeeting",
        "association.page",
    )
    page_cache_query = ("q", *(f"page_{key}" for key in RESULT_GROUPS))

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # Result lists are not pages of their own for search engines.
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = normalize_query(self.request.GET.get("q", ""))
        groups = search_site(query)
        counts = count_in_one_query(groups)
        result_groups = []
        for key, queryset in groups.items():
            if not counts[key]:
                continue
            page_parameter = f"page_{key}"
            paginator = _CountedPaginator(queryset, self.paginate_by, counts[key])
            page = paginator.get_page(self.request.GET.get(page_parameter))
            result_groups.append(ResultGroup(key, page_parameter, page))
        for group in result_groups:
            if group.page.has_previous():
                group.previous_url = self._page_url(
                    query, result_groups, group, group.page.previous_page_number()
                )
            if group.page.has_next():
                group.next_url = self._page_url(
                    query, result_groups, group, group.page.next_page_number()
                )
        result_count = sum(group.count for group in result_groups)
        if result_count:
            result_phrase = ngettext(
                "%(counter)s result for “%(query)s”",
                "%(counter)s results for “%(query)s”",
                result_count,
            ) % {"counter": result_count, "query": query}
        else:
            result_phrase = gettext("No results for “%(query)s”.") % {"query": query}
        context.update(
            query=query,
            groups=result_groups,
            result_count=result_count,
            result_phrase=result_phrase,
        )
        return context

    @staticmethod
    def _page_url(query, groups, changed, number):
        """The address of this search with `changed` on page `number`, the others kept."""
        params = {"q": query}
        for group in groups:
            page_number = number if group is changed else group.page.number
            if page_number != 1:
                params[group.page_parameter] = page_number
        return f"?{urlencode(params)}#results-{changed.key}"

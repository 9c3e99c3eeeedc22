"""The translation status board: every translatable record × language, missing, stale or done.

One query per translated model (its translated columns through `.values()`, with the
country's code where the record has one) and one for every recorded source, whatever the
number of records; states are computed in Python and the rows paginated.
Also the "still correct" confirmation of a stale translation.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from association import ordinals, translation_state
from association.languages import SOURCE_LANGUAGE, column_suffix, native_name
from association.translation_state import DONE, MISSING, STALE, STATE_LABELS, STATES

ROWS_PER_PAGE = 50

# Where each model's country is, for the country filter (records elsewhere have none).
COUNTRY_PATHS = {
    "members.country": "code",
    "members.region": "country__code",
    "members.contact": "region__country__code",
    "members.membershipevent": "region__country__code",
    "members.activity": "region__country__code",
    "association.generalassembly": "host_region__country__code",
    "association.committeemeeting": "host_region__country__code",
    "association.photo": "region__country__code",
    "association.document": "region__country__code",
}
# Columns that name a record better than its first translated field.
LABEL_COLUMNS = {"association.generalassembly": ["historical_name", "number"]}


@dataclass
class Row:
    model: type
    pk: int
    values: dict  # the record's columns as read for the board
    fields: list  # its translated fields
    country: str | None
    cells: dict = field(default_factory=dict)  # language -> state, for the shown languages

    @property
    def label(self):
        """What names the record: computed only for the rows of the page shown."""
        return _label(self.model, self.values, self.fields)

    @property
    def model_label(self):
        return self.model._meta.label_lower

    @property
    def model_name(self):
        return self.model._meta.verbose_name

    def links(self, languages):
        """[(language, state or None, url)] in the board's column order."""
        opts = self.model._meta
        try:
            change = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(self.pk)]
            )
        except NoReverseMatch:
            change = None
        return [
            (
                code,
                self.cells.get(code),
                f"{change}?language={code}" if change and code in self.cells else None,
            )
            for code in languages
        ]


def _label(model, row, fields):
    label_lower = model._meta.label_lower
    if label_lower == "association.generalassembly":
        return ordinals.numbered(row["historical_name"], row["number"])
    for name in fields:
        text = (row.get(f"{name}_{SOURCE_LANGUAGE}") or "").strip()
        if text:
            return Truncator(text).chars(80)
    return f"#{row['pk']}"


def viewable_models(user):
    """The translatable models `user` may see, with their translated fields."""
    result = []
    for model, fields in translation_state.translatable_models():
        opts = model._meta
        if user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
            f"{opts.app_label}.change_{opts.model_name}"
        ):
            result.append((model, fields))
    return result


def board_rows(models, languages, *, states=None, country=None):
    """Rows (records with text to translate) and their cells, filtered; a fixed query count."""
    from association.models import TranslationSource

    suffixes = {code: column_suffix(code) for code in languages}
    recorded_digests = {}
    if models:
        sources = TranslationSource.objects.filter(language__in=languages).filter(
            Q.create(
                [
                    Q(content_type__app_label=model._meta.app_label)
                    & Q(content_type__model=model._meta.model_name)
                    for model, _fields in models
                ],
                connector=Q.OR,
            )
        )
        for app_label, model_name, object_id, name, language, digest in sources.values_list(
            "content_type__app_label",
            "content_type__model",
            "object_id",
            "field",
            "language",
            "source_digest",
        ):
            recorded_digests[(f"{app_label}.{model_name}", object_id, name, language)] = digest

    rows = []
    for model, fields in models:
        label_lower = model._meta.label_lower
        country_path = COUNTRY_PATHS.get(label_lower)
        if country and not country_path:
            continue
        columns = ["pk", *LABEL_COLUMNS.get(label_lower, [])]
        for name in fields:
            columns.append(f"{name}_{SOURCE_LANGUAGE}")
            columns.extend(f"{name}_{suffix}" for suffix in suffixes.values())
        queryset = model._default_manager.order_by("pk")
        if country:
            queryset = queryset.filter(**{country_path: country})
        extra = {"country_code": F(country_path)} if country_path else {}
        for values in queryset.values(*columns, **extra):
            pk = values["pk"]
            sources = [
                (name, text)
                for name in fields
                if (text := values[f"{name}_{SOURCE_LANGUAGE}"]) and text.strip()
            ]
            if not sources:
                continue
            digests = {}
            cells = {}
            for code, suffix in suffixes.items():
                state = DONE
                for name, text in sources:
                    target = values[f"{name}_{suffix}"]
                    if not target or not target.strip():
                        state = MISSING
                        break
                    recorded = recorded_digests.get((label_lower, pk, name, code))
                    if recorded is not None:
                        if name not in digests:
                            digests[name] = translation_state.source_digest(text)
                        if recorded != digests[name]:
                            state = STALE
                if states is None or state in states:
                    cells[code] = state
            if cells:
                rows.append(Row(model, pk, values, fields, values.get("country_code"), cells))
    return rows


def totals(rows, languages, models):
    """({language: Counter(state)}, [(model, Counter(state))]) over the rows' cells."""
    by_language = {code: Counter() for code in languages}
    by_model = {model: Counter() for model, _fields in models}
    for row in rows:
        for code, state in row.cells.items():
            by_language[code][state] += 1
            by_model[row.model][state] += 1
    return by_language, [(model, counts) for model, counts in by_model.items() if counts]


def _choice(request, name, allowed):
    value = request.GET.get(name, "")
    return value if value in allowed else ""


def translation_board(request, admin_site):
    """The board (URL name admin:translation_board)."""
    from members.models import Country

    user = request.user
    models = viewable_models(user)
    if not models:
        raise PermissionDenied(_("You have no content to translate."))
    all_languages = list(translation_state.TRANSLATION_LANGUAGES)
    mine = request.GET.get("mine") == "1"
    my_languages = translation_state.translator_languages(user)

    model_choices = {model._meta.label_lower: model for model, _fields in models}
    countries = list(Country.objects.order_by("order").values_list("code", "name"))
    language = _choice(request, "language", all_languages)
    model_label = _choice(request, "model", model_choices)
    state = _choice(request, "state", STATES)
    country = _choice(request, "country", {code for code, _name in countries})

    languages = [language] if language else all_languages
    states = {state} if state else None
    if mine:
        languages = [code for code in languages if code in my_languages]
        states = (states or {MISSING, STALE}) & {MISSING, STALE}
    shown_models = [(m, f) for m, f in models if not model_label or m is model_choices[model_label]]

    rows = board_rows(shown_models, languages, states=states, country=country) if languages else []
    by_language, by_model = totals(rows, languages, shown_models)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)

    context = {
        **admin_site.each_context(request),
        "title": _("Translation status"),
        "mine": mine,
        "my_languages": [(code, native_name(code)) for code in my_languages],
        "languages": [(code, native_name(code)) for code in languages],
        "language_choices": [(code, native_name(code)) for code in all_languages],
        "model_choices": [(m._meta.label_lower, m._meta.verbose_name_plural) for m, _f in models],
        "state_choices": [(key, STATE_LABELS[key]) for key in STATES],
        "country_choices": countries,
        "selected": {
            "language": language,
            "model": model_label,
            "state": state,
            "country": country,
        },
        "language_totals": [
            (code, native_name(code), [(key, by_language[code][key]) for key in STATES])
            for code in languages
        ],
        "model_totals": [
            (model._meta.verbose_name_plural, [(key, counts[key]) for key in STATES])
            for model, counts in by_model
        ],
        "states": [(key, STATE_LABELS[key]) for key in STATES],
        "row_count": len(rows),
        "page_obj": page,
        "page_rows": [(row, row.links(languages)) for row in page.object_list],
        "page_query": query.urlencode(),
    }
    return TemplateResponse(request, "admin/translation_board.html", context)


@require_POST
def confirm_translation(request, admin_site):
    """Marks a stale translation as still correct for the current English source."""
    try:
        model, pk, name, language = translation_state.parse_unit_key(request.POST.get("confirm"))
    except ValueError:
        return HttpResponseBadRequest(_("This translation cannot be confirmed: unknown field."))
    model_admin = admin_site._registry.get(model)
    if model_admin is None:
        return HttpResponseBadRequest(_("This translation cannot be confirmed: unknown field."))
    obj = get_object_or_404(model._default_manager, pk=pk)
    if language not in model_admin.granted_languages(request):
        raise PermissionDenied(_("You may not translate into this language."))
    opts = model._meta
    change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(pk)])
    state = translation_state.field_states(obj, [name]).get(name, {}).get(language)
    if state != STALE:
        messages.warning(request, _("This translation is not stale: nothing to confirm."))
        return redirect(f"{change_url}?language={language}")
    translation_state.record_translation(obj, name, language, request.user)
    messages.success(
        request,
        _("%(field)s in %(language)s is marked as still correct.")
        % {"field": opts.get_field(name).verbose_name, "language": native_name(language)},
    )
    return redirect(f"{change_url}?language={language}")

"""In-process timings: every page through Django's test Client, against the real URLconf.

Run by `association.benchmark.run` in a process of its own for each database
(`python -m association.benchmark.inprocess --output FILE`), with
DJANGO_SETTINGS_MODULE=association.benchmark.settings,
DATABASE_URL pointing at the database, DEBUG off and DJANGO_PAGE_CACHE=0. Writes JSON:
``{"floors": {...}, "pages": [...]}``, each entry with its SQL query count, median and
95th-percentile time in milliseconds, the size of the response, the loop-80 floor
measured right after it (`loop80_ms`) and, for a public page, the time its database work
takes alone (`sql_ms`, see `database_time`).
"""

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import asdict, dataclass

# The languages measured: English and one CJK language, with a search that matches in each.
LANGUAGES = ("en", "ja")
SEARCH_QUERIES = {"en": "province", "ja": "省"}


@dataclass
class PageSpec:
    """A page to measure: what it is, and the address to ask for in one language."""

    name: str
    kind: str  # "detail", "list", "admin"
    url: str
    language: str
    paginated: bool = False
    admin: bool = False


def percentile(values, fraction):
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = fraction * (len(ordered) - 1)
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def page_specs():
    """The public pages and the main admin pages, in each measured language."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation
    from django.utils.http import urlencode

    from association.models import Committee, GeneralAssembly
    from members.models import Country, Region

    # The earliest records are the demo's own, so both sizes measure the same pages.
    region = Region.objects.published().select_related("country").order_by("pk").first()
    country = Country.objects.filter(pk=region.country_id).get()
    assembly = GeneralAssembly.objects.published().order_by("pk").first()
    committee = Committee.objects.published().order_by("pk").first()

    specs = []
    for language in LANGUAGES:
        with translation.override(language):
            search = f"{reverse('association:search')}?{urlencode({'q': SEARCH_QUERIES[language]})}"
            specs += [
                PageSpec("home", "list", reverse("home"), language),
                PageSpec("members", "list", reverse("members:list"), language, paginated=True),
                PageSpec("country", "detail", country.get_absolute_url(), language),
                PageSpec("region", "detail", region.get_absolute_url(), language),
                PageSpec(
                    "assemblies",
                    "list",
                    reverse("association:assembly-list"),
                    language,
                    paginated=True,
                ),
                PageSpec("assembly", "detail", assembly.get_absolute_url(), language),
                PageSpec(
                    "committees",
                    "list",
                    reverse("association:committee-list"),
                    language,
                    paginated=True,
                ),
                PageSpec("committee", "detail", committee.get_absolute_url(), language),
                PageSpec("search", "list", search, language, paginated=True),
            ]
    # The sitemaps have no language of their own: the index, and a page of regions.
    specs.append(PageSpec("sitemap", "list", reverse("sitemap"), "en"))
    specs.append(
        PageSpec(
            "sitemap regions",
            "list",
            reverse("sitemap-section", args=["regions"]),
            "en",
            paginated=True,
        )
    )
    for language in LANGUAGES:
        specs += [
            PageSpec(
                "admin region changelist",
                "admin",
                reverse("admin:members_region_changelist"),
                language,
                paginated=True,
                admin=True,
            ),
            PageSpec(
                "admin region change form",
                "admin",
                reverse("admin:members_region_change", args=[region.pk]),
                language,
                admin=True,
            ),
        ]
        try:
            board = reverse("admin:translation_board")
        except NoReverseMatch:
            continue
        specs.append(PageSpec("admin translation board", "admin", board, language, admin=True))
    return specs


def superuser():
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(
        username="bench-superuser",
        defaults={"is_staff": True, "is_superuser": True, "email": "bench@example.org"},
    )
    return user


def measure(client, url, *, headers, runs, warmup, budget):
    """Queries, median and 95th percentile (ms) of GET `url`: warm-up, then up to `runs` runs.

    Stops early, after at least five runs, once `budget` seconds are spent (after three
    runs for a page so slow that they take three times the budget).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    for _ in range(warmup):
        response = client.get(url, **headers)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        if time.perf_counter() - started > budget / 2:  # a slow page needs less warming
            break
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    # Counted now: the captured list is read from the connection's log, which the next
    # request clears.
    queries = len(captured)
    times = []
    started = time.perf_counter()
    for _ in range(runs):
        before = time.perf_counter()
        client.get(url, **headers)
        times.append((time.perf_counter() - before) * 1000)
        spent = time.perf_counter() - started
        if (len(times) >= 5 and spent > budget) or (len(times) >= 3 and spent > 3 * budget):
            break
    return {
        "queries": queries,
        "median_ms": statistics.median(times),
        "p95_ms": percentile(times, 0.95),
        "runs": len(times),
        "bytes": len(response.content),
    }


def database_time(client, url, *, headers, runs):
    """(SELECTs, median ms): the database's time to answer the page's reads, Django left out.

    The statements one GET of `url` sends, with their parameters, are run again on the same
    connection and their rows fetched, without building querysets, compiling SQL or making
    records: what is left of the page's time is the ORM's work, the view's and the
    template's. Only reads are repeated, so that measuring changes nothing.
    """
    from django.db import connection

    statements = []

    def record(execute, sql, params, many, context):
        if not many and sql.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(url, **headers)
    times = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            before = time.perf_counter()
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
            times.append((time.perf_counter() - before) * 1000)
    return len(statements), statistics.median(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", required=True)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--budget", type=float, default=4.0, help="Seconds per page at most.")
    options = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "association.benchmark.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    if settings.DEBUG:
        raise SystemExit("The benchmark measures production settings: unset DJANGO_DEBUG.")
    timing = {"runs": options.runs, "warmup": options.warmup, "budget": options.budget}
    visitor = Client()
    floors = {
        "5kb": measure(visitor, "/bench-floor/5kb", headers={}, **timing),
        "loop80": measure(visitor, "/bench-floor/loop80", headers={}, **timing),
    }
    staff = Client()
    staff.force_login(superuser())
    pages = []
    for spec in page_specs():
        client = staff if spec.admin else visitor
        headers = {"HTTP_ACCEPT_LANGUAGE": spec.language}
        result = measure(client, spec.url, headers=headers, **timing)
        # The loop-80 floor again, right after the page: on a machine whose load changes,
        # the page's ratio compares it with the floor of the same moment.
        nearby = measure(
            visitor, "/bench-floor/loop80", headers={}, runs=options.runs, warmup=1, budget=0.5
        )
        result["loop80_ms"] = nearby["median_ms"]
        if not spec.admin:
            _reads, result["sql_ms"] = database_time(
                client, spec.url, headers=headers, runs=options.runs
            )
        pages.append({**asdict(spec), **result})
        print(
            f"  {spec.name:<28} {spec.language:<3} {result['queries']:>3} queries "
            f"{result['median_ms']:8.1f} ms",
            file=sys.stderr,
        )
    # Measured again at the end: the floors move with the machine's load.
    floors_after = {
        "5kb": measure(visitor, "/bench-floor/5kb", headers={}, **timing),
        "loop80": measure(visitor, "/bench-floor/loop80", headers={}, **timing),
    }
    for key, result in floors.items():
        result["median_ms"] = min(result["median_ms"], floors_after[key]["median_ms"])
        result["p95_ms"] = min(result["p95_ms"], floors_after[key]["p95_ms"])
    with open(options.output, "w", encoding="utf-8") as output:
        json.dump({"floors": floors, "pages": pages}, output, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    main()

"""The benchmark's own parts: floors kept out of the site, the load generator, the targets."""

import http.server
import threading

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from association.benchmark import run
from association.benchmark.inprocess import database_time, percentile
from association.benchmark.load import drive
from tests.public_site import small_association


def test_floors_are_not_part_of_the_site():
    with pytest.raises(Resolver404):
        resolve("/bench-floor/5kb", urlconf="association.urls")


@override_settings(ROOT_URLCONF="association.benchmark.urls")
def test_floors_answer_under_the_benchmark_urls(client, settings):
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "DIRS": [
                *settings.TEMPLATES[0]["DIRS"],
                settings.BASE_DIR / "association" / "benchmark" / "templates",
            ],
        }
    ]
    five = client.get("/bench-floor/5kb")
    loop = client.get("/bench-floor/loop80")

    assert five.status_code == 200 and len(five.content) == 5120
    assert loop.status_code == 200
    assert loop.content.decode().count("<li>") == 80


def test_percentile_interpolates():
    assert percentile([10], 0.95) == 10
    assert percentile([1, 2, 3, 4, 5], 0.5) == 3
    assert percentile([0, 100], 0.95) == pytest.approx(95)


@pytest.mark.django_db
def test_database_time_repeats_the_reads_of_a_page_and_nothing_else(client):
    small_association()
    url = "/en/members/china/heilongjiang/"
    with CaptureQueriesContext(connection) as page_queries:
        assert client.get(url).status_code == 200

    with CaptureQueriesContext(connection) as measured:
        reads, median_ms = database_time(client, url, headers={}, runs=4)

    assert reads == len(page_queries) > 0
    assert len(measured) == reads * 5  # one GET, then four runs of the page's reads
    assert all(query["sql"].startswith("SELECT") for query in measured)
    assert median_ms > 0


def test_drive_sends_exactly_the_requests_asked_for():
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            status = 200 if self.path == "/ok" else 500
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        result = drive(port, "/ok", requests=25, concurrency=4)
        failing = drive(port, "/broken", requests=3, concurrency=2)
    finally:
        server.shutdown()
        server.server_close()

    assert result["requests"] == 25 and result["failures"] == 0
    assert result["rps"] > 0 and result["p50_ms"] <= result["p99_ms"]
    assert failing["failures"] == 3
    assert seen.count("/ok") == 25


def _page(name, kind, language, queries, median, paginated=False):
    return {
        "name": name,
        "kind": kind,
        "language": language,
        "queries": queries,
        "median_ms": median,
        "p95_ms": median,
        "paginated": paginated,
    }


def _size(loop80, pages):
    return {"floors": {"5kb": {"median_ms": 1.0}, "loop80": {"median_ms": loop80}}, "pages": pages}


def _http(pages, five=1000.0, loop80=400.0):
    return {
        "floors": {"5kb": {"rps": five}, "loop80": {"rps": loop80}},
        "pages": pages,
        "worker_rss_mb": [80.0, 80.0],
    }


def _statuses(checks):
    return {(check["target"].split(":")[0], check["page"]): check["status"] for check in checks}


def test_targets_pass_and_fail_as_specified():
    results = {
        "in_process": {
            "demo": _size(
                10.0,
                [
                    _page("region", "detail", "en", 6, 15.0),
                    _page("members", "list", "en", 3, 20.0, paginated=True),
                    _page("search", "list", "en", 9, 30.0, paginated=True),
                    _page("admin region changelist", "admin", "en", 8, 50.0, paginated=True),
                ],
            ),
            "scale": _size(
                10.0,
                [
                    _page("region", "detail", "en", 6, 25.0),  # 2.5 x the floor
                    _page("members", "list", "en", 3, 35.0, paginated=True),  # 1.75 x slower
                    _page("search", "list", "en", 9, 31.0, paginated=True),  # 9 queries
                    _page("admin region changelist", "admin", "en", 9, 50.0, paginated=True),
                ],
            ),
        },
        "http": {
            "uncached": _http(
                [
                    {"name": "region", "kind": "detail", "rps": 150.0, "failures": 0},
                    {"name": "members", "kind": "list", "rps": 100.0, "failures": 0},
                ]
            ),
            "cached": _http(
                [
                    {"name": "region", "kind": "detail", "rps": 600.0, "failures": 0},
                    {"name": "members", "kind": "list", "rps": 600.0, "failures": 2},
                ]
            ),
        },
    }

    statuses = _statuses(run.check_targets(results))

    assert statuses[("public page", "region")] == "PASS"
    assert statuses[("detail page", "region")] == "FAIL"
    assert statuses[("public page", "search")] == "FAIL"
    assert statuses[("list page", "members")] == "PASS"
    assert statuses[("paginated page", "members")] == "FAIL"
    assert statuses[("paginated page", "search")] == "PASS"
    assert statuses[("admin page", "admin region changelist")] == "FAIL"
    assert statuses[("HTTP uncached detail page", "region")] == "FAIL"  # 150 < 200
    assert statuses[("HTTP uncached list page", "members")] == "PASS"  # 100 >= 100
    assert statuses[("HTTP cached detail page", "region")] == "PASS"
    assert statuses[("HTTP cached list page", "members")] == "FAIL"  # failed requests


def test_status_board_target_at_the_large_size():
    board = [_page("admin translation board", "admin", "en", 12, 300.0)]
    slow = [_page("admin translation board", "admin", "en", 12, 1500.0)]
    results = {"in_process": {"demo": _size(10.0, board), "scale": _size(10.0, slow)}}

    statuses = _statuses(run.check_targets(results))

    assert statuses[("status board under 1 s at 20x", "admin translation board")] == "FAIL"


def test_page_is_compared_with_the_floor_measured_next_to_it():
    page = {**_page("region", "detail", "en", 6, 15.0), "loop80_ms": 5.0}
    results = {"in_process": {"demo": _size(10.0, [page])}}

    statuses = _statuses(run.check_targets(results))

    assert statuses[("detail page", "region")] == "FAIL"  # 3 x its own floor, 1.5 x the run's


def test_rounds_keep_each_figure_at_its_best_round():
    def table(five, loop, page_median, page_p95, nearby, queries):
        return {
            "floors": {
                "5kb": {"median_ms": five, "p95_ms": five, "runs": 30},
                "loop80": {"median_ms": loop, "p95_ms": loop, "runs": 30},
            },
            "pages": [
                {
                    **_page("region", "detail", "en", queries, page_median),
                    "p95_ms": page_p95,
                    "loop80_ms": nearby,
                    "runs": 30,
                }
            ],
        }

    merged = run.best_of(table(0.3, 1.4, 9.0, 12.0, 1.3, 8), table(0.4, 1.2, 11.0, 11.0, 1.5, 8))

    assert merged["floors"]["5kb"]["median_ms"] == 0.3
    assert merged["floors"]["loop80"]["median_ms"] == 1.2
    page = merged["pages"][0]
    assert (page["median_ms"], page["p95_ms"], page["loop80_ms"]) == (9.0, 11.0, 1.3)
    assert page["runs"] == 60 and merged["rounds"] == 2
    assert run.best_of(None, table(0.3, 1.4, 9.0, 12.0, 1.3, 8))["pages"][0]["runs"] == 30

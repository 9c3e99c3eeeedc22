"""`make bench`: builds two scratch databases, measures every page, checks the targets.

1. Two SQLite databases in a temporary folder: the demo content, and the demo content
   plus generated content up to twenty times its size (`generate_scale_content`).
2. In-process (`association.benchmark.inprocess`), uncached, at both sizes: SQL queries, median and
   95th-percentile time of each page, in English and Japanese, and the two floors. In
   rounds (three by default), the two sizes alternating, and each figure the best of its
   rounds: on a shared machine the speed of the processor drifts by a fifth from one
   minute to the next, and noise only ever adds time.
3. Over HTTP (`association.benchmark.load`), on the demo database: gunicorn with 2 workers, a fixed
   number of requests per page at concurrency 8, uncached (DJANGO_PAGE_CACHE=0) and
   cached: requests per second, p50/p99 latency, memory per worker.
4. A table, the JSON file, and PASS/FAIL for each target. The exit status is 0 even when
   a target fails, unless --strict.
"""

import argparse
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from association.benchmark.load import measure_http

ROOT = Path(__file__).resolve().parents[2]

MAX_PUBLIC_QUERIES = 8
DETAIL_FLOOR_RATIO = 2.0  # a detail page, in loop-80 floors
LIST_FLOOR_RATIO = 4.0  # a list page, in loop-80 floors
GROWTH_RATIO = 1.5  # a paginated page at 20x content, against the demo size
HTTP_LIST_SHARE = 0.25  # of the loop-80 floor's requests per second, uncached
HTTP_DETAIL_SHARE = 0.5
HTTP_CACHED_SHARE = 0.5  # of the 5 KB floor's requests per second
BOARD_SECONDS = 1.0


def log(message):
    print(message, file=sys.stderr, flush=True)


def base_environment():
    """Production settings (DEBUG off) with a throwaway key, on plain HTTP, quiet logs."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="association.benchmark.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="testserver,localhost,127.0.0.1",
        DJANGO_HTTPS="0",
        DJANGO_DEBUG="0",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    for name in ("REDIS_URL", "CACHE_URL"):  # each run measures its own local cache
        env.pop(name, None)
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def copy_database(source, target):
    with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
        original.backup(copy)


def build_databases(env, folder, *, factor, quick):
    """{"demo": url, "scale": url}: migrated, demo content loaded, the second one grown."""
    demo = folder / "demo.sqlite3"
    demo_url = f"sqlite:///{demo}"
    started = time.perf_counter()
    manage({**env, "DATABASE_URL": demo_url}, "migrate", "--no-input", "-v", "0")
    manage({**env, "DATABASE_URL": demo_url}, "load_demo_content")
    log(f"Demo database ready ({time.perf_counter() - started:.0f} s).")
    databases = {"demo": demo_url}
    if not quick:
        scale = folder / f"scale-{factor}x.sqlite3"
        copy_database(demo, scale)
        scale_url = f"sqlite:///{scale}"
        started = time.perf_counter()
        manage(
            {**env, "DATABASE_URL": scale_url}, "generate_scale_content", "--factor", str(factor)
        )
        log(f"{factor}x database ready ({time.perf_counter() - started:.0f} s).")
        databases["scale"] = scale_url
    return databases


def best_of(earlier, later):
    """Two rounds' in-process results as one: each time the lower of the two rounds'.

    Queries are the higher count (they should not differ), runs are added up.
    """
    if earlier is None:
        return later
    for key, floor in later["floors"].items():
        for stat in ("median_ms", "p95_ms"):
            earlier["floors"][key][stat] = min(earlier["floors"][key][stat], floor[stat])
        earlier["floors"][key]["runs"] += floor["runs"]
    pages = {_key(page): page for page in later["pages"]}
    for page in earlier["pages"]:
        other = pages[_key(page)]
        for stat in ("median_ms", "p95_ms", "loop80_ms", "sql_ms"):
            if stat in page:
                page[stat] = min(page[stat], other[stat])
        page["queries"] = max(page["queries"], other["queries"])
        page["runs"] += other["runs"]
    earlier["rounds"] = earlier.get("rounds", 1) + 1
    return earlier


def measure_in_process(env, database_url, output, *, runs, warmup, budget):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "association.benchmark.inprocess",
            "--output",
            str(output),
            "--runs",
            str(runs),
            "--warmup",
            str(warmup),
            "--budget",
            str(budget),
        ],
        env={**env, "DATABASE_URL": database_url, "DJANGO_PAGE_CACHE": "0"},
        cwd=ROOT,
        check=True,
    )
    return json.loads(Path(output).read_text(encoding="utf-8"))


# --- Targets ------------------------------------------------------------------------------


def _key(page):
    return (page["name"], page["language"])


def loop80_of(page, table):
    """The loop-80 floor to compare `page` with: the one measured right after it, if any."""
    return page.get("loop80_ms") or table["floors"]["loop80"]["median_ms"]


def check_targets(results):
    """[{"target", "page", "status": PASS/FAIL, "detail"}] for every target that applies."""
    checks = []

    def check(target, page, passed, detail):
        checks.append(
            {
                "target": target,
                "page": page,
                "status": "PASS" if passed else "FAIL",
                "detail": detail,
            }
        )

    sizes = results["in_process"]
    demo = {_key(page): page for page in sizes["demo"]["pages"]}
    scale = {_key(page): page for page in sizes["scale"]["pages"]} if "scale" in sizes else {}

    names = list(dict.fromkeys(page["name"] for page in sizes["demo"]["pages"]))
    for name in names:
        keys = [key for key in demo if key[0] == name]
        kind = demo[keys[0]]["kind"]
        counts = {
            f"{language} {size}": table[(name, language)]["queries"]
            for size, table in (("demo", demo), ("20x", scale))
            for (_name, language) in keys
            if (name, language) in table
        }
        constant = all(
            demo[key]["queries"] == scale[key]["queries"] for key in keys if key in scale
        )
        described = ", ".join(f"{label}: {count}" for label, count in counts.items())
        if kind != "admin":
            check(
                f"public page: constant queries, at most {MAX_PUBLIC_QUERIES}",
                name,
                constant and max(counts.values()) <= MAX_PUBLIC_QUERIES,
                described,
            )
        elif name != "admin translation board":
            check("admin page: constant queries", name, constant, described)
        else:
            slowest = max((scale or demo)[key]["median_ms"] for key in keys)
            check(
                f"status board under {BOARD_SECONDS:.0f} s at "
                + ("20x" if scale else "demo size (20x not run)"),
                name,
                slowest < BOARD_SECONDS * 1000,
                f"median {slowest:.0f} ms",
            )
        if kind in ("detail", "list"):
            limit = DETAIL_FLOOR_RATIO if kind == "detail" else LIST_FLOOR_RATIO
            ratios = []
            for size, table in (("demo", sizes["demo"]), ("20x", sizes.get("scale"))):
                if not table:
                    continue
                for page in table["pages"]:
                    if page["name"] == name:
                        ratios.append(
                            (
                                page["median_ms"] / loop80_of(page, table),
                                f"{page['language']} {size}",
                            )
                        )
            worst, where = max(ratios)
            check(
                f"{kind} page: at most {limit:g} x loop-80 floor (in-process)",
                name,
                worst <= limit,
                f"worst {worst:.1f} x ({where})",
            )
        if demo[keys[0]]["paginated"] and scale:
            growths = [(scale[key]["median_ms"] / demo[key]["median_ms"], key[1]) for key in keys]
            worst, language = max(growths)
            check(
                f"paginated page: at most {GROWTH_RATIO:g} x slower at 20x",
                name,
                worst <= GROWTH_RATIO,
                f"worst {worst:.2f} x ({language})",
            )

    for label, run in results.get("http", {}).items():
        floors = run["floors"]
        for page in run["pages"]:
            if label == "uncached":
                share = HTTP_LIST_SHARE if page["kind"] == "list" else HTTP_DETAIL_SHARE
                floor = floors["loop80"]["rps"]
                floor_name = "loop-80"
            else:
                share, floor, floor_name = HTTP_CACHED_SHARE, floors["5kb"]["rps"], "5 KB"
            check(
                f"HTTP {label} {page['kind']} page: at least {share:g} x the {floor_name} "
                "floor's req/s",
                page["name"],
                page["failures"] == 0 and page["rps"] >= share * floor,
                f"{page['rps']:.0f} req/s = {page['rps'] / floor:.2f} x floor"
                + (f", {page['failures']} failed" if page["failures"] else ""),
            )
    return checks


# --- Output -------------------------------------------------------------------------------


def print_tables(results):
    sizes = results["in_process"]
    print(
        "\nIn-process, uncached (median / p95 in ms; x loop80 = median in loop-80 floors, "
        "measured right after each page; x 5KB = in the run's 5 KB floor; SQL = the page's "
        "SELECTs run again without Django, the database's share of the median)"
    )
    for size, table in sizes.items():
        floors = table["floors"]
        loop80 = floors["loop80"]["median_ms"]
        print(
            f"\n[{size}]  floors: 5 KB {floors['5kb']['median_ms']:.2f} ms, loop-80 {loop80:.2f} ms"
        )
        print(
            f"{'page':<28} {'lang':<5} {'queries':>7} {'median':>9} {'p95':>9} "
            f"{'x loop80':>9} {'x 5KB':>8} {'KB':>7} {'SQL':>7}"
        )
        for page in table["pages"]:
            print(
                f"{page['name']:<28} {page['language']:<5} {page['queries']:>7} "
                f"{page['median_ms']:>9.1f} {page['p95_ms']:>9.1f} "
                f"{page['median_ms'] / loop80_of(page, table):>9.1f} "
                f"{page['median_ms'] / floors['5kb']['median_ms']:>8.1f} "
                f"{page['bytes'] / 1024:>7.1f} "
                + (f"{page['sql_ms']:>7.2f}" if "sql_ms" in page else f"{'':>7}")
            )
    for label, run in results.get("http", {}).items():
        settings = results["settings"]
        print(
            f"\nHTTP, {label}: gunicorn 2 workers, concurrency {settings['concurrency']}, "
            f"{settings['requests']} requests per page; worker RSS "
            + ", ".join(f"{size} MB" for size in run["worker_rss_mb"])
        )
        print(f"{'page':<14} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'failed':>7}")
        for entry in [*run["floors"].values(), *run["pages"]]:
            name = entry["name"] if entry["kind"] != "floor" else f"floor {entry['name']}"
            print(
                f"{name:<14} {entry['rps']:>8.1f} {entry['p50_ms']:>8.1f} "
                f"{entry['p99_ms']:>8.1f} {entry['failures']:>7}"
            )
    print("\nTargets")
    for item in results["targets"]:
        print(f"{item['status']}  {item['target']}: {item['page']} ({item['detail']})")
    failed = sum(item["status"] == "FAIL" for item in results["targets"])
    print(f"\n{len(results['targets']) - failed} passed, {failed} failed.")


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m association.benchmark",
        description=__doc__,
        formatter_class=argparse.RawTextHelpFormatter,
    )
    parser.add_argument(
        "--output", default=os.environ.get("BENCH_OUTPUT", "bench-results.json"), help="JSON file."
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        default=os.environ.get("BENCH_QUICK", "") not in ("", "0"),
        help="Demo size only, few runs and requests (a smoke test; also BENCH_QUICK=1).",
    )
    parser.add_argument("--strict", action="store_true", help="Exit with 1 if a target fails.")
    parser.add_argument("--factor", type=int, default=20, help="Size of the large database.")
    parser.add_argument("--runs", type=int, help="In-process runs per page (default 30).")
    parser.add_argument(
        "--rounds",
        type=int,
        help="In-process rounds, the sizes alternating; the best counts (default 3, quick 1).",
    )
    parser.add_argument("--requests", type=int, help="HTTP requests per page (default 200).")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="Keep the scratch databases.")
    options = parser.parse_args(argv)

    runs = options.runs or (5 if options.quick else 30)
    requests = options.requests or (24 if options.quick else 200)
    rounds = options.rounds or (1 if options.quick else 3)
    env = base_environment()
    folder = Path(tempfile.mkdtemp(prefix="near-bench-"))
    # The page cache's files (when it keeps them on disk) belong to this run's databases.
    env["DJANGO_PAGE_CACHE_DIR"] = str(folder / "page-cache")
    started = time.perf_counter()
    try:
        log(f"Scratch databases in {folder}")
        manage(env, "compile_translations", "-v", "0")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        databases = build_databases(env, folder, factor=options.factor, quick=options.quick)
        results = {
            "settings": {
                "quick": options.quick,
                "factor": options.factor,
                "runs": runs,
                "rounds": rounds,
                "requests": requests,
                "concurrency": options.concurrency,
                "cpu_count": os.cpu_count(),
            },
            "in_process": {},
            "http": {},
        }
        for round_number in range(1, rounds + 1):
            for size, url in databases.items():
                log(f"In-process, {size}, round {round_number} of {rounds}:")
                results["in_process"][size] = best_of(
                    results["in_process"].get(size),
                    measure_in_process(
                        env,
                        url,
                        folder / f"in-process-{size}.json",
                        runs=runs,
                        warmup=1 if options.quick else 3,
                        budget=1.0 if options.quick else 4.0,
                    ),
                )
        http_pages = [
            (page["name"], page["kind"], page["url"])
            for page in results["in_process"]["demo"]["pages"]
            if page["language"] == "en" and page["kind"] in ("detail", "list")
        ]
        for cached in (False, True):
            label = "cached" if cached else "uncached"
            log(f"HTTP, {label}:")
            results["http"][label] = measure_http(
                base_env=env,
                database_url=databases["demo"],
                pages=http_pages,
                requests=requests,
                concurrency=options.concurrency,
                log_dir=folder,
                cached=cached,
            )
        results["targets"] = check_targets(results)
        results["seconds"] = round(time.perf_counter() - started)
    finally:
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print_tables(results)
    Path(options.output).write_text(
        json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print(f"Written to {options.output} ({results['seconds']} s).")
    failed = any(item["status"] == "FAIL" for item in results["targets"])
    return 1 if options.strict and failed else 0

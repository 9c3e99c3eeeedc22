"""Over HTTP: the site served by gunicorn as `make serve` serves it, driven by a bounded load.

`Server` starts `gunicorn association.wsgi` (2 workers, loopback, a free port) with
DJANGO_SETTINGS_MODULE=benchmark.settings, so that the floors are served beside the site;
`drive` sends a fixed number of GET requests to one address from a fixed number of threads
(http.client) and returns requests per second and latency percentiles.
"""

import http.client
import itertools
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from association.benchmark.inprocess import percentile

HOST = "127.0.0.1"


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with 2 workers on a free loopback port, stopped on leaving the `with` block."""

    def __init__(self, *, env, log_path, workers=2):
        self.env = env
        self.log_path = log_path
        self.workers = workers
        self.port = free_port()
        self.process = None

    def __enter__(self):
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn) if gunicorn.exists() else "gunicorn",
            "association.wsgi",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--access-logfile",
            "-",
        ]
        self.log = open(self.log_path, "ab")  # noqa: SIM115 (closed in __exit__)
        self.process = subprocess.Popen(
            command, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start; see {self.log_path}")
            try:
                status, _body = get(self.port, "/healthz")
                if status == 200 and len(self.worker_pids()) == self.workers:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"gunicorn did not answer within a minute; see {self.log_path}")

    def __exit__(self, *exc_info):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def worker_pids(self):
        """The worker processes: the children of gunicorn's master process (Linux /proc)."""
        pids = []
        for entry in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = entry.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:  # fields: state, ppid, ...
                pids.append(int(entry.parent.name))
        return sorted(pids)

    def worker_memory_mb(self):
        """Resident memory of each worker in MB (VmRSS), or [] where /proc is missing."""
        sizes = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(round(int(line.split()[1]) / 1024, 1))
        return sizes


def get(port, path, headers=None):
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": "localhost", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def drive(port, path, *, requests, concurrency, headers=None):
    """Sends `requests` GETs to `path` from `concurrency` threads; throughput and latencies."""
    headers = {"Host": "localhost", **(headers or {})}
    tickets = itertools.count()
    latencies, failures = [], []
    lock = threading.Lock()

    def client():
        connection = None
        while next(tickets) < requests:
            if connection is None:
                connection = http.client.HTTPConnection(HOST, port, timeout=60)
            before = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
                closing = response.will_close
            except (OSError, http.client.HTTPException) as error:
                status, closing = repr(error), True
            elapsed = (time.perf_counter() - before) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    failures.append(status)
            if closing:
                connection.close()
                connection = None
        if connection is not None:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "failures": len(failures),
        "rps": len(latencies) / wall if wall else 0.0,
        "p50_ms": percentile(latencies, 0.50),
        "p99_ms": percentile(latencies, 0.99),
    }


def server_env(base_env, database_url, *, cached):
    env = {**base_env, "DATABASE_URL": database_url}
    if cached:
        env.pop("DJANGO_PAGE_CACHE", None)
    else:
        env["DJANGO_PAGE_CACHE"] = "0"
    return env


def measure_http(*, base_env, database_url, pages, requests, concurrency, log_dir, cached):
    """Floors and pages over HTTP from one gunicorn; `pages` are (name, kind, path) triples."""
    env = server_env(base_env, database_url, cached=cached)
    label = "cached" if cached else "uncached"
    log_path = os.path.join(log_dir, f"gunicorn-{label}.log")
    results = {"floors": {}, "pages": [], "worker_rss_mb": []}
    with Server(env=env, log_path=log_path) as server:
        targets = [("5kb", "floor", "/bench-floor/5kb"), ("loop80", "floor", "/bench-floor/loop80")]
        targets += pages
        # Warm-up: every worker loads its code and templates, and fills its cache.
        for _name, _kind, path in targets:
            drive(server.port, path, requests=4 * concurrency, concurrency=concurrency)
        results["worker_rss_mb"] = server.worker_memory_mb()
        for name, kind, path in targets:
            result = drive(server.port, path, requests=requests, concurrency=concurrency)
            entry = {"name": name, "kind": kind, "path": path, **result}
            if kind == "floor":
                results["floors"][name] = entry
            else:
                results["pages"].append(entry)
            print(
                f"  {label:<8} {name:<12} {result['rps']:8.1f} req/s "
                f"p50 {result['p50_ms']:7.1f} ms p99 {result['p99_ms']:7.1f} ms",
                file=sys.stderr,
            )
    return results

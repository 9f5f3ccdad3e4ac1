"""Requests per second through the proxy with one and with two app servers (README "Scaling out").

    DATABASE_URL=postgres://ttdn:ttdn@127.0.0.1:5432/ttdn .venv/bin/python bench/scale_out.py

Starts the deployment of tests/test_scale_out.py (its Stack: Redis, PgBouncer in transaction mode,
gunicorn app servers of 2 sync workers each, nginx with deploy/nginx.conf) on spare loopback ports,
against a database of its own (`ttdn_scale_bench` on DATABASE_URL's server, made, migrated and seeded
with `make_bench_data` here, dropped at the end). Then `wrk -t2 -c16 -d10s` through nginx, first with
one app server in its upstream, then with two, then (the control) with one server of 4 workers, as
many as the two have together, on:

* the event list served from the page cache (Redis), as an anonymous reader gets it;
* the same page made afresh: the request carries a session cookie, as a logged-in reader's does,
  so the cache is neither read nor written.

Prints a table and stops everything it started. Needs redis-server, pgbouncer, nginx and wrk.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://ttdn:ttdn@127.0.0.1:5432/ttdn")

from tests import test_scale_out as scale  # noqa: E402 - reads DATABASE_URL when imported

DATABASE = "ttdn_scale_bench"
PAGES = {
    "event list, cached": ("/vi/events/", {}),
    "event list, made afresh": ("/vi/events/", {"Cookie": "sessionid=bench-no-such-session"}),
}


def wrk(port, path, headers, seconds, connections):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1),
        "p99": re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1),
        "errors": (int(errors.group(1)) if errors else 0) + (1 if sockets else 0),
    }


def check_page(port, path, headers, cached):
    client = scale.Client(port)
    for _ in range(3):  # every server's workers, and the cache, warm
        status, answer, _ = client.get(path, headers=headers)
        assert status == 200, (path, status)
    hit = answer.get("X-Page-Cache")
    assert (hit == "hit") if cached else (hit is None), (path, hit)


def measure(stack, servers, seconds, connections):
    stack.start_proxy(servers)
    try:
        row = {}
        for page, (path, headers) in PAGES.items():
            check_page(stack.ports["proxy"], path, headers, cached="cached" in page)
            row[page] = wrk(stack.ports["proxy"], path, headers, seconds, connections)
        return row
    finally:
        stack.stop("proxy")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    options = parser.parse_args()
    missing = [] if shutil.which("wrk") else ["wrk"]
    missing += [name for name, path in scale.BINARIES.items() if not os.access(path, os.X_OK)]
    if missing:
        sys.exit(f"missing: {', '.join(missing)} (apt-get install redis-server pgbouncer nginx wrk)")

    folder = Path(tempfile.mkdtemp(prefix="ttdn-scale-bench-"))
    folder.chmod(0o755)
    stack = scale.Stack(folder, database=DATABASE)
    results = {}
    try:
        print(f"database {DATABASE}: migrate, seed, make_bench_data --events {options.events} …", flush=True)
        stack.make_database()
        env = {**stack.env, "DATABASE_URL": stack.direct_url}
        subprocess.run(
            [sys.executable, "manage.py", "make_bench_data", "--force", "--events", str(options.events)]
            + ["--officials", "500", "--registrations", "2000"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        stack.start_redis()
        stack.start_pgbouncer()
        stack.start_app("a")
        print(f"load average before: {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores", flush=True)
        results["one app server"] = measure(stack, ("a",), options.seconds, options.connections)
        stack.start_app("b")
        results["two app servers"] = measure(stack, ("a", "b"), options.seconds, options.connections)
        # The control: as many gunicorn workers as the two servers have, in one server.
        stack.stop("app-b")
        stack.stop("app-a")
        stack.start_app("a", workers=4)
        results["one app server, 4 workers"] = measure(stack, ("a",), options.seconds, options.connections)
        print(f"load average after: {os.getloadavg()[0]:.2f}", flush=True)
    finally:
        stack.stop_all()
        stack.psql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)

    print(f"\nwrk -t2 -c{options.connections} -d{options.seconds}s through nginx; gunicorn sync workers\n")
    print("| upstream | page | requests/s | p50 | p99 | errors |")
    print("|---|---|---:|---:|---:|---:|")
    for upstream, row in results.items():
        for page, figures in row.items():
            print(
                f"| {upstream} | {page} | {figures['rps']:.0f} | {figures['p50']} | {figures['p99']} "
                f"| {figures['errors']} |"
            )


if __name__ == "__main__":
    main()

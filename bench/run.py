"""The benchmark, in one command: `.venv/bin/python bench/run.py` (see bench/README.md).

1. Prepares the database (default: PostgreSQL `ttdn_bench`; `--database-url` for another): migrate,
   10,000 events of synthetic data (once, again if the count differs), the baseline's 10,000 rows,
   collectstatic.
2. Measures in process (bench/measure.py): median and p95 per page, queries per page.
3. Serves with gunicorn (2 sync workers, production settings) on 127.0.0.1 and measures requests per
   second with wrk, uncached and then cached, against the bare "hello" view and the baseline page;
   the workers' memory after each round.
4. Writes bench/RESULTS.md (and the raw figures beside it, RESULTS.json), each target met or missed.
"""

import argparse
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
PORT = 8765
DEFAULT_DATABASE = "postgres://ttdn:ttdn@127.0.0.1:5432/ttdn_bench"
HELLO, BASELINE = "bare hello", "baseline (20 of 10,000 rows)"
BASE_ADDRESSES = {HELLO: "/bench/hello/", BASELINE: "/bench/baseline/"}
WRK_PAGES = [HELLO, BASELINE, "home", "event list", "event page", "RSS feed"]
# The floors of the pages with a throughput target (bench/floors.py), served uncached: their reads
# without the template, and the SQL of those reads without the ORM.
READS, SQL = "reads only", "SQL only"
FLOORS = {page: [f"{page}: {READS}", f"{page}: {SQL}"] for page in ("event list", "event page")}
# The targets (bench/README.md).
MAX_QUERIES = 15
UNCACHED_SHARE = {"event list": 0.40, "event page": 0.40}  # of the baseline's requests per second
CACHED_SHARE = 0.75  # of the bare hello view's, for every cached public page served


def environment(database_url, *, cache=True):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-not-a-secret",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT="/tmp/ttdn-bench-static",
        DJANGO_LOG_LEVEL="WARNING",
        BENCH_PAGE_CACHE="1" if cache else "0",
        PYTHONPATH=str(ROOT),
    )
    return env


def manage(env, *args, capture=False):
    command = [str(VENV / "python"), "manage.py", *args]
    print("$", " ".join(command[1:]), flush=True)
    result = subprocess.run(command, cwd=ROOT, env=env, check=True, text=True, capture_output=capture)
    return result.stdout if capture else ""


def prepare(env, events, seed, *, regenerate=False):
    manage(env, "migrate", "--no-input", "-v0")
    count = manage(
        env, "shell", "-v0", "-c", "from events.models import Event; print(Event.objects.count())", capture=True
    ).split()[-1]
    if regenerate or int(count) != events:
        manage(env, "make_bench_data", "--events", str(events), "--seed", str(seed), "--replace")
    manage(env, "shell", "-v0", "-c", "from bench.views import fill_baseline_rows; fill_baseline_rows()")
    # Fresh statistics for the planner after the bulk load (PostgreSQL's ANALYZE, SQLite's ANALYZE).
    manage(env, "shell", "-v0", "-c", "from django.db import connection; connection.cursor().execute('ANALYZE')")
    manage(env, "collectstatic", "--no-input", "-v0")


def in_process(env):
    # stdout is the JSON; the progress on stderr goes to the terminal.
    output = subprocess.run(
        [str(VENV / "python"), "-m", "bench.measure"], cwd=ROOT, env=env, check=True, text=True, stdout=subprocess.PIPE
    ).stdout
    return json.loads(output)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to report, not to follow


def status_of(url):
    """The HTTP status of one GET, redirects not followed: wrk counts a 3xx as success."""
    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_for(url, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer at {url} (exit status {server.poll()})")


def wrk(url, duration):
    output = subprocess.run(
        # A long timeout: a slow page's requests are counted, not dropped as socket errors.
        ["wrk", "-t2", "-c16", f"-d{duration}s", "--timeout", "30s", "--latency", url],
        check=True,
        text=True,
        capture_output=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    p50 = re.search(r"50%\s+([\d.]+\w+)", output)
    return {
        "rps": rps,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(map(int, sockets.groups())) if sockets else 0,
        "p50": p50.group(1) if p50 else "",
    }


def workers_rss_mb(master):
    """Resident memory of each gunicorn worker (the master's children), from /proc."""
    sizes = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if parent == master:
                status = (stat.parent / "status").read_text()
                sizes.append(round(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024))
        except (OSError, AttributeError, IndexError):
            continue  # a process that ended meanwhile
    return sorted(sizes)


def floor_addresses(addresses):
    """The floors' addresses: the event page's floors read the event the event page shows."""
    slug = addresses["event page"].rstrip("/").rsplit("/", 1)[-1]
    return {
        FLOORS["event list"][0]: "/bench/floor/reads/event-list/",
        FLOORS["event list"][1]: "/bench/floor/sql/event-list/",
        FLOORS["event page"][0]: f"/bench/floor/reads/event/{slug}/",
        FLOORS["event page"][1]: f"/bench/floor/sql/event/{slug}/",
    }


def served(env, addresses, pages, *, cached, duration):
    """Requests per second of each page under gunicorn, and the workers' memory after the round.

    A page that does not answer 200 is still run under wrk, and its status reported: it must not pass
    as fast. The server is stopped afterwards."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            raise RuntimeError(f"Port {PORT} is taken: another server would be measured. Stop it first.")
    server = subprocess.Popen(
        [
            str(VENV / "gunicorn"),
            "config.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment(env["DATABASE_URL"], cache=cached),
    )
    try:
        base = f"http://127.0.0.1:{PORT}"
        wait_for(base + "/bench/hello/", server)
        results = {}
        for name in pages:
            if name not in addresses:
                continue
            url = base + addresses[name]
            # Warm both workers (and, cached, fill both workers' caches); the worst status counts.
            status = max(status_of(url) for _ in range(20))
            results[name] = {**wrk(url, duration), "status": status}
            print(f"  {'cached' if cached else 'uncached'} {name}: {results[name]['rps']:.0f} req/s", flush=True)
        # The references again at the end, and their mean used: the machine's speed drifts within a round.
        for name in BASE_ADDRESSES:
            first, again = results[name], wrk(base + addresses[name], duration)
            first["rps_runs"] = [first["rps"], again["rps"]]
            first["rps"] = sum(first["rps_runs"]) / 2
            first["non_2xx"] += again["non_2xx"]
            first["socket_errors"] += again["socket_errors"]
        return {"pages": results, "worker_rss_mb": workers_rss_mb(server.pid)}
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    memory = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True, capture_output=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, text=True, capture_output=True).stdout.strip()
    return {
        "cpu": model.group(1).strip() if model else platform.processor(),
        "cores": os.cpu_count(),
        "memory_gb": round(int(memory.group(1)) / 1024 / 1024, 1) if memory else None,
        "python": platform.python_version(),
        "commit": commit.stdout.strip() + (" (with uncommitted changes)" if dirty else ""),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _verdict(ok, why=""):
    return ("met" if ok else "**missed**") + (f" ({why})" if why else "")


def _figure(value, problem):
    return f"{value}, {problem}" if problem else str(value)


def _served_problem(result):
    """Why a served figure cannot count: an error status, non-2xx answers or socket errors under load."""
    problems = []
    if result["status"] != 200:
        problems.append(f"HTTP {result['status']}")
    if result["non_2xx"]:
        problems.append(f"{result['non_2xx']} non-2xx")
    if result["socket_errors"]:
        problems.append(f"{result['socket_errors']} socket errors")
    return ", ".join(problems)


def search_section(measured):
    """The search queries' medians and the plan of each (events/search.py); a plan that reads the events
    table whole ("Seq Scan on events_event", "SCAN events_event") is marked."""
    rows = {row["page"]: row for row in measured["rows"]}
    lines = [
        "",
        "## Search",
        "",
        "| query | median ms | p95 ms | queries | reads the whole events table |",
        "|---|---:|---:|---:|---|",
    ]
    for query, plan in measured.get("explain", {}).items():
        row = rows.get(f"search: {query}", {})
        scans = any(re.search(r"Seq Scan on events_event\b|SCAN events_event\b", line) for line in plan)
        lines.append(
            f"| {query} | {row.get('median_ms', '—')} | {row.get('p95_ms', '—')} | {row.get('queries', '—')} "
            f"| {'yes' if scans else 'no'} |"
        )
    for query, plan in measured.get("explain", {}).items():
        lines += ["", f"Plan of the search page's event query for “{query}”:", "", "```", *plan, "```"]
    return lines


def report(info, database, events, measured, rates, duration):
    rows = measured["rows"]
    by_name = {row["page"]: row for row in rows}
    baseline = by_name[BASELINE]["median_ms"]
    verdicts = []  # (target, page, figure and any error, met)
    lines = [
        "# Benchmark results",
        "",
        "Written by `bench/run.py` (see bench/README.md); do not edit by hand.",
        "",
        f"- Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB; Python {info['python']}",
        f"- Commit: {info['commit']}",
        f"- Date: {info['date']}",
        f"- Database: {database}; data: {events:,} events (`make_bench_data --events {events}`: 5,000 officials, "
        "100,000 registrations)",
        "- Settings: `bench.settings` (the project's, DJANGO_DEBUG=0) plus the baseline app",
        "",
        "## Targets",
        "",
        f"- every public page: at most {MAX_QUERIES} queries, whatever the data size (uncached, in process);",
        "- served uncached, the event list and the event page: at least 40 % of the baseline page's requests "
        "per second;",
        f"- served cached (anonymous readers): at least {CACHED_SHARE:.0%} of the bare hello view's requests "
        "per second.",
        "",
        "A page answering anything but 200, or with errors under load, misses its target whatever its speed.",
        "",
        "## In process (Django test client, warm)",
        "",
        f"Each page requested {os.environ.get('BENCH_REPEAT', '30')} times after 3 warm-up requests (a page "
        "slower than a second: 5 times after one); public pages uncached (caches emptied before each request) "
        "and cached (anonymous, served from the page cache). Ratio: the page's median time over the baseline "
        "page's (lower is better). The check-in lookup POSTs a confirmed delegate's code and rolls the "
        "check-in back, so every request does the whole lookup and write.",
        "",
        "| page | status | median ms | p95 ms | × baseline | queries | ≤ 15 queries | cached median ms "
        "| cached queries |",
        "|---|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for row in rows:
        cached = f"{row['cached_median_ms']:.2f} | {row['cached_queries']}" if "cached_median_ms" in row else "— | —"
        target = "—"
        if row["kind"] == "public":
            ok = row["queries"] <= MAX_QUERIES and row["status"] == 200
            problem = "" if row["status"] == 200 else f"HTTP {row['status']}"
            target = _verdict(ok, problem)
            verdicts.append((f"≤ {MAX_QUERIES} queries", row["page"], _figure(row["queries"], problem), ok))
        lines.append(
            f"| {row['page']} | {row['status']} | {row['median_ms']:.2f} | {row['p95_ms']:.2f} | "
            f"{row['median_ms'] / baseline:.1f} | {row['queries']} | {target} | {cached} |"
        )
    lines += search_section(measured)
    if measured["missing"]:
        lines += ["", f"Not measured, their URL name no longer resolves: {', '.join(measured['missing'])}."]
    if measured["unmeasured"]:
        lines += ["", f"Public URL names bench/measure.py does not measure: {', '.join(measured['unmeasured'])}."]
    lines += [
        "",
        "## Served: gunicorn, 2 sync workers, PostgreSQL, wrk",
        "",
        f"`wrk -t2 -c16 -d{duration}s --timeout 30s` on 127.0.0.1 (wrk shares the machine's cores with the server). "
        "Ratios: uncached pages over the baseline page's requests per second, cached pages over the bare hello "
        "view's, each against the reference measured in the same round (the same gunicorn run), at its start "
        "and end (the mean of both runs): the machine drifts. Status: the worst of 20 warm-up requests "
        "(redirects not followed).",
        "",
        "| page | status | uncached req/s | × baseline | uncached target | cached req/s | × hello | cached target |",
        "|---|---:|---:|---:|---|---:|---:|---|",
    ]
    uncached_pages, cached_pages = rates["uncached"]["pages"], rates["cached"]["pages"]
    base_rps = uncached_pages[BASELINE]["rps"]
    hello_rps = cached_pages[HELLO]["rps"]
    for name in WRK_PAGES:
        if name not in uncached_pages or name not in cached_pages:
            continue
        uncached, cached = uncached_pages[name], cached_pages[name]
        uncached_share, cached_share = uncached["rps"] / base_rps, cached["rps"] / hello_rps
        uncached_target = cached_target = "—"
        if name in UNCACHED_SHARE:
            problem = _served_problem(uncached)
            ok = uncached_share >= UNCACHED_SHARE[name] and not problem
            uncached_target = _verdict(ok, problem)
            target = f"uncached ≥ {UNCACHED_SHARE[name]:.0%} of baseline"
            verdicts.append((target, name, _figure(f"{uncached_share:.0%}", problem), ok))
        if name not in BASE_ADDRESSES:
            problem = _served_problem(cached)
            ok = cached_share >= CACHED_SHARE and not problem
            cached_target = _verdict(ok, problem)
            target = f"cached ≥ {CACHED_SHARE:.0%} of hello"
            verdicts.append((target, name, _figure(f"{cached_share:.0%}", problem), ok))
        status = max(uncached["status"], cached["status"])
        lines.append(
            f"| {name} | {status} | {uncached['rps']:.0f} | {uncached_share:.0%} | {uncached_target} | "
            f"{cached['rps']:.0f} | {cached_share:.0%} | {cached_target} |"
        )
    lines += floors_section(uncached_pages, base_rps)
    errors = [
        f"{mode} {name}: {problem}"
        for mode, round_ in rates.items()
        for name, result in round_["pages"].items()
        if (problem := _served_problem(result))
    ]
    lines += [
        "",
        f"Errors under load (non-2xx or 3xx answers, socket errors, a status other than 200): "
        f"{'; '.join(errors) if errors else 'none'}.",
        "",
        "Memory per gunicorn worker (RSS after the round): "
        f"uncached {', '.join(f'{mb} MB' for mb in rates['uncached']['worker_rss_mb']) or 'unknown'}; "
        f"cached {', '.join(f'{mb} MB' for mb in rates['cached']['worker_rss_mb']) or 'unknown'}.",
    ]
    missed = [v for v in verdicts if not v[3]]
    lines += [
        "",
        "## Summary",
        "",
        f"{len(verdicts) - len(missed)} of {len(verdicts)} targets met"
        + (
            f"; missed: {'; '.join(f'{page} ({target}: {figure})' for target, page, figure, _ in missed)}."
            if missed
            else "."
        ),
        "",
        "## Addresses measured",
        "",
    ]
    lines += [f"- {name}: `{path}`" for name, path in measured["addresses"].items()]
    return "\n".join(lines) + "\n"


def floors_section(pages, base_rps):
    """Where an uncached page's time goes: the page, its reads alone, their SQL alone, against the time
    per request the target allows. A part that alone takes more than that cannot be made up elsewhere."""
    lines = [
        "",
        "### Where the uncached time goes",
        "",
        f"The same round, uncached: each page, its reads alone ({READS}: the view's own read function — queries, "
        f"model objects, the filter form's validation — then a few bytes, no template; bench/floors.py) and the "
        f"SQL those reads send ({SQL}: the same statements sent again through Django's cursor, every row fetched, "
        "no ORM). Times are the machine's milliseconds per request (1000 ÷ req/s: the server's and wrk's two "
        "cores together, so each includes the fixed cost of serving any request, as the bare hello view's "
        "shows); the template's share is the page's time less its reads'. The budget is the time per request "
        "at the target's rate.",
        "",
        f"| page | page req/s | × baseline | {READS} req/s | × baseline | {SQL} req/s | × baseline | budget ms "
        "| reads ms | template ms | SQL ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for page, (reads, sql) in FLOORS.items():
        if not all(name in pages for name in (page, reads, sql)) or page not in UNCACHED_SHARE:
            continue
        cells = []
        for name in (page, reads, sql):
            result = pages[name]
            problem = _served_problem(result)
            cells.append(f"{result['rps']:.0f}{f' ({problem})' if problem else ''} | {result['rps'] / base_rps:.0%}")
        target = UNCACHED_SHARE[page]
        budget = 1000 / (target * base_rps)
        page_ms, reads_ms, sql_ms = (1000 / pages[name]["rps"] for name in (page, reads, sql))
        template_ms = page_ms - reads_ms
        lines.append(
            f"| {page} | {' | '.join(cells)} | {budget:.2f} | {reads_ms:.2f} | {template_ms:.2f} | {sql_ms:.2f} |"
        )
        both = reads_ms > budget and template_ms > budget
        notes.append(
            f"- {page}: at {target:.0%} of the baseline a request may take {budget:.2f} ms; the page takes "
            f"{page_ms:.2f} ms ({page_ms / budget:.1f}× that): its reads {reads_ms:.2f} ms ({reads_ms / budget:.0%} "
            f"of the budget), its template {template_ms:.2f} ms ({template_ms / budget:.0%}); the SQL of its reads, "
            f"sent alone, {sql_ms:.2f} ms ({sql_ms / budget:.0%})."
            + (" The reads and the template each take more than the budget alone." if both else "")
        )
    return lines + ([""] + notes if notes else [])


GROWTH_FLAG = 1.5  # a page whose ratio to the baseline grows more than this from the small data to the large


def database_url(name):
    """A database URL, or the bench role's URL for a bare database name (`ttdn_bench100k`)."""
    return name if "://" in name else DEFAULT_DATABASE.rsplit("/", 1)[0] + "/" + name


def growth(runs, names):
    """Markdown lines: each page measured in every run (the databases from the smallest to the largest),
    its median and its ratio to the baseline page of the same run, and the growth (the largest data's
    ratio over the smallest's), flagged above GROWTH_FLAG."""
    rows = [{row["page"]: row for row in run["rows"]} for run in runs]
    bases = [by_page[BASELINE]["median_ms"] for by_page in rows]
    lines = [
        "| page | " + " | ".join(f"{name} ms | × base" for name in names) + " | growth |",
        "|---|" + "---:|---:|" * len(names) + "---|",
    ]
    for page in rows[0]:
        measured = [by_page.get(page) for by_page in rows]
        if None in measured or page in BASE_ADDRESSES:
            continue
        ratios = [row["median_ms"] / base for row, base in zip(measured, bases, strict=True)]
        grown = ratios[-1] / ratios[0]
        flag = f"**{grown:.2f}×**" if grown > GROWTH_FLAG else f"{grown:.2f}×"
        cells = " | ".join(f"{row['median_ms']:.1f} | {ratio:.1f}" for row, ratio in zip(measured, ratios, strict=True))
        lines.append(f"| {page} | {cells} | {flag} |")
    lines.append("| (baseline page) | " + " | ".join(f"{base:.2f} | 1.0" for base in bases) + " | — |")
    return lines


def run_growth(names):
    """Measure in process on prepared databases (no data made, no migration), one after the other, from
    the smallest data to the largest, and print the growth table (the raw figures to bench/GROWTH.json)."""
    runs = []
    # The pages' static files as they are now: a stale manifest makes every page answer 500.
    manage(environment(database_url(names[0])), "collectstatic", "--no-input", "-v0")
    for name in names:
        url = database_url(name)
        print(f"Measuring in process on {re.sub(r'//[^@]*@', '//', url)}…", flush=True)
        runs.append(in_process(environment(url)))
    info = machine()
    lines = [
        f"{info['date']}, commit {info['commit']}: `bench/run.py --growth {' '.join(names)}`; "
        f"median of {os.environ.get('BENCH_REPEAT', '30')} requests, uncached; ratios to the baseline page of the "
        f"same run; growth ({names[0]} → {names[-1]}) > {GROWTH_FLAG}× in bold.",
        "",
        *growth(runs, names),
    ]
    raw = {"machine": info, "databases": names, "runs": runs}
    (ROOT / "bench" / "GROWTH.json").write_text(json.dumps(raw, indent=1) + "\n")
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=int, default=10, help="Seconds per wrk run (default 10).")
    parser.add_argument(
        "--regenerate", action="store_true", help="Make the data again even if the database holds N events."
    )
    parser.add_argument("--skip-wrk", action="store_true", help="In-process figures only, printed as JSON.")
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument(
        "--growth",
        nargs="+",
        metavar="DATABASE",
        help="In-process figures on two or more prepared databases (names or URLs), smallest data first, "
        "printed as a growth table.",
    )
    options = parser.parse_args()
    if options.growth:
        if len(options.growth) < 2:
            parser.error("--growth needs two databases or more, smallest data first")
        run_growth(options.growth)
        return

    env = environment(options.database_url)
    prepare(env, options.events, options.seed, regenerate=options.regenerate)
    print("Measuring in process…", flush=True)
    measured = in_process(env)
    if options.skip_wrk:
        print(json.dumps(measured, indent=1))
        return
    if not options.database_url.startswith("postgres"):
        print("Note: the served figures are meant for PostgreSQL.", file=sys.stderr)
    addresses = measured["addresses"] | BASE_ADDRESSES
    floors = floor_addresses(addresses)
    uncached_names = WRK_PAGES + [name for names in FLOORS.values() for name in names]
    rates = {
        "uncached": served(env, addresses | floors, uncached_names, cached=False, duration=options.duration),
        "cached": served(env, addresses, WRK_PAGES, cached=True, duration=options.duration),
    }
    database = re.sub(r"//[^@]*@", "//", options.database_url)
    info = machine()
    Path(options.output).write_text(report(info, database, options.events, measured, rates, options.duration))
    raw = {"machine": info, "in_process": measured, "served": rates}
    Path(options.output).with_suffix(".json").write_text(json.dumps(raw, indent=1) + "\n")
    print(f"Wrote {options.output}")


if __name__ == "__main__":
    main()

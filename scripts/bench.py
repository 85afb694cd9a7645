"""`make bench` / `make bench-quick`: the service under load, page by page.

For each data size: a PostgreSQL database of generated cases (`generate_load_data`,
made once and kept), the service with production settings under gunicorn on loopback,
people of every role signed in through the real sign-in pages (password and
authenticator code), then `hey` (Debian's HTTP load generator) drives each page alone at
each concurrency. The API submission is driven by `wrk` instead, whose Lua script
(scripts/bench_submit.lua) names a different made-up child in every request: with one
fixed body, as `hey` sends, each submission would be linked as a possible duplicate to
every earlier bench submission, and cost more with every run. Every figure is also given
as a ratio to the floor page (the accessibility statement, signed in), measured at the
same concurrency just before that page: absolute times on a shared machine vary from run
to run, and within one run too. `--write` puts the table in docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
SERVER = "postgres://postgres@127.0.0.1:5432"
# The service's settings plus the bench's own commands (bench/settings.py): the service's
# settings do not install them.
BENCH_SETTINGS = "bench.settings"
# The generated audit chain was keyed with the development key; the bench server must
# verify and extend it with the same one. Bench-only values, never a deployment's.
BENCH_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789",
    "AUDIT_HMAC_KEY": "development-only-audit-key",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SERVICE_URL": "https://127.0.0.1",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": "2",
    "LOG_LEVEL": "WARNING",
}
# As the TLS-terminating proxy in front of the service would say.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


@dataclass
class Result:
    page: str
    concurrency: int
    rps: float
    p50: float
    p95: float
    p99: float
    errors: int
    # The floor page at the same concurrency, measured just before this page: the
    # machine's speed drifts during a run, so each page is read against its neighbour.
    floor: Result | None = None


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def manage(database: str, *args: str, production: bool = False) -> str:
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": BENCH_SETTINGS}
    env.pop("DJANGO_ENV", None)
    if production:
        env |= BENCH_ENV
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def prepare(name: str, cases: int, boards: int) -> str:
    """The database of `cases` generated cases, made once and kept for later runs."""
    url = f"{SERVER}/{name}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    if not migrated(url):
        manage(url, "migrate", "--no-input")
    with psycopg.connect(url) as db:
        found = db.execute("SELECT count(*) FROM notifications_notification").fetchone()
    if not found or found[0] == 0:
        log(f"Generating {cases:,} cases in {boards} boards into {name}…")
        log(manage(url, "generate_load_data", "--boards", str(boards), "--cases", str(cases)))
        # As autovacuum would have done long before a real service held this much: until
        # then every index-only scan (the covering indexes of the lists and dashboards)
        # still reads the table's rows to check them.
        log(f"Vacuuming {name}…")
        with psycopg.connect(url, autocommit=True) as db:
            db.execute("VACUUM (ANALYZE)")
    return url


def migrated(url: str) -> bool:
    """Whether every migration of the service's own apps is applied already (then a kept
    database need not wait for `migrate` to start Django and find nothing to do)."""
    on_disk = {
        (path.parent.parent.name, path.stem)
        for path in (ROOT / "casereviews").glob("*/migrations/0*.py")
    }
    with psycopg.connect(url) as db:
        try:
            applied = set(db.execute("SELECT app, name FROM django_migrations").fetchall())
        except psycopg.errors.UndefinedTable:
            return False
    return on_disk <= applied


def collect_static(url: str) -> None:
    """`collectstatic`, unless the collected files are newer than every source of them."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    if manifest.exists():
        sources = [ROOT / "frontend-build", *(ROOT / "casereviews").glob("*/static")]
        newest = max(
            (f.stat().st_mtime for d in sources for f in d.rglob("*") if f.is_file()),
            default=0.0,
        )
        if manifest.stat().st_mtime >= newest:
            return
    manage(url, "collectstatic", "--no-input", production=True)


def fixtures(url: str) -> dict[str, Any]:
    """Who signs in and what they ask for, read from the generated data."""
    script = (ROOT / "scripts" / "bench_fixtures.py").read_text()
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": BENCH_SETTINGS}
    env.pop("DJANGO_ENV", None)
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"Reading the bench fixtures failed:\n{done.stderr[-2000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


class Service:
    """gunicorn with production settings on loopback, as README's "Running in production"."""

    def __init__(
        self,
        url: str,
        workers: int,
        wsgi: str = "casereviews.wsgi",
        env: dict[str, str] | None = None,
    ) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "DATABASE_URL": url, **BENCH_ENV, **(env or {})}
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                wsgi,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(600):
            try:
                requests.get(f"{self.base}/accessibility", headers=PROXY_HEADERS, timeout=30)
                return
            except requests.RequestException:
                time.sleep(0.1)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def worker_memory_mib(self) -> list[float]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            status = Path(f"/proc/{pid}/status").read_text()
            found = re.search(r"VmRSS:\s+(\d+) kB", status)
            if found:
                sizes.append(int(found.group(1)) / 1024)
        return sizes

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def sign_in(base: str, email: str, password: str, key: str) -> str:
    """The session cookie of a person signed in through the real pages, second factor
    included (the code their authenticator app would show, as tests/helpers.py makes)."""
    from django_otp.oath import TOTP

    cookies: dict[str, str] = {}

    def page(path: str, data: dict[str, str] | None = None) -> str:
        url = f"{base}{path}"
        headers = {**PROXY_HEADERS, "Referer": f"https://127.0.0.1{path}"}
        if data is None:
            response = requests.get(
                url, headers=headers, cookies=cookies, allow_redirects=False, timeout=30
            )
        else:
            origin = base.replace("http://", "https://")
            headers |= {"Origin": origin, "Referer": f"{origin}{path}"}
            response = requests.post(
                url, data=data, headers=headers, cookies=cookies, allow_redirects=False, timeout=30
            )
        cookies.update(response.cookies.get_dict())
        return response.text

    def token(html: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert found, "no CSRF token on the page"
        return found.group(1)

    form = page("/account/sign-in")
    page(
        "/account/sign-in",
        {"csrfmiddlewaretoken": token(form), "username": email, "password": password},
    )
    form = page("/account/sign-in/code")
    code = f"{TOTP(bytes.fromhex(key)).token():06d}"
    page("/account/sign-in/code", {"csrfmiddlewaretoken": token(form), "code": code})
    session = "; ".join(f"{name}={value}" for name, value in cookies.items())
    check = requests.get(
        f"{base}/", headers={**PROXY_HEADERS, "Cookie": session}, allow_redirects=False, timeout=30
    )
    if check.status_code != 200:
        raise SystemExit(f"Signing in {email} failed ({check.status_code})")
    return session


def hey(url: str, concurrency: int, seconds: float, headers: dict[str, str]) -> Result:
    command = ["hey", "-z", f"{seconds}s", "-c", str(concurrency), "-t", "60"]
    for name, value in {**PROXY_HEADERS, **headers}.items():
        command += ["-H", f"{name}: {value}"]
    # One line per request (response time, status, offset from the start), so that the
    # percentiles are computed here from every request, however few there were.
    out = subprocess.run([*command, "-o", "csv", url], capture_output=True, text=True).stdout
    times, ends, errors = [], [], 0
    for line in out.splitlines()[1:]:
        fields = line.split(",")
        if len(fields) < 8:
            continue
        times.append(float(fields[0]) * 1000)
        ends.append(float(fields[7]) + float(fields[0]))
        errors += fields[6] not in ("200", "201")
    times.sort()
    rps = len(times) / max(max(ends, default=seconds), seconds)

    def percentile(p: int) -> float:
        if not times:
            return float("nan")
        return times[min(len(times) - 1, int(len(times) * p / 100))]

    return Result("", concurrency, rps, percentile(50), percentile(95), percentile(99), errors)


def submission_template(body: dict[str, Any]) -> str:
    """The fixtures' CRNF A as JSON with @@name@@ and @@born@@ in place of each child's
    name and date of birth, which together decide a possible duplicate:
    scripts/bench_submit.lua fills them in afresh for every request."""
    children = body["children"]
    named = [
        {
            **child,
            "full_name": "@@name@@" if len(children) == 1 else f"@@name@@ {n}",
            "date_of_birth": "@@born@@",
        }
        for n, child in enumerate(children, 1)
    ]
    return json.dumps({**body, "children": named})


def wrk(url: str, concurrency: int, seconds: float, headers: dict[str, str], body: str) -> Result:
    """The API submission at `concurrency`, each request's body made from the template
    `body` by scripts/bench_submit.lua, so that no two requests name the same child."""
    # One thread: its event loop can keep 16 connections busy at hundreds of requests a
    # second, far beyond what the service submits, and on 2 cores a second thread would
    # only take CPU from gunicorn and PostgreSQL. The script names the thread as well as
    # its count, so more threads would still never repeat a child.
    command = [
        "wrk",
        "--threads",
        "1",
        "--connections",
        str(concurrency),
        # wrk counts whole seconds only.
        "--duration",
        f"{max(1, round(seconds))}s",
        "--timeout",
        "60s",
        "--script",
        str(ROOT / "scripts" / "bench_submit.lua"),
    ]
    for name, value in {**PROXY_HEADERS, **headers, "Content-Type": "application/json"}.items():
        command += ["--header", f"{name}: {value}"]
    # Unique to this run, so that no later run names this run's children either.
    run = f"{time.time_ns():x}"
    done = subprocess.run([*command, url, "--", run, body], capture_output=True, text=True)
    # No per-request lines, as `hey` gives: the percentiles are wrk's, from its histogram
    # of every request.
    found = dict(re.findall(r"^bench (\w+) (\S+)$", done.stdout, re.MULTILINE))
    if done.returncode != 0 or "requests" not in found:
        raise SystemExit(f"wrk failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    answered, elapsed = int(found["requests"]), float(found["seconds"])

    def percentile(p: int) -> float:
        return float(found[f"p{p}"]) if answered else float("nan")

    return Result(
        "",
        concurrency,
        answered / max(elapsed, seconds),
        percentile(50),
        percentile(95),
        percentile(99),
        int(found["errors"]),
    )


def pages(data: dict[str, Any], sessions: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(name, who, path, POST body template or ""): every page the issue names that
    exists."""
    case, cursor = data["case"], data["deep_cursor"]
    listed = [
        ("floor: /accessibility (signed in)", "business_manager", "/accessibility", ""),
        *[
            (f"home: {role.replace('_', ' ')}", role, "/", "")
            for role in ("notifier", "agency_lead", "business_manager", "lisg_member")
        ],
        ("home: independent chair", "independent_chair", "/", ""),
        ("board list: first page", "business_manager", "/notifications/board", ""),
        (
            "board list: filtered",
            "business_manager",
            "/notifications/board?status=under_consideration",
            "",
        ),
        ("board list: deep page", "business_manager", f"/notifications/board?after={cursor}", ""),
        ("case page", "business_manager", f"/notifications/{case}", ""),
        ("merged chronology", "business_manager", f"/notifications/{case}/chronology", ""),
        ("dashboards", "business_manager", "/figures/", ""),
        ("/due/ mine", "business_manager", "/due/", ""),
        ("/due/ board, overdue", "business_manager", "/due/?whose=board&overdue=yes", ""),
        ("/audit/ search", "business_manager", "/audit/", ""),
        (
            "/audit/ search by action",
            "business_manager",
            "/audit/?action=notification.read",
            "",
        ),
        ("/audit/ who has seen", "business_manager", f"/audit/who-has-seen?reference={case}", ""),
        ("API read", "api", f"/api/v1/notifications/{case}", ""),
        (
            "API notification submit",
            "api-submit",
            "/api/v1/notifications",
            submission_template(data["body"]),
        ),
    ]
    return [row for row in listed if row[1] in sessions]


def run_size(
    name: str,
    cases: int,
    boards: int,
    seconds: float,
    levels: list[int],
    workers: int,
    only: list[str],
    wsgi: str = "casereviews.wsgi",
) -> tuple[list[Result], dict[str, Any]]:
    began = time.monotonic()
    url = prepare(name, cases, boards)
    log(f"  data ready ({time.monotonic() - began:.0f} s)")
    data = fixtures(url)
    log(f"  fixtures read ({time.monotonic() - began:.0f} s)")
    collect_static(url)
    log(f"  static files collected ({time.monotonic() - began:.0f} s)")
    service = Service(url, workers, wsgi)
    log(f"  {cases:,} cases: data, fixtures and server ready in {time.monotonic() - began:.0f} s")
    try:
        sessions = {
            role: sign_in(service.base, email, data["password"], data["totp_key"])
            for role, email in data["people"].items()
        }
        auth = {
            "api": {"Authorization": f"Bearer {data['token']}"},
            "api-submit": {"Authorization": f"Bearer {data['submit_token']}"},
        }
        results = []
        listed = pages(data, {**sessions, "api": "", "api-submit": ""})
        floor_page, floor_who, floor_path, _ = listed[0]
        floor_headers = {"Cookie": sessions[floor_who]}
        for page, who, path, body in listed:
            is_floor = page == floor_page
            # The floor is always measured: every other figure is read against it.
            if only and not is_floor and not any(o in page for o in only):
                continue
            headers = auth.get(who) or {"Cookie": sessions[who]}
            # The submission's target is read at 8 concurrent requests, against the floor's.
            extra = [8] if (body or is_floor) and 8 not in levels else []
            for level in levels + extra:
                beside = None
                if not is_floor:
                    beside = hey(f"{service.base}{floor_path}", level, seconds, floor_headers)
                result = (
                    wrk(f"{service.base}{path}", level, seconds, headers, body)
                    if body
                    else hey(f"{service.base}{path}", level, seconds, headers)
                )
                result.page, result.floor = page, beside
                results.append(result)
                log(
                    f"  {cases:>7,} {page:<40} c={level:<3} {result.rps:7.1f}/s "
                    f"p50 {result.p50:7.1f} ms  p95 {result.p95:7.1f} ms  err {result.errors}"
                    + (f"  (floor beside: p50 {beside.p50:.1f} ms)" if beside else "")
                )
        memory = service.worker_memory_mib()
    finally:
        service.stop()
    return results, {"workers_mib": memory, **data["sizes"]}


def chain_ceiling(name: str, cases: int, boards: int, seconds: float, workers: int) -> str:
    """Case reads per second with the audit chain and with it bypassed, at 16 and 64
    concurrent users, and how long one append holds the chain's lock. Run last: the
    bypassed server writes events outside the chain, which then no longer verifies."""
    url = prepare(name, cases, boards)
    data = fixtures(url)
    held = manage(url, "measure_audit_chain", "--events", "300").strip()
    rows = []
    session = ""
    for label, wsgi in (
        ("chain", "casereviews.wsgi"),
        ("bypassed", "bench.chain_bypass"),
    ):
        service = Service(url, workers, wsgi)
        try:
            # Signed in once, the session kept for both servers (they share the database):
            # a second sign-in within the same 30 seconds would offer the authenticator
            # code already used, which the service rightly refuses.
            session = session or sign_in(
                service.base, data["people"]["business_manager"], data["password"], data["totp_key"]
            )
            for level in (16, 64):
                r = hey(
                    f"{service.base}/notifications/{data['case']}",
                    level,
                    seconds,
                    {"Cookie": session},
                )
                rows.append(
                    f"| {label} | {level} | {r.rps:.1f} | {r.p50:.1f} | {r.p95:.1f} | {r.errors} |"
                )
                log(f"  chain {label} c={level}: {r.rps:.1f}/s p50 {r.p50:.1f} ms")
        finally:
            service.stop()
    return (
        f"Audit chain at {cases:,} cases: {held}\n\n"
        "| audit chain | c | case reads/s | p50 ms | p95 ms | errors |\n"
        "|---|---:|---:|---:|---:|---:|\n" + "\n".join(rows)
    )


def table(by_size: dict[int, list[Result]]) -> str:
    """One row per page and concurrency: each figure, and its ratio to the floor page
    measured just before it at the same concurrency."""
    sizes = sorted(by_size)
    lines = [
        "| page | cases | c | req/s | p50 ms | p95 ms | p99 ms | errors | floor p50 ms "
        "| p50 ÷ floor | req/s ÷ floor | p95 ÷ floor p95 | growth |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    smallest = {(r.page, r.concurrency): r for r in by_size[sizes[0]]}
    for size in sizes:
        for r in by_size[size]:
            f = r.floor or r
            base = smallest.get((r.page, r.concurrency))
            # Growth: the page's p50 over its floor's, here over the same at the smallest
            # size, so that the machine's drift between the two sizes cancels out (for
            # the floor itself, its own p50 here over there).
            growth = "-"
            if base and base.p50 and f.p50:
                here, there = r.p50 / f.p50, base.p50 / (base.floor or base).p50
                growth = f"{here / there:.2f}" if r.floor else f"{r.p50 / base.p50:.2f}"
            lines.append(
                f"| {r.page} | {size:,} | {r.concurrency} | {r.rps:.1f} | {r.p50:.1f} | "
                f"{r.p95:.1f} | {r.p99:.1f} | {r.errors} | {f.p50:.1f} | "
                f"{r.p50 / f.p50:.1f}x | {r.rps / f.rps:.2f} | {r.p95 / f.p95:.1f}x | {growth} |"
            )
    return "\n".join(lines)


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} cores ({cpu}), {int(memory) // 1024 // 1024} GiB, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}; "
        f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}"
    )


START, END = "<!-- make bench: start -->", "<!-- make bench: end -->"


def write_section(path: Path, report: str) -> None:
    """Replace the bench's section of the page, keeping what is written around it."""
    text = path.read_text() if path.exists() else f"# Performance\n\n{START}\n{END}\n"
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    path.write_text(f"{before}{START}\n{report}\n{END}{after}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", action="append", required=True, help="CASES:BOARDS:DATABASE")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--concurrency", default="1,4,16")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--write", help="write the table to this Markdown file")
    parser.add_argument("--note", default="", help="what else the machine was doing")
    parser.add_argument(
        "--also",
        default="",
        help="a file of further results (the worker's documents, the outbox, verify_audit) "
        "written under the table",
    )
    parser.add_argument(
        "--chain", action="store_true", help="then measure the audit chain's ceiling"
    )
    parser.add_argument(
        "--pages",
        default="",
        help="measure only the pages whose names contain one of these (comma-separated), "
        "and the floor",
    )
    options = parser.parse_args()
    began = time.monotonic()
    levels = [int(level) for level in options.concurrency.split(",")]
    started = datetime.datetime.now(datetime.UTC)
    by_size, notes = {}, {}
    for spec in options.size:
        cases, boards, name = spec.split(":")
        by_size[int(cases)], notes[int(cases)] = run_size(
            name,
            int(cases),
            int(boards),
            options.seconds,
            levels,
            options.workers,
            [part for part in options.pages.split(",") if part],
        )
    text = table(by_size)
    if options.chain:
        cases, boards, name = options.size[-1].split(":")
        text += "\n\n" + chain_ceiling(
            name, int(cases), int(boards), options.seconds, options.workers
        )
    also = Path(options.also).read_text().strip() if options.also else ""
    if also:
        text += "\n\nThe worker's documents, the outbox and `verify_audit`:\n\n" + "\n".join(
            f"- {line}" for line in also.splitlines() if line.strip()
        )
    print(text)
    sizes = "; ".join(
        f"{cases:,} cases: {n['boards']} boards, {n['events']:,} audit events, "
        f"{n['open_deadlines']:,} open deadlines; worker memory after the run "
        f"{', '.join(f'{m:.0f}' for m in n['workers_mib'])} MiB (median "
        f"{statistics.median(n['workers_mib']):.0f})"
        for cases, n in notes.items()
    )
    if options.write:
        report = (
            f"Run {started:%Y-%m-%d %H:%M} UTC, {options.seconds:g} s per page and "
            f"concurrency, gunicorn with {options.workers} workers, PostgreSQL on the same "
            f"machine.\n\nMachine: {machine()}. {options.note}\n\nData: {sizes}.\n\n{text}\n"
        )
        write_section(Path(options.write), report)
        log(f"Written to {options.write}")
    else:
        print(f"\n{sizes}\nMachine: {machine()}")
    log(f"The bench took {time.monotonic() - began:.0f} s.")


if __name__ == "__main__":
    main()

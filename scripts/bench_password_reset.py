"""Can the time of a "Forgotten your password?" answer tell a known address from an unknown
one? Measures many requests of each, interleaved at random, under load, against the
service under gunicorn with production settings on loopback (as scripts/bench.py runs
it), and prints their times and a two-sample Kolmogorov-Smirnov test.

    .venv/bin/python scripts/bench_password_reset.py [--requests 1000] [--concurrency 8]

The database (`crbench_reset` on the local PostgreSQL server) is made once and kept.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import requests

from bench import PROXY_HEADERS, SERVER, Service, collect_static, manage

PEOPLE = 500
ADDRESSES = "reset.bench.{n}@agency.example.org"
MAKE_PEOPLE = f"""
from casereviews.accounts.models import User
from casereviews.boards.models import Organisation
agency, _ = Organisation.objects.get_or_create(name="Bench agency")
for n in range({PEOPLE}):
    User.objects.get_or_create(
        email="{ADDRESSES}".format(n=n),
        defaults={{"full_name": f"Bench person {{n}}", "organisation": agency}},
    )
"""


def database(name: str) -> str:
    url = f"{SERVER}/{name}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    manage(url, "migrate", "--no-input")
    manage(url, "shell", "-c", MAKE_PEOPLE)
    with psycopg.connect(url, autocommit=True) as db:
        # Each run starts without the last run's requests, which the throttle counts.
        db.execute("DELETE FROM accounts_passwordresetrequest")
    return url


def ks(first: list[float], second: list[float]) -> tuple[float, float]:
    """The two-sample Kolmogorov-Smirnov statistic and its asymptotic p-value."""
    a, b = sorted(first), sorted(second)
    i = j = 0
    d = 0.0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            i += 1
        else:
            j += 1
        d = max(d, abs(i / len(a) - j / len(b)))
    n = len(a) * len(b) / (len(a) + len(b))
    lam = (math.sqrt(n) + 0.12 + 0.11 / math.sqrt(n)) * d
    p = 2 * sum((-1) ** (k - 1) * math.exp(-2 * k * k * lam * lam) for k in range(1, 101))
    return d, min(max(p, 0.0), 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000, help="of each kind")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--database", default="crbench_reset")
    arguments = parser.parse_args()
    count = min(arguments.requests, PEOPLE * 2)  # each address at most twice: under the limit
    url = database(arguments.database)
    collect_static(url)
    service = Service(url, workers=2, env={"TRUSTED_PROXY_COUNT": "1"})
    try:
        form = requests.get(
            f"{service.base}/account/password-reset", headers=PROXY_HEADERS, timeout=60
        )
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert token, "no CSRF token on the form"
        cookies = "; ".join(f"{k}={v}" for k, v in form.cookies.get_dict().items())
        origin = service.base.replace("http://", "https://")
        asked = [("known", ADDRESSES.format(n=n % PEOPLE)) for n in range(count)]
        asked += [("unknown", f"nobody.{n}@nowhere.example.org") for n in range(count)]
        random.shuffle(asked)

        def ask(index: int) -> tuple[str, float]:
            kind, email = asked[index]
            headers = {
                **PROXY_HEADERS,
                "Cookie": cookies,
                "Origin": origin,
                "Referer": f"{origin}/account/password-reset",
                # A client of its own each time, so that no address reaches its limit.
                "X-Forwarded-For": f"10.{index // 65536}.{index // 256 % 256}.{index % 256}",
            }
            started = time.perf_counter()
            answer = requests.post(
                f"{service.base}/account/password-reset",
                data={"csrfmiddlewaretoken": token.group(1), "email": email},
                headers=headers,
                allow_redirects=False,
                timeout=60,
            )
            elapsed = (time.perf_counter() - started) * 1000
            assert answer.status_code == 302, answer.status_code
            return kind, elapsed

        with ThreadPoolExecutor(arguments.concurrency) as pool:
            done = list(pool.map(ask, range(len(asked))))
    finally:
        service.stop()
    times = {kind: [t for k, t in done if k == kind] for kind in ("known", "unknown")}
    print(f"{count} requests of each kind, {arguments.concurrency} at a time, interleaved")
    for kind, measured in times.items():
        cut = statistics.quantiles(measured, n=20)
        print(
            f"{kind:8} median {statistics.median(measured):6.1f} ms  "
            f"p95 {cut[18]:6.1f} ms  mean {statistics.fmean(measured):6.1f} ms"
        )
    d, p = ks(times["known"], times["unknown"])
    print(f"Kolmogorov-Smirnov D = {d:.3f}, p = {p:.3f} (p above 0.05: not told apart)")


if __name__ == "__main__":
    main()

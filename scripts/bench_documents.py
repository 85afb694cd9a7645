"""How long the worker takes to prepare the documents a person asks for:
`python scripts/bench_documents.py --size CASES:BOARDS:DATABASE`.

On the generated database of `make bench` (made once and kept, as scripts/bench.py does),
as the Business Manager of the board-year with the most reviews, it asks for the annual
report (PDF and XLSX), the merged chronology (PDF) of the case with the most entries,
and the notification (PDF) of a case, and times each from the request to the file ready,
built by the worker's own job (`prepare_files`) in one process; then that process's
peak memory. docs/adr/0036-documents-built-by-the-worker.md says how they are prepared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import PYTHON, ROOT, prepare

MEASURE = r"""
import json, resource, time
from django.db.models import Count
from django.utils import timezone
from casereviews.boards.models import Board, Role, RoleGrant
from casereviews.involvement import prepared as involvement_files
from casereviews.involvement.chronology import ChronologyFilter
from casereviews.involvement.models import ChronologyEntry
from casereviews.learning import annual, prepared as annual_files
from casereviews.learning.figures import Period
from casereviews.notifications import prepared as notification_files
from casereviews.notifications.models import Notification
from casereviews.prepared.jobs import prepare_files
from casereviews.prepared.models import PreparedFile
from casereviews.prepared.services import prepared_request

this_year = timezone.localdate().year
counts = {
    (board, year): annual.reviews_of(board, Period(year)).count()
    for board in Board.objects.all()
    for year in range(this_year - 4, this_year + 1)
}
(board, year), reviews = max(counts.items(), key=lambda item: item[1])
manager = RoleGrant.objects.filter(board=board, role=Role.BUSINESS_MANAGER).first().user
busiest = (
    ChronologyEntry.objects.values("notification").annotate(n=Count("id")).order_by("-n").first()
)
asks = [
    (manager, f"annual report PDF ({reviews:,} reviews, {board.code} {year})", annual_files.KIND,
     {"board": board.pk, "year": year, "format": "pdf"}),
    (manager, f"annual report XLSX ({reviews:,} reviews)", annual_files.KIND,
     {"board": board.pk, "year": year, "format": "xlsx"}),
]
latest = Notification.objects.filter(board=board).exclude(status="draft").latest("submitted_at")
asks.append((manager, "notification PDF", notification_files.KIND, {"case": latest.reference}))
if busiest is not None:
    case = Notification.objects.get(pk=busiest["notification"])
    its_manager = RoleGrant.objects.filter(board=case.board, role="business_manager")[0].user
    asks.append((its_manager, f"merged chronology PDF ({busiest['n']:,} entries)",
                 involvement_files.CHRONOLOGY,
                 involvement_files.chronology_params(case, ChronologyFilter(), "pdf")))
PreparedFile.objects.all().delete()
results = []
for reader, name, kind, params in asks:
    started = time.monotonic()
    asked = prepared_request(kind=kind, params=params, by=reader)
    prepare_files()
    asked.refresh_from_db()
    results.append({"name": name, "seconds": time.monotonic() - started,
                    "state": asked.state, "size": asked.size})
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"results": results, "peak_mib": peak}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", required=True, help="CASES:BOARDS:DATABASE")
    options = parser.parse_args()
    cases, boards, name = options.size.split(":")
    url = prepare(name, int(cases), int(boards))
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
    env.pop("DJANGO_ENV", None)
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", MEASURE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"Measuring the documents failed:\n{done.stderr[-3000:]}")
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    for result in measured["results"]:
        print(
            f"documents at {int(cases):,} cases: {result['name']}: ready {result['seconds']:.1f} s "
            f"after it was asked for ({result['state']}, {result['size'] / 1024:,.0f} KiB)"
        )
    peak = measured["peak_mib"]
    print(f"documents at {int(cases):,} cases: the worker's peak memory {peak:.0f} MiB")


if __name__ == "__main__":
    main()

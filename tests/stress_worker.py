"""One PC of the stress test (tests/test_stress.py), run as its own process:

    python tests/stress_worker.py DB SECONDS WORKER JOURNAL CUSTOMER_IDS CSV

For SECONDS it creates customers, appends a marker to the notes of the shared customers
(optimistic locking: a ConflictError is a detected conflict, and the edit is dropped,
never silently lost), logs activities, and once imports CSV. After each commit it writes
a line to JOURNAL (flushed and synced) so the parent can check that every committed write
is in the database, even when this process is killed. Any other error is fatal and
exits 1 with the error in JOURNAL."""

from __future__ import annotations

import dataclasses
import os
import random
import sys
import time
import traceback
from pathlib import Path


def main(argv: list[str]) -> int:
    path, seconds, wid, journal_path, ids_text, csv_path = argv
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from app import cli
    from app.db import open_database
    from app.errors import ConflictError
    from app.models.enums import ActivityKind
    from app.services import activities, customer_file, customers
    from app.services.customers import CustomerData

    shared = [int(x) for x in ids_text.split(",")]
    rnd = random.Random(int(wid))
    db = open_database(path, shared_drive=True)
    journal = open(journal_path, "a", encoding="utf-8")  # noqa: SIM115

    def note(line: str) -> None:
        journal.write(line + "\n")
        journal.flush()
        os.fsync(journal.fileno())

    deadline = time.monotonic() + float(seconds)
    imported = csv_path == "-"
    n = 0
    try:
        while time.monotonic() < deadline:
            n += 1
            roll = rnd.random()
            if not imported and time.monotonic() > deadline - float(seconds) / 2:
                code = cli.main(
                    ["import", "--db", path, "--shared-drive", csv_path, "--on-duplicate", "create"]
                )
                if code != 0:
                    raise RuntimeError(f"import exited {code}")
                imported = True
                note("import")
            elif roll < 0.35:
                saved = customers.create(db, None, CustomerData(name=f"W{wid}-{n}"))
                note(f"create {saved.customer_id}")
            elif roll < 0.7:
                cid = rnd.choice(shared)
                with db.session() as s:
                    f = customer_file.load(s, cid)
                marker = f"[{wid}-{n}]"
                data = dataclasses.replace(f.data, notes=(f.data.notes or "") + marker)
                try:
                    customers.update(db, None, cid, f.version, data)
                    note(f"edit {cid} {marker}")
                except ConflictError:
                    note("conflict")
            else:
                logged = activities.log(
                    db, None, rnd.choice(shared), ActivityKind.CALL, text=f"call {wid}-{n}"
                )
                note(f"activity {logged.activity_id}")
    except Exception:
        note("error " + traceback.format_exc().replace("\n", " | "))
        return 1
    finally:
        db.dispose()
        journal.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""A process killed in the middle of an ingest leaves the store as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from dyadwatch import Store
from gdelt_rows import gdelt2_row, write_rows


def test_kill_mid_ingest_leaves_store_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "crash.duckdb"
    first = write_rows(tmp_path / "first.CSV", [gdelt2_row(i) for i in range(1, 11)])
    big = write_rows(tmp_path / "big.CSV", [gdelt2_row(1000 + i, url=f"https://example.org/{i}" + "x" * 200) for i in range(20000)])
    with Store(db) as s:
        s.ingest(first)
    # The child stores batches line by line and kills itself (SIGKILL, no cleanup) after the
    # second batch has been inserted, i.e. in the middle of the file's transaction.
    script = textwrap.dedent(f"""
        import os, signal
        from dyadwatch import Store
        s = Store({str(db)!r})
        seen = []
        def progress(n):
            seen.append(n)
            if len(seen) == 2:
                os.kill(os.getpid(), signal.SIGKILL)
        s.ingest({str(big)!r}, engine="lines", batch_bytes=256 * 1024, progress=progress)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    with Store(db) as s:
        assert s.sql("SELECT count(*) AS n FROM events")["n"].iloc[0] == 10
        assert s.sql("SELECT count(*) AS n FROM files")["n"].iloc[0] == 1
        (res,) = s.ingest(big)
        assert res.rows_stored == 20000
        assert s.sql("SELECT count(*) AS n FROM events")["n"].iloc[0] == 20010
    assert not os.path.exists(str(db) + ".tmp")

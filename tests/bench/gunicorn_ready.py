"""gunicorn settings for the benchmarks: every worker says when its app is loaded.

gunicorn opens its port before its workers have imported the app, so a load that starts
when the port answers times the imports too: about a second for engage on a 2-core
machine, a few tenths for the bare endpoint. ``gunicorn()`` in ``bench_inbound`` waits
for a file per worker in ``BENCH_READY_DIR`` instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def post_worker_init(worker: Any) -> None:
    """Called by gunicorn in each worker once it has loaded the app."""
    Path(os.environ["BENCH_READY_DIR"], str(worker.pid)).touch()

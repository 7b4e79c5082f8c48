"""What the fork server of the chart workers (:class:`.painter.WorkerPainter`) loads before it forks
one; fengong itself never imports it.

Importing it loads matplotlib, the chart module and the bundled font (read once here, not by
every worker), while the plan is parsed. Drawing a chart here as well, to fill matplotlib's caches
before the fork, cost more than it saved the workers (measured: ~1.2 s against ~0.2 s a worker).

A process that forks runs one thread (a fork of a multi-threaded process can deadlock): numpy's
BLAS, loaded with matplotlib, is told to start no threads of its own. What is loaded is then frozen
out of the garbage collector (:func:`gc.freeze`), so that a worker's collections do not write to,
and so copy, the memory it shares with the server.
"""

from __future__ import annotations

import gc
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy is loaded, by the import below

from .charts import find_cjk_font

find_cjk_font()
gc.freeze()

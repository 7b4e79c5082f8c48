"""The analysis as a job: a store in, every table, chart and network written to a folder.

What ``fengong analyze`` and ``fengong build`` run, and what a script calls to get the same files.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from ..store import Store
from ..store.labels import DEFAULT_LANGUAGE, english_names
from .charts import FontWarning
from .defaults import DEFAULT_SEED, DEFAULT_TOP
from .display import Display, display_in
from .outputs import write_outputs
from .run import Analysis, analyse_store
from .workload import DEFAULT_WEIGHTS, Weights


def analyse_into(store: Store, outdir: Path, weights: Weights = DEFAULT_WEIGHTS, top: int = DEFAULT_TOP,
                 seed: int = DEFAULT_SEED, plan: str | None = None, lang: str = DEFAULT_LANGUAGE
                 ) -> tuple[Analysis, Display, list[str]]:
    """Analyse ``store`` and write every output into ``outdir``, naming departments in ``lang``
    (English names read from the same store).

    Returns the analysis, how it names departments, and the font warnings met while drawing the
    charts (a chart drawn without a Chinese font is still written, and the caller says so). Raises
    StoreError when the store cannot answer, ValueError when there is nothing to analyse.
    """
    result = analyse_store(store, plan, weights=weights, seed=seed)
    display = display_in(result.loads, lang, english_names(store) if lang == "en" else {})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FontWarning)
        write_outputs(result, outdir, top, display=display)
    fonts = []
    for w in caught:
        if issubclass(w.category, FontWarning):
            fonts.append(str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return result, display, fonts

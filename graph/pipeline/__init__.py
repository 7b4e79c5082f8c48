"""The one pipeline every job runs: inputs found, each plan read, parsed and emitted, the results kept.

* :mod:`.inputs` — the plans named, or found in the folders named, each with its document id;
* :mod:`.work` — one plan's way through the stages, in worker processes, outcomes in input order;
* :mod:`.corpus` — the plans' N-Quads into one document or an on-disk store (incrementally);
* :mod:`.files` — the graph written as Turtle, TriG or N-Quads;
* :mod:`.export` — the same plans as rows (``fengong export``);
* :mod:`.build` — the whole job of ``fengong build``: the graph, then the analysis and the pages.
"""

"""One module per ``fengong`` command; :mod:`fengong.cli` gathers them."""

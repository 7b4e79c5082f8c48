"""The examples in docstrings run (they document behaviour, so they must stay true)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import fengong

MODULES = sorted(m.name for m in pkgutil.walk_packages(fengong.__path__, "fengong.") if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", ["fengong", *MODULES])
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0

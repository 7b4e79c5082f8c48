"""A package's names imported when first asked for (PEP 562), so that importing the package costs nothing.

The command line reads constants of the stages (the views, the engines, the default timeouts) to
build its options; the stages' modules load rdflib, pyoxigraph, networkx and matplotlib. A
package whose ``__init__`` exports its names through :func:`exports` gives the constants at once
and loads a module only when one of its names is used:

    >>> getattr_, dir_ = exports("json", {"JSONDecoder": "decoder"})
    >>> getattr_("JSONDecoder").__module__
    'json.decoder'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module


def exports(package: str, names: Mapping[str, str]) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``: each name of ``names`` read from the
    module it maps to, relative to the package (``"data"`` is ``package.data``, ``".sparql.results"``
    is a sibling package's module)."""

    def __getattr__(name: str) -> object:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(f".{module}", package), name)

    def __dir__() -> list[str]:
        return sorted({*names, *vars(import_module(package))})

    return __getattr__, __dir__

"""Small descriptive statistics, written out so that each formula is visible and citable.

Pure Python on purpose: these few lines are the whole definition a reader of the report needs, and
they give the same numbers with or without numpy installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def quantile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile by linear interpolation between order statistics.

    This is Hyndman & Fan's (1996) type 7, the default of R, numpy and pandas, so analysts get the
    same quartiles in their own tools: with the values sorted as x[0] ≤ … ≤ x[n-1],
    h = (n − 1)·q and Q(q) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).

    >>> quantile([1, 2, 3, 4], 0.75)
    3.25
    """
    if not values:
        raise ValueError("quantile of no values")
    if not 0 <= q <= 1:
        raise ValueError(f"quantile {q} is not between 0 and 1")
    xs = sorted(values)
    h = (len(xs) - 1) * q
    lo = int(h)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])


@dataclass(frozen=True)
class Fence:
    """Tukey's upper fence Q3 + k·IQR over a population of values (Tukey 1977, *Exploratory Data
    Analysis*): values above it are outliers on the high side."""

    q1: float
    median: float
    q3: float
    k: float
    n: int

    @property
    def iqr(self) -> float:
        return self.q3 - self.q1

    @property
    def upper(self) -> float:
        return self.q3 + self.k * self.iqr


def tukey_fence(values: Sequence[float], k: float = 1.5) -> Fence:
    """Quartiles of ``values`` and the fence k·IQR above the third quartile.

    >>> f = tukey_fence([1, 1, 2, 2, 3, 3, 4, 10])
    >>> f.q1, f.q3, f.upper
    (1.75, 3.25, 5.5)
    """
    return Fence(quantile(values, 0.25), quantile(values, 0.5), quantile(values, 0.75), k, len(values))


def gini(values: Sequence[float]) -> float:
    """The Gini coefficient of non-negative values: 0 when all are equal, (n − 1)/n when one holds all.

    With the values sorted ascending as x₁ ≤ … ≤ xₙ, G = 2·Σᵢ i·xᵢ / (n·Σᵢ xᵢ) − (n + 1)/n, which
    equals the mean absolute difference over all pairs divided by twice the mean,
    Σᵢ Σⱼ |xᵢ − xⱼ| / (2·n²·x̄) (Gini 1912; see Cowell, *Measuring Inequality*, 2011).

    >>> gini([1, 1, 1, 1])
    0.0
    >>> gini([0, 0, 0, 4])
    0.75
    """
    xs = sorted(values)
    if not xs:
        raise ValueError("Gini coefficient of no values")
    if xs[0] < 0:
        raise ValueError("Gini coefficient of negative values")
    total = sum(xs)
    if total == 0:
        return 0.0
    n = len(xs)
    return 2 * sum(i * x for i, x in enumerate(xs, 1)) / (n * total) - (n + 1) / n


def top_share(values: Sequence[float], k: int) -> float:
    """The share of the total held by the ``k`` largest values.

    >>> top_share([5, 3, 1, 1], 1)
    0.5
    """
    total = sum(values)
    return sum(sorted(values, reverse=True)[:k]) / total if total else 0.0

"""The shared graph of a corpus store, kept equal to what a clean build of its plans would write.

What plans share (the bodies they name with every name they write them by, jurisdictions,
policies, lineage) lives once in :data:`fengong.rdf.SHARED_GRAPH`, the union of each plan's part
(:func:`fengong.rdf.shared_triples`). When a plan changes, the part it contributed before may
hold what no plan says any more: a misspelt department's node, a name the plan now writes
differently. The store cannot tell those quads from the ones other plans still contribute, and
re-parsing every plan to find out would undo what makes a build incremental.

So a :class:`SharedRecord` sits beside the store, in ``DIR/fengong-shared.sqlite``: each plan's
part as it was last loaded, and for each shared quad how many plans contribute it. A plan's new
part adds to the counts, its old part subtracts, and a quad that no plan contributes any more is
removed from the store. The record names the hash of the text each part came from, so a build
that stopped half-way (the store updated, the record not) parses the plans concerned again.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .base import StoreError

RECORD = "fengong-shared.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS parts (plan TEXT PRIMARY KEY, sha256 TEXT NOT NULL, quads BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS uses (quad BLOB PRIMARY KEY, plans INTEGER NOT NULL);
"""


def pack(quads: Iterable[bytes]) -> bytes:
    """A plan's part as the record keeps it: its distinct lines, sorted, compressed."""
    return zlib.compress(b"".join(sorted(set(quads))))


class SharedRecord:
    """The record of what each plan of the store at ``store_dir`` contributes to the shared graph.

    Open it after the store itself: the store's lock is what keeps two builds from updating one
    record at once. ``has_plans`` says whether the store already holds plans: a store with plans
    but no record was made by a fengong that kept none, and its shared graph cannot be kept right.
    """

    def __init__(self, store_dir: Path, has_plans: bool) -> None:
        path = store_dir / RECORD
        if has_plans and not path.exists():
            raise StoreError(f"{store_dir}: made by an older fengong, which kept no record of what its plans share: "
                             "build the plans into a new store")
        self.db = sqlite3.connect(path)
        self.db.executescript(SCHEMA)
        self.changes: Counter[bytes] = Counter()

    def hashes(self) -> dict[str, str]:
        """The SHA-256 of the text each recorded part came from, by plan IRI."""
        return dict(self.db.execute("SELECT plan, sha256 FROM parts"))

    def replace(self, plan: str, sha256: str, quads: Iterable[bytes], packed: bytes | None = None) -> None:
        """Record ``quads`` (N-Quads lines) as the part of ``plan``, instead of its earlier one;
        ``packed``, if given, is :func:`pack` of them, made where the plan was parsed."""
        new = set(quads)
        row = self.db.execute("SELECT quads FROM parts WHERE plan = ?", (plan,)).fetchone()
        old = set(zlib.decompress(row[0]).splitlines(keepends=True)) if row else set()
        self.changes.update(new - old)
        self.changes.subtract(old - new)
        self.db.execute("INSERT OR REPLACE INTO parts VALUES (?, ?, ?)", (plan, sha256, packed or pack(new)))

    def commit(self, store: ox.Store) -> None:
        """Count the recorded changes, remove from ``store`` each shared quad no plan contributes
        any more, and save the record. Call it once the new parts are loaded into the store."""
        self.db.executemany(
            "INSERT INTO uses VALUES (?, ?) ON CONFLICT (quad) DO UPDATE SET plans = plans + excluded.plans",
            ((quad, n) for quad, n in self.changes.items() if n))
        gone = [quad for quad, in self.db.execute("DELETE FROM uses WHERE plans <= 0 RETURNING quad")]
        for quad in ox.parse(b"".join(gone), format=ox.RdfFormat.N_QUADS):
            store.remove(quad)
        self.db.commit()
        self.changes.clear()

    def close(self) -> None:
        self.db.close()

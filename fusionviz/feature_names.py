"""Curated, human-readable names for protein features that several databases name differently.

One entry per feature family (``fusionviz/styles/feature_names.tsv``): the name a
reader expects ("Protein kinase", "SH3", "Fibronectin type III"), its standard short
form (used when the name does not fit), the family key (one colour per family in a
figure) and how it is drawn. An entry is found by database accession (Pfam ``PF…``,
InterPro ``IPR…``) or by any of its names (case-insensitive; UniProt copy numbers and
Pfam ``_N`` suffixes are stripped first, see :mod:`fusionviz.features`).

The names follow UniProt's feature names where UniProt has one (UniProt says "Protein
kinase", "SH2", "PH", "DH"), else the Pfam/InterPro description in plain words. Every
accession in the table was checked against the bundled domain file
(``annotations/domains.tsv.gz``), which names the same entry.
"""

from __future__ import annotations

import csv
import importlib.resources
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FeatureName:
    """The curated name of one feature family."""

    name: str
    short: str
    family: str
    kind: str = "domain"  # domain / transmembrane / signal


def _rows() -> list[tuple[FeatureName, list[str]]]:
    text = (importlib.resources.files("fusionviz") / "styles" / "feature_names.tsv").read_text(
        encoding="utf-8"
    )
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    out = []
    for row in csv.DictReader(lines, delimiter="\t"):
        entry = FeatureName(row["name"], row["short"], row["family"], row["kind"])
        out.append((entry, row["keys"].split("|")))
    return out


def _index(rows: list[tuple[FeatureName, list[str]]]) -> dict[str, FeatureName]:
    out: dict[str, FeatureName] = {}
    for entry, keys in rows:
        for key in (entry.name.lower(), entry.family, *keys):
            out.setdefault(key if key[:2] in ("PF", "IP") else key.lower(), entry)
    return out


_ROWS = _rows()
INDEX: dict[str, FeatureName] = _index(_ROWS)

#: Every curated name, short form and family (what a style file may name).
VOCABULARY: frozenset[str] = frozenset(
    w for entry, _ in _ROWS for w in (entry.name, entry.short, entry.family)
)

"""The evidence files of an annotation bundle, read once and on first use.

An annotation source holds one :class:`EvidenceData` and answers the evidence methods
of :class:`~fusionviz.sources.base.AnnotationSource` from it. A bundle without these
files (an older bundle, a panel build) answers with empty tables and no expression, so
the criteria that need them say "unknown" rather than fail.
"""

from __future__ import annotations

import json
import threading
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from fusionviz.evidence.expression import EXPRESSION_FILE, ExpressionTable, parse_expression
from fusionviz.evidence.models import CuratedFeature, DomainClass, GeneExpression
from fusionviz.evidence.tables import (
    DOMAIN_CLASSES_FILE,
    GENE_FEATURES_FILE,
    ClassIndex,
    parse_domain_classes,
    parse_gene_features,
)
from fusionviz.models import SourceInfo

MANIFEST_FILE = "evidence_manifest.json"


class EvidenceData:
    """Curated tables, the expression table and their provenance from one folder."""

    def __init__(self, root: Traversable | Path | str) -> None:
        self.root: Traversable = Path(root) if isinstance(root, str | Path) else root
        self._lock = threading.Lock()
        self._classes: tuple[DomainClass, ...] | None = None
        self._index: ClassIndex | None = None
        self._features: tuple[CuratedFeature, ...] | None = None
        self._expression: ExpressionTable | None = None
        self._expression_read = False
        self._genes: dict[str, GeneExpression | None] = {}
        self._manifest: dict[str, Any] | None = None
        self._provenance: tuple[SourceInfo, ...] | None = None

    def _text(self, name: str) -> str | None:
        f = self.root.joinpath(name)
        return f.read_text(encoding="utf-8") if f.is_file() else None

    def domain_classes(self) -> tuple[DomainClass, ...]:
        if self._classes is None:
            text = self._text(DOMAIN_CLASSES_FILE)
            self._classes = parse_domain_classes(text) if text is not None else ()
        return self._classes

    def class_index(self) -> ClassIndex:
        if self._index is None:
            self._index = ClassIndex.of(self.domain_classes())
        return self._index

    def features(self) -> tuple[CuratedFeature, ...]:
        if self._features is None:
            text = self._text(GENE_FEATURES_FILE)
            self._features = parse_gene_features(text) if text is not None else ()
        return self._features

    def expression(self, gene: str) -> GeneExpression | None:
        key = gene.upper()
        if key in self._genes:
            return self._genes[key]
        with self._lock:  # the web server asks from several threads
            if not self._expression_read:
                f = self.root.joinpath(EXPRESSION_FILE)
                if f.is_file():
                    self._expression = parse_expression(f.read_bytes())
                self._expression_read = True
            table = self._expression
            hit = self._genes[key] = table.gene(gene) if table is not None else None
        return hit

    def manifest(self) -> dict[str, Any]:
        if self._manifest is None:
            text = self._text(MANIFEST_FILE)
            self._manifest = json.loads(text) if text is not None else {}
        return self._manifest

    def provenance(self) -> tuple[SourceInfo, ...]:
        """The curated tables (version, row counts) and the expression data (dataset,
        package), as the evidence build recorded them."""
        if self._provenance is None:
            self._provenance = self._read_provenance()
        return self._provenance

    def _read_provenance(self) -> tuple[SourceInfo, ...]:
        m = self.manifest()
        out = []
        for s in m.get("sources", ()):
            details = tuple((k, str(v)) for k, v in s.items() if k not in ("name", "version"))
            out.append(SourceInfo(name=s["name"], version=s["version"], details=details))
        return tuple(out)

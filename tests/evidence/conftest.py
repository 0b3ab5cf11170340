"""Fixtures for the evidence tests: the embedded bundle, the known-fusions table and
hand-made sources that carry (or lack) the evidence methods."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from fusionviz.evidence.models import CuratedFeature, DomainClass, GeneExpression
from tests.handmade import FakeSource


@pytest.fixture(scope="session")
def bundle():
    from fusionviz.sources import default_source

    return default_source()


@pytest.fixture(scope="session")
def known_table():
    from fusionviz.known import load_known_table

    return load_known_table()


@dataclass
class EvidenceFakeSource(FakeSource):
    """A hand-made source that also answers the evidence methods."""

    classes: tuple[DomainClass, ...] = ()
    features: tuple[CuratedFeature, ...] = ()
    expressions: dict[str, GeneExpression] = field(default_factory=dict)

    def domain_classes(self) -> tuple[DomainClass, ...]:
        return self.classes

    def curated_features(self, transcript) -> tuple[CuratedFeature, ...]:
        return tuple(f for f in self.features if f.gene == transcript.gene)

    def expression(self, gene: str) -> GeneExpression | None:
        return self.expressions.get(gene.upper())

    def evidence_provenance(self):
        return ()

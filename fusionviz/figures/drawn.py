"""What a figure draws of each partner: its features (one per feature, whatever the
number of databases), filtered, renamed and coloured by the style."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from fusionviz.feature_names import VOCABULARY
from fusionviz.features import Feature, group_features
from fusionviz.figures import palette as pal
from fusionviz.figures.style import Style
from fusionviz.models import AnnotatedFusion, PartnerResult

DRAWN = ("domain", "transmembrane", "signal")


@dataclass
class Drawn:
    """Features, labels and fills for one figure."""

    style: Style
    fills: dict[str, pal.Fill] = field(default_factory=dict)
    _cache: dict[int, tuple[Feature, ...]] = field(default_factory=dict)

    def all_features(self, p: PartnerResult) -> tuple[Feature, ...]:
        key = id(p)
        if key not in self._cache:
            st = self.style
            self._cache[key] = group_features(
                p.domains, priority=st.source_priority, draw_kinds=st.draw_kinds, merge=st.merge
            )
        return self._cache[key]

    def features(self, p: PartnerResult, kinds: Iterable[str] = DRAWN) -> list[Feature]:
        """The partner's features that are drawn (boxes and marks), minus hidden ones."""
        kinds = tuple(kinds)
        return [f for f in self.all_features(p) if f.kind in kinds and not self.hidden(f)]

    def hidden(self, f: Feature) -> bool:
        hide = {h.lower() for h in self.style.hide}
        return bool(hide) and (f.family in hide or any(n.lower() in hide for n in f.names))

    def labels(self, f: Feature) -> tuple[str, str]:
        """``(name, short form)``; a style rename of any of its names replaces both."""
        rename = {k.lower(): v for k, v in self.style.rename.items()}
        for n in f.names:
            if n.lower() in rename:
                return rename[n.lower()], rename[n.lower()]
        return f.name, f.short

    def fill(self, f: Feature) -> pal.Fill:
        if f.kind == "transmembrane":
            return pal.Fill(pal.TRANSMEMBRANE)
        if f.kind == "signal":
            return pal.Fill(pal.SIGNAL, "//////")
        colours = {k.lower(): v for k, v in self.style.colors.items()}
        for n in f.names:
            if n.lower() in colours:
                return pal.Fill(colours[n.lower()])
        return self.fills.get(f.family, pal.Fill(pal.PALETTE[pal.preferred_slot(f.family)]))


def partners(f: AnnotatedFusion) -> tuple[PartnerResult, PartnerResult]:
    return f.five_prime, f.three_prime


def prepare(
    fusions: Sequence[AnnotatedFusion], style: Style, book: pal.ColourBook | None
) -> tuple[Drawn, tuple[str, ...]]:
    """Features of every partner, one fill per family across all panels, and the style
    warnings (names in the style that match nothing)."""
    from fusionviz.figures.style import style_warnings

    drawn = Drawn(style)
    families: list[str] = []
    vocabulary: set[str] = set(VOCABULARY) | set(pal.FIXED) | {"kinase"}
    for f in fusions:
        for p in partners(f):
            for feat in drawn.all_features(p):
                vocabulary.update(feat.names)
                vocabulary.add(feat.family)
            for feat in drawn.features(p, ("domain",)):
                families.append(feat.family)
    overrides = {
        k.lower(): v for k, v in style.colors.items() if k.lower() in {f.lower() for f in families}
    }
    drawn.fills = (book or pal.ColourBook()).assign(families, overrides)
    return drawn, style_warnings(style, vocabulary)


def style_warnings_for(fusions: Sequence[AnnotatedFusion], style: Style) -> tuple[str, ...]:
    """The style's names that match no feature or family of these fusions (or of the
    curated names), one line each with close matches."""
    return prepare(fusions, style, None)[1]

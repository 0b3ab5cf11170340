"""The ``fusions.jsonl`` text of a fusion, built from remembered pieces.

:func:`report.to_dict <fusionviz.report.to_dict>` then :func:`json.dumps` is the
contract; this writes the same bytes faster. A domain verdict that the fusion keeps
whole, or loses, is the same object on every row of its transcript
(:mod:`fusionviz.domains`), and so are its grouped features and the provenance: each
is encoded once and its text reused. Everything else goes through ``report.to_dict``
as it is, so a field added there appears here too. ``json.dumps`` of a dict is
``{`` + ``", "``-joined ``"key": value`` + ``}``, which is how the pieces are joined.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from fusionviz import report, report_dict
from fusionviz.evidence.models import Assessment, Criterion
from fusionviz.features import Feature, group_features
from fusionviz.known_match import KnownMatch
from fusionviz.models import AnnotatedFusion, DomainVerdict, PartnerResult
from fusionviz.recency import keep, recent

#: Encoded pieces kept (the least recently used dropped first).
MAX_PIECES = 16384


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(..., ensure_ascii=False) uses
_STRING = json.encoder.encode_basestring
# The C encoder json.dumps builds on every call, built once (the pieces are many and
# small, so building it was half their cost). No circular-reference check: report
# dictionaries are trees.
_C = getattr(json.encoder, "c_make_encoder", None)
_TREE = _C(None, _ENCODER.default, _STRING, None, ": ", ", ", False, False, True) if _C else None
_KEYS: dict[str, str] = {}


def _dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)``, without building an encoder per call."""
    if type(value) is str:
        return _STRING(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    if _TREE is not None:
        return "".join(_TREE(value, 0))
    return _ENCODER.encode(value)


def _key(key: str) -> str:
    """``"key": `` (member names repeat on every row)."""
    text = _KEYS.get(key)
    if text is None:
        text = _KEYS[key] = f"{_dumps(key)}: "
    return text


class RowJSON:
    """Encodes fusions as ``json.dumps(report.to_dict(...), ensure_ascii=False)``."""

    def __init__(self) -> None:
        self._pieces: dict[Any, tuple[Any, str]] = {}

    def body(self, af: AnnotatedFusion, known: Any, evidence: Any, leave_out: tuple) -> str:
        """The JSON object's members (no braces), without the keys ``leave_out``."""
        light = replace(
            af,
            five_prime=replace(af.five_prime, domains=()),
            three_prime=replace(af.three_prime, domains=()),
        )
        d = report.to_dict(light)  # known_fusion and assessment are encoded from pieces
        parts = []
        for key, value in d.items():
            if key == "liftover":  # to_dict puts known_fusion and assessment before it
                parts += self._matched(known, evidence, leave_out)
            if key in leave_out:
                continue
            if key == "five_prime":
                text = self._partner(value, af.five_prime)
            elif key == "three_prime":
                text = self._partner(value, af.three_prime)
            elif key == "provenance":
                text = self._provenance(value, af)
            else:
                text = _dumps(value)
            parts.append(_key(key) + text)
        if "liftover" not in d:
            parts += self._matched(known, evidence, leave_out)
        return ", ".join(parts)

    def _matched(self, known: Any, evidence: Any, leave_out: tuple) -> list[str]:
        out = []
        if known is not None and "known_fusion" not in leave_out:
            out.append(_key("known_fusion") + self._known(known))
        if evidence is not None and "assessment" not in leave_out:
            out.append(_key("assessment") + self._assessment(evidence))
        return out

    def _known(self, m: KnownMatch) -> str:
        """A known-fusion match: its table entries are the table's own objects, so the
        text is remembered by their identity and the match's plain fields."""
        groups = (m.matches, m.pair_junctions, m.partner_fusions)
        key = ("known", m.status, m.five_gene, m.three_gene, m.table, m.table_entries, m.notes)
        key += tuple(tuple(map(id, g)) for g in groups)
        hit = self._recent(key)
        if hit is not None and all(map(_same, hit[0], groups)):
            return hit[1]
        text = _dumps(m.as_dict())
        self._keep(key, groups, text)
        return text

    def _assessment(self, a: Assessment) -> str:
        """An evidence list: criteria that recur (the same object on every row of a gene
        pair, see :mod:`fusionviz.evidence.assess`) are encoded once."""
        light = replace(a, criteria=(), alternatives=(), provenance=())
        parts = []
        for key, value in light.as_dict().items():
            if key == "criteria":
                text = "[" + ", ".join(self._criterion(c) for c in a.criteria) + "]"
            elif key == "alternative_readings":
                text = "[" + ", ".join(self._assessment(x) for x in a.alternatives) + "]"
            elif key == "provenance":
                text = self._remembered(
                    ("evidence provenance", id(a.provenance)),
                    a.provenance,
                    [s.as_dict() for s in a.provenance],
                )
            else:
                text = _dumps(value)
            parts.append(_key(key) + text)
        return "{" + ", ".join(parts) + "}"

    def _criterion(self, c: Criterion) -> str:
        return self._same_object(c, Criterion.as_dict)

    def _partner(self, d: dict[str, Any], p: PartnerResult) -> str:
        """A partner: the same side of a junction on another row (the same members and
        the same domain verdicts) reuses its text."""
        ids = tuple(map(id, p.domains))
        key = ("partner", p.role, p.exon, d.get("genomic_boundary"), ids)
        hit = self._recent(key)
        if hit is not None and hit[0][0] == d and _same(hit[0][1], p.domains):
            return hit[1]
        text = self._partner_text(d, p)
        self._keep(key, (d, p.domains), text)
        return text

    def _partner_text(self, d: dict[str, Any], p: PartnerResult) -> str:
        parts = []
        for key, value in d.items():
            if key == "domains":
                text = "[" + ", ".join(self._domain(v) for v in p.domains) + "]"
            elif key == "features":
                text = "[" + ", ".join(self._feature(f) for f in group_features(p.domains)) + "]"
            else:
                text = _dumps(value)
            parts.append(_key(key) + text)
        return "{" + ", ".join(parts) + "}"

    def _provenance(self, d: dict[str, Any], af: AnnotatedFusion) -> str:
        parts = []
        for key, value in d.items():
            if key == "sources":  # the source's own list, the same on every row
                text = self._remembered(("sources", id(af.provenance)), af.provenance, value)
            else:
                text = _dumps(value)
            parts.append(_key(key) + text)
        return "{" + ", ".join(parts) + "}"

    def _domain(self, v: DomainVerdict) -> str:
        return self._same_object(v, report_dict._domain_dict)

    def _same_object(self, obj: Any, as_dict: Callable[[Any], Any]) -> str:
        """An immutable object encoded, remembered while it is the same object."""
        hit = self._recent(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        text = _dumps(as_dict(obj))
        self._keep(id(obj), obj, text)
        return text

    def _feature(self, f: Feature) -> str:
        key = (id(f.verdict), tuple(map(id, f.members)), f.name, f.short, f.family, f.kind)
        hit = self._recent(key)
        if hit is not None and hit[0][0] is f.verdict and _same(hit[0][1], f.members):
            return hit[1]
        text = _dumps(report_dict._feature_dict(f))
        self._keep(key, (f.verdict, f.members), text)
        return text

    def _remembered(self, key: Any, owner: Any, value: Any) -> str:
        """``value`` encoded, remembered while ``owner`` (whose identity is in ``key``)
        is the same object and ``value`` the same."""
        hit = self._recent(key)
        if hit is not None and hit[0][0] is owner and hit[0][1] == value:
            return hit[1]
        text = _dumps(value)
        self._keep(key, (owner, value), text)
        return text

    def _recent(self, key: Any) -> tuple[Any, str] | None:
        # The least recently used piece goes first: pieces seen once, such as a
        # junction's own criteria, are dropped before those that recur.
        return recent(self._pieces, key)

    def _keep(self, key: Any, holder: Any, text: str) -> None:
        keep(self._pieces, key, (holder, text), MAX_PIECES)


def _same(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))

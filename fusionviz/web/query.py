"""What the page was asked: the form fields, read from a URL query, turned into a
:class:`~fusionviz.models.FusionRequest` with the CLI's own parsers.

A query is either one free-text notation (``q``, every form the CLI accepts) or the
two partners field by field (gene + exon or genomic breakpoint); ``t5``/``t3`` pick
transcripts in both cases. The query *is* the permalink: nothing else is kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from urllib.parse import urlencode

from fusionviz.errors import NotationError
from fusionviz.models import AnnotatedFusion, FusionRequest, PartnerResult, PartnerSpec

#: Longest value accepted in one field; longer text is refused, never parsed.
MAX_FIELD = 300

_EXON_ONLY = re.compile(r"(?:exon|ex|e)?\s*(\d+)", re.I)


@dataclass(frozen=True, slots=True)
class Query:
    """The form: free text ``q`` or partners ``g5``/``e5`` and ``g3``/``e3``;
    optional transcripts ``t5``/``t3`` (empty = the default, MANE Select)."""

    q: str = ""
    g5: str = ""
    e5: str = ""
    t5: str = ""
    g3: str = ""
    e3: str = ""
    t3: str = ""
    bp: str = ""  # genomic breakpoints: "" / "rna" (RNA junctions, the default) or "dna"

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> Query:
        """Read the known fields from a query string or form; others are ignored."""
        values = {}
        for f in fields(cls):
            raw = params.get(f.name) or ""
            values[f.name] = " ".join(str(raw).split()) if f.name == "q" else str(raw).strip()
        return cls(**values)

    @classmethod
    def for_fusion(cls, af: AnnotatedFusion) -> Query:
        """The field-by-field query that reproduces ``af`` exactly (its transcripts
        pinned), e.g. for a batch row's permalink."""

        def where(p: PartnerResult, spec: PartnerSpec) -> str:
            return str(spec.breakpoint) if spec.breakpoint is not None else str(p.exon)

        p5, p3 = af.five_prime, af.three_prime
        return cls(
            g5=p5.gene,
            e5=where(p5, af.request.five_prime),
            t5=p5.transcript.label if p5.transcript else "",
            g3=p3.gene,
            e3=where(p3, af.request.three_prime),
            t3=p3.transcript.label if p3.transcript else "",
            bp="dna" if af.request.breakpoint_meaning == "dna" else "",
        )

    @property
    def is_empty(self) -> bool:
        return not any(asdict(self).values())

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(asdict(self).values())

    def with_changes(self, **changes: str) -> Query:
        return Query(**{**asdict(self), **changes})

    def urlencode(self) -> str:
        """The permalink query string (empty fields left out)."""
        return urlencode([(k, v) for k, v in asdict(self).items() if v])

    def check(self) -> None:
        """Refuse over-long fields before any parsing."""
        for name, value in asdict(self).items():
            if len(value) > MAX_FIELD:
                raise NotationError(
                    f"the {_LABELS[name]} field is {len(value)} characters long; "
                    f"at most {MAX_FIELD} are accepted"
                )

    def to_request(self, is_gene=None) -> FusionRequest:
        """Parse the query with the CLI's parsers (NotationError on bad input)."""
        from fusionviz.notation import parse_fusion

        self.check()
        if self.bp not in ("", "rna", "dna"):
            raise NotationError(f"breakpoints are 'rna' or 'dna', not {self.bp!r}")
        meaning = "dna" if self.bp == "dna" else "rna"
        if self.q:
            return replace(parse_fusion(self.q, is_gene=is_gene), breakpoint_meaning=meaning)
        five = _partner(self.g5, self.e5, "5'", is_gene)
        three = _partner(self.g3, self.e3, "3'", is_gene)
        text = f"{_partner_text(self.g5, self.e5)} :: {_partner_text(self.g3, self.e3)}"
        return FusionRequest(five, three, text=text, breakpoint_meaning=meaning)


_LABELS = {
    "q": "fusion",
    "g5": "5' gene",
    "e5": "5' exon",
    "t5": "5' transcript",
    "g3": "3' gene",
    "e3": "3' exon",
    "t3": "3' transcript",
    "bp": "breakpoint meaning",
}


def _partner_text(gene: str, exon: str) -> str:
    """``ALK`` + ``20`` -> ``ALK:20``; ``EML4`` + ``chr2:42299120`` -> ``EML4:chr2:42299120``;
    ``exon 6`` / ``e6`` are read as ``6``."""
    m = _EXON_ONLY.fullmatch(exon)
    where = m.group(1) if m else exon
    if gene and where:
        return f"{gene}:{where}"
    return gene or where


def _partner(gene: str, exon: str, role: str, is_gene) -> PartnerSpec:
    from fusionviz.notation import parse_partner

    if not gene and not exon:
        raise NotationError(
            f"no {role} partner given; fill in the {role} gene and exon (e.g. ALK, 20), "
            "a genomic breakpoint (e.g. chr2:29223528:-), or the fusion field "
            "(e.g. SQSTM1 e5::ALK e19)"
        )
    return parse_partner(_partner_text(gene, exon), is_gene=is_gene)

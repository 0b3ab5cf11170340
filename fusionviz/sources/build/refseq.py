"""RefSeq pairs (UniProt, varity genePred, genome-nexus), varity partial proteins and the
TPM3 cDNA check."""

from __future__ import annotations

import re
from pathlib import Path

from fusionviz.models import normalise_contig
from fusionviz.sources.build.records import Report, Tx, read_fasta, read_tsv


def read_genepred(path: Path) -> dict[str, Tx]:
    """UCSC ncbiRefSeq genePred rows (0-based starts) keyed by versioned NM."""
    out = {}
    for f in read_tsv(path):
        nm, chrom, strand = f[1], f[2], f[3]
        cds_s, cds_e = int(f[6]) + 1, int(f[7])
        starts = [int(x) + 1 for x in f[9].rstrip(",").split(",")]
        ends = [int(x) for x in f[10].rstrip(",").split(",")]
        exons = list(zip(starts, ends, strict=True))
        if strand == "-":
            exons.reverse()
        out[nm] = Tx(
            gene=f[12],
            name=nm,
            contig=normalise_contig(chrom),
            strand=strand,
            exons=exons,
            cds=(cds_s, cds_e) if cds_e >= cds_s else None,
        )
    return out


def _assign_refseq(
    up: Path, transcripts: list[Tx], uni: dict, refseq_rows: dict[str, Tx], report: Report
) -> None:
    mane = {t.gene: t for t in transcripts if t.is_mane}
    # 1) UniProt DR MANE-Select lines: explicit, versioned pairs.
    for gene, e in uni.items():
        for enst, nm in e.mane:
            t = mane.get(gene)
            if t and t.transcript_id == enst:
                t.refseq = nm
                t.source.append(f"RefSeq {nm}: UniProt {e.accession} DR MANE-Select line")
            elif t:
                report.find(
                    f"{gene}: UniProt MANE-Select pair {enst}/{nm} but bundle MANE is "
                    f"{t.transcript_id}; pair not used"
                )
    # 2) RefSeq genePred rows with the identical exons and CDS as the MANE transcript.
    for nm, r in sorted(refseq_rows.items()):
        t = mane.get(r.gene)
        if t is None:
            continue
        same = t.exons == r.exons and t.cds == r.cds
        if same and not t.refseq:
            t.refseq = nm
            t.source.append(f"RefSeq {nm}: identical exons and CDS (varity ncbiRefSeq genePred)")
        elif same and t.refseq != nm:
            report.find(f"{r.gene}: {nm} has MANE's exons but UniProt pairs {t.refseq}")
        elif not same:
            report.find(
                f"{r.gene}: RefSeq {nm} (varity) differs in structure from MANE "
                f"{t.transcript_id}; not paired"
            )
    # 3) genome-nexus ENST -> NM overrides: accession only (their version is older).
    for f in read_tsv(up / "genome_nexus_importer/isoform_overrides_uniprot.panel.txt")[1:]:
        enst, gene, nm = f[0], f[1], f[2]
        t = mane.get(gene)
        if not nm.startswith("NM_") or t is None or t.transcript_id.split(".")[0] != enst:
            continue
        acc = nm.split(".")[0]
        if t.refseq:
            if t.refseq.split(".")[0] != acc:
                report.find(f"{gene}: genome-nexus maps {enst} to {nm}, bundle has {t.refseq}")
            elif t.refseq != nm:
                report.find(f"{gene}: genome-nexus pairs {enst} with {nm}; MANE pair is {t.refseq}")
            continue
        t.refseq = acc
        t.aliases.append(nm)
        t.source.append(
            f"RefSeq {acc}: genome-nexus override {enst} -> {nm} (version not verified "
            "against MANE; accepted without version)"
        )


def _partial_proteins(up, transcripts, uni, refseq_rows, proteins, report) -> None:
    """Residues of varity's expected fusion proteins that are a partner's own, where the
    partner's RefSeq transcript has the MANE transcript's exons and CDS.

    5' partner: the complete codons of exons 1..k. 3' partner: the complete codons from the
    first exon after the breakpoint intron, used only when the junction is in frame and the
    fusion length equals 5' part + split codon + 3' part.
    """
    mane = {t.gene: t for t in transcripts if t.is_mane}
    have_full = {g for g, e in uni.items() if e.sequence and e.accession}
    for head, seq in read_fasta(up / "varity/fusion_test_expected_proteins.fa"):
        label = head.split()[0]
        seq = seq.rstrip("*")
        m = re.search(
            r'5prime=(\S+) 3prime=(\S+) pattern=\["(\w+)" :(\w+) (\S+) .*?"(\w+)" '
            r":(\w+) (\S+)",
            head,
        )
        if not m:
            continue
        nm5, nm3, g5, k5, n5, g3, k3, n3 = m.groups()
        if g5 not in mane and g3 not in mane:
            continue
        r5, r3 = refseq_rows.get(nm5), refseq_rows.get(nm3)
        if k5 != "intron" or k3 != "intron" or r5 is None or r3 is None:
            report.drop(
                f"varity {label}: breakpoint not intronic on both sides or RefSeq row "
                "missing; its residues not used"
            )
            continue
        parts = _varity_parts(label, seq, (g5, r5, int(n5)), (g3, r3, int(n3)), report)
        for gene, r, first, last, part in parts:
            t = mane.get(gene)
            if t is None:
                continue
            if not (t.exons == r.exons and t.cds == r.cds):
                report.drop(
                    f"varity {label}: {r.name} differs from {gene} MANE "
                    f"{t.transcript_id}; its {gene} residues not used"
                )
                continue
            if gene in have_full:
                agree = uni[gene].sequence[first - 1 : last] == part
                report.find(
                    f"varity {label}: {gene} {first}-{last} "
                    f"{'equals' if agree else 'DISAGREES with'} UniProt "
                    f"{uni[gene].accession} (full sequence bundled from UniProt)"
                )
                continue
            proteins.append(_partial_protein(label, nm5, nm3, t, r, (first, last, part)))


def _varity_parts(label: str, seq: str, five: tuple, three: tuple, report) -> list[tuple]:
    """(gene, RefSeq row, first aa, last aa, residues) of each partner's own part of one
    varity fusion protein; the 3' part only when the junction is in frame and the length fits.
    ``five``/``three`` are (gene, RefSeq row, exon number before/after the breakpoint)."""
    g5, r5, n5 = five
    g3, r3, n3 = three
    e5 = _exon_cds_ends(r5)[n5 - 1][1]
    f3 = _exon_cds_ends(r3)[n3][0]
    p5, p3 = e5 % 3, (f3 - 1) % 3
    n5aa = e5 // 3
    first3 = (f3 - 1) // 3 + 1 + (1 if p3 else 0)
    plen3 = r3.cds_length() // 3 - 1
    in_frame = p5 == p3 and len(seq) == n5aa + (1 if p5 else 0) + (plen3 - first3 + 1)
    parts = [(g5, r5, 1, n5aa, seq[:n5aa])]
    if in_frame:
        parts.append((g3, r3, first3, plen3, seq[len(seq) - (plen3 - first3 + 1) :]))
    else:
        report.find(
            f"varity {label}: junction not in frame or length inconsistent; 3' residues not used"
        )
    return parts


def _partial_protein(label: str, nm5: str, nm3: str, t: Tx, r: Tx, known_part: tuple) -> tuple:
    """The bundle's (header, X-padded sequence, sort key) of a partially known MANE protein."""
    first, last, part = known_part
    gene = t.gene
    plen = t.protein_length()
    known = f"{first}-{last}"
    full = "X" * (first - 1) + part + "X" * (plen - last)
    note = (
        f"residues {known} of {plen} known: from varity's expected {label} fusion "
        f"protein ({nm5} + {nm3}, translated by varity); {r.name} has the exons and "
        f"CDS of {t.transcript_id}; no full {gene} sequence is available offline"
    )
    hdr = (
        f"partial:{t.transcript_id} gene={gene} length={plen} complete=no "
        f'known={known} source="varity f96154a ({r.name})" note="{note}"'
    )
    return (hdr, full, f"{gene} 1")


def _exon_cds_ends(t: Tx) -> list[tuple[int, int]]:
    """Per exon: (first CDS nt, last CDS nt) with 0s for non-coding exons (cumulative)."""
    lo, hi = t.cds  # type: ignore[misc]
    out, n = [], 0
    for s, e in t.exons:
        a, b = max(s, lo), min(e, hi)
        if a <= b:
            out.append((n + 1, n + b - a + 1))
            n += b - a + 1
        else:
            out.append((n + 1, n))
    return out


def _tpm3_cdna(up, transcripts, uni, report) -> list[tuple[str, str]]:
    """The only cDNA found offline (TPM3 NM_152263.3) is bundled only if it is the MANE
    transcript exactly: same exon lengths, same CDS pieces, CDS translating to UniProt."""
    mane = next((t for t in transcripts if t.is_mane and t.gene == "TPM3"), None)
    gff = up / "mutalyzer_retriever/NM_152263.3.gff3"
    fasta = up / "mutalyzer_retriever/NM_152263.3.fasta"
    if mane is None or not gff.exists() or not fasta.exists():
        return []
    ex, cds = [], (0, -1)
    for f in read_tsv(gff):
        if len(f) > 4 and f[2] == "exon":
            ex.append(int(f[4]) - int(f[3]) + 1)
        elif len(f) > 4 and f[2] == "CDS":
            cds = (int(f[3]), int(f[4]))
    seq = read_fasta(fasta)[0][1].upper()
    from Bio.Seq import Seq

    protein = str(Seq(seq[cds[0] - 1 : cds[1]]).translate()).rstrip("*")
    e = uni.get("TPM3")
    if e and e.sequence:
        same = protein == e.sequence
        report.find(
            f"TPM3 NM_152263.3 CDS ({cds[0]}-{cds[1]}) translation "
            f"{'equals' if same else 'DIFFERS from'} UniProt {e.accession} ({len(e.sequence)} aa)"
        )
    mane_ex = [e - s + 1 for s, e in mane.exons]
    mane_cds_exons = [b - a + 1 for a, b in mane.coding_segments()]
    cur, rna_cds = 0, []
    for n in ex:
        a, b = max(cur + 1, cds[0]), min(cur + n, cds[1])
        if a <= b:
            rna_cds.append(b - a + 1)
        cur += n
    if ex != mane_ex or rna_cds != mane_cds_exons or sum(ex) != len(seq):
        same_cds = (
            " (its CDS exon pieces are identical; UTRs differ)" if rna_cds == mane_cds_exons else ""
        )
        report.drop(
            f"TPM3 NM_152263.3 cDNA not bundled: exon lengths {ex} differ from MANE "
            f"{mane.transcript_id} {mane_ex}{same_cds}"
        )
        return []
    return [(f'{mane.transcript_id} gene=TPM3 source="RefSeq NM_152263.3 (mutalyzer)"', seq)]

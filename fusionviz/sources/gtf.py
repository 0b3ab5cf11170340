"""An Ensembl-style GTF written from bundle rows (``transcripts.tsv.gz``).

Used to hand the embedded structures to ``pyensembl.Genome`` (tests compare the pyensembl path
with the direct reader, and ``fusionviz`` users can export the bundle for other tools).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping


def internal_id(row: Mapping[str, str]) -> str:
    """The GTF ``transcript_id``: the ENST without version, else the transcript name."""
    return row["transcript_id"].split(".")[0] if row["transcript_id"] else row["transcript_name"]


def _attrs(pairs: list[tuple[str, str]]) -> str:
    return " ".join(f'{k} "{v}";' for k, v in pairs)


def gtf_lines(rows: list[Mapping[str, str]]) -> Iterator[str]:
    """An Ensembl-style GTF for pyensembl: CDS rows exclude the stop codon, which gets its own
    ``stop_codon`` row (as in Ensembl GTFs). Transcripts without an ENST use their name as
    ``transcript_id``; exons without an ENSE id get ``<name>:<n>``."""
    by_gene: dict[str, list[Mapping[str, str]]] = defaultdict(list)
    for r in rows:
        by_gene[r["gene"]].append(r)
    yield "#!genome-build GRCh38\n#!generated from a fusionviz annotation bundle\n"
    for gene in sorted(by_gene):
        rs = by_gene[gene]
        gid, gver = _split_version(rs[0]["gene_id"] or f"{gene}")
        contig, strand = rs[0]["contig"], rs[0]["strand"]
        lo = min(int(x) for r in rs for x in r["exon_starts"].split(","))
        hi = max(int(x) for r in rs for x in r["exon_ends"].split(","))
        gattrs = [("gene_id", gid)] + ([("gene_version", gver)] if gver else [])
        gattrs += [("gene_name", gene), ("gene_biotype", "protein_coding")]
        yield _gtf(contig, "gene", lo, hi, strand, ".", gattrs)
        for r in rs:
            tid = internal_id(r)
            _, tver = _split_version(r["transcript_id"])
            starts = [int(x) for x in r["exon_starts"].split(",")]
            ends = [int(x) for x in r["exon_ends"].split(",")]
            tattrs = gattrs[:-1] + [("transcript_id", tid)]
            tattrs += [("transcript_version", tver)] if tver else []
            tattrs += [
                ("transcript_name", r["transcript_name"]),
                ("transcript_biotype", r["biotype"]),
            ]
            yield _gtf(contig, "transcript", min(starts), max(ends), strand, ".", tattrs)
            # Sub-features carry only the keys (pyensembl reads names/biotypes from the gene
            # and transcript rows); this halves the GTF that pyensembl hashes on each start.
            slim = [("gene_id", gid), ("transcript_id", tid)]
            ids = r["exon_ids"].split(",") if r["exon_ids"] else [""] * len(starts)
            for n, (s, e, eid) in enumerate(zip(starts, ends, ids, strict=True), 1):
                ex_id, ex_ver = _split_version(eid) if eid else (f"{r['transcript_name']}:{n}", "")
                ea = slim + [("exon_number", str(n)), ("exon_id", ex_id)]
                ea += [("exon_version", ex_ver)] if ex_ver else []
                yield _gtf(contig, "exon", s, e, strand, ".", ea)
            if not r["cds_low"]:
                continue
            yield from _coding_lines(r, contig, strand, starts, ends, slim)


def _coding_lines(r, contig, strand, starts, ends, tattrs) -> Iterator[str]:
    lo, hi = int(r["cds_low"]), int(r["cds_high"])
    segs = []  # (exon number, a, b) in transcription order
    for n, (s, e) in enumerate(zip(starts, ends, strict=True), 1):
        a, b = max(s, lo), min(e, hi)
        if a <= b:
            segs.append((n, a, b))

    # Split off the last 3 coding nt (stop codon) and the first 3 (start codon).
    def take(segments, k, from_end):
        out, rest = [], []
        need = k
        seq = segments if not from_end else list(reversed(segments))
        for n, a, b in seq:
            ln = b - a + 1
            if need <= 0:
                rest.append((n, a, b))
                continue
            use = min(need, ln)
            # Transcription order: "+" moves up the genome, "-" down.
            if (strand == "+") != from_end:
                piece, left = (a, a + use - 1), (a + use, b)
            else:
                piece, left = (b - use + 1, b), (a, b - use)
            out.append((n, *piece))
            if left[0] <= left[1]:
                rest.append((n, *left))
            need -= use
        if from_end:
            rest.reverse()
        return out, rest

    stop, cds_only = take(segs, 3, from_end=True)
    start, _ = take(segs, 3, from_end=False)
    pa = [("protein_id", r["protein_id"])] if r["protein_id"] else []
    done = 0
    for n, a, b in cds_only:
        frame = (3 - done % 3) % 3
        yield _gtf(contig, "CDS", a, b, strand, str(frame), tattrs + [("exon_number", str(n))] + pa)
        done += b - a + 1
    for n, a, b in start:
        yield _gtf(contig, "start_codon", a, b, strand, "0", tattrs + [("exon_number", str(n))])
    for n, a, b in stop:
        yield _gtf(contig, "stop_codon", a, b, strand, "0", tattrs + [("exon_number", str(n))])


def _split_version(ident: str) -> tuple[str, str]:
    acc, _, ver = ident.partition(".")
    return acc, ver


def _gtf(contig, feature, start, end, strand, frame, attrs) -> str:
    return (
        f"{contig}\tfusionviz_bundle\t{feature}\t{start}\t{end}\t.\t{strand}\t{frame}\t"
        f"{_attrs(attrs)}\n"
    )

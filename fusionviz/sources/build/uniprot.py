"""UniProtKB/Swiss-Prot flat files: accessions, features, sequences, cross-references."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fusionviz.sources.build.constants import PFAM_VERSION, UNIPROT_KINDS
from fusionviz.sources.build.domains import _dom
from fusionviz.sources.build.packages import Inputs
from fusionviz.sources.build.records import Report, Tx, read_tsv


@dataclass
class UniProtEntry:
    gene: str
    accession: str
    length: int
    sequence: str
    entry_version: str
    features: list[tuple[str, int, int, str, str]]  # key, start, end, note, evidence
    mane: list[tuple[str, str]]  # (ENST.v, NM_.v)
    pfam: list[tuple[str, str]]  # DR Pfam (accession, name)
    ensembl: list[tuple[str, str]]  # DR Ensembl (ENST.v, isoform or "")


def crc64(seq: str) -> str:
    """SWISS-PROT CRC64 (ISO polynomial) as UniProt prints it."""
    table = []
    for i in range(256):
        v = i
        for _ in range(8):
            v = (v >> 1) ^ 0xD800000000000000 if v & 1 else v >> 1
        table.append(v)
    crc = 0
    for ch in seq.encode():
        crc = table[(crc ^ ch) & 0xFF] ^ (crc >> 8)
    return f"{crc:016X}"


def read_uniprot(path: Path, gene: str, report: Report) -> UniProtEntry | None:
    lines = path.read_text().splitlines()
    acc, entry_version, length, crc = "", "", 0, ""
    seq: list[str] = []
    feats: list[tuple[str, int, int, str, str]] = []
    mane: list[tuple[str, str]] = []
    pfam: list[tuple[str, str]] = []
    ensembl: list[tuple[str, str]] = []
    in_sq = False
    cur: list | None = None
    for ln in lines:
        tag, body = ln[:2], ln[5:]
        if tag == "AC" and not acc:
            acc = body.split(";")[0].strip()
        elif tag == "DT" and "entry version" in body:
            entry_version = body.rsplit("entry version", 1)[1].strip(" .")
        elif tag == "DR":
            _read_dr(body, ensembl, pfam, mane)
        elif tag == "SQ":
            m = re.search(r"SEQUENCE\s+(\d+) AA;.*?(\w+) CRC64", body)
            if m:
                length, crc = int(m.group(1)), m.group(2)
            in_sq = True
        elif in_sq and ln.startswith("     "):
            seq.append(ln.replace(" ", ""))
        elif tag == "FT":
            cur = _read_ft(ln, cur, feats)
    sequence = "".join(seq)
    if sequence and (len(sequence) != length or crc64(sequence) != crc):
        report.drop(f"UniProt {gene}: SQ block fails its length/CRC64 check; sequence not used")
        sequence = ""
    return UniProtEntry(
        gene=gene,
        accession=acc,
        length=length,
        sequence=sequence,
        entry_version=entry_version,
        features=[tuple(f) for f in feats],  # type: ignore[misc]
        mane=mane,
        pfam=pfam,
        ensembl=ensembl,
    )


def _read_dr(body: str, ensembl: list, pfam: list, mane: list) -> None:
    """Adds a DR line's Ensembl (ENST, isoform), Pfam (acc, name) or MANE-Select
    (ENST, NM) cross-reference to its list; other databases are ignored."""
    parts = [p.strip(" .") for p in body.split(";")]
    if body.startswith("Ensembl;"):
        iso = re.search(r"\[([\w-]+)\]", body)
        ensembl.append((parts[1], iso.group(1) if iso else ""))
    elif body.startswith("Pfam;"):
        pfam.append((parts[1], parts[2]))
    elif body.startswith("MANE-Select;"):
        mane.append((parts[1], parts[3]))


def _read_ft(ln: str, cur: list | None, feats: list) -> list | None:
    """Reads one FT line: a new feature [key, start, end, note, evidence] (added to ``feats``)
    or a qualifier of the current one; returns the feature now being read."""
    key = ln[5:21].strip()
    if key:
        m = re.match(r"<?(\d+)(?:\.\.>?(\d+))?$", ln[21:].strip())
        if not m:
            return None
        s = int(m.group(1))
        e = int(m.group(2) or s)
        cur = [key, s, e, "", ""]
        feats.append(cur)
    elif cur is not None:
        q = ln[21:].strip()
        if q.startswith("/note="):
            cur[3] = q[6:].strip('"')
        elif q.startswith("/evidence="):
            cur[4] = q[10:].strip('"')
        elif cur[4] and not q.startswith("/"):
            cur[4] += " " + q.strip('"')
    return cur


def _assign_uniprot(
    up: Path, inp: Inputs, transcripts: list[Tx], uni: dict, report: Report
) -> dict:
    """Set ``uniprot`` on MANE transcripts whose length matches, and on transcripts coding the
    identical protein (identical coding segments). Returns accession -> length."""
    reviewed = {}
    for f in read_tsv(inp.reviewed)[1:]:
        reviewed.setdefault(f[2], []).append((f[0], int(f[1])))
    gn = {}
    for f in read_tsv(up / "genome_nexus_importer/reviewed_map_grch38.panel.tsv")[1:]:
        gn[f[0]] = (f[3], int(f[2]), f[1])
    acc_len: dict[str, int] = {}
    mane = {t.gene: t for t in transcripts if t.is_default}
    for gene, t in sorted(mane.items()):
        plen = t.protein_length()
        cands = set()
        g = gn.get(t.transcript_id.split(".")[0])
        if g:
            cands.add(g[:2])
            if not t.protein_id:
                t.protein_id = g[2]
        cands |= set(reviewed.get(gene, []))
        ok = sorted({a for a, n in cands if n == plen})
        if len(ok) == 1:
            t.uniprot = ok[0]
            acc_len[ok[0]] = plen  # type: ignore[assignment]
        else:
            report.drop(
                f"{gene}: no UniProt accession of length {plen} among {sorted(cands)}; "
                "UniProt/Pfam features not attached"
            )
        for a, n in sorted(cands):
            if n != plen:
                report.find(f"{gene}: UniProt {a} is {n} aa, MANE protein {plen} aa")
    for t in transcripts:
        if t.is_default or t.cds is None:
            continue
        m = mane.get(t.gene)
        if m and m.uniprot and t.coding_segments() == m.coding_segments():
            t.uniprot = m.uniprot
            continue
        # A non-MANE transcript with a verified ENST that genome-nexus maps to a reviewed
        # UniProt entry of this gene and the same length (e.g. ROS1-202 = ENST00000368508,
        # P08922 2347 aa, while the ROS1 MANE protein is 2341 aa).
        g = gn.get(t.transcript_id.split(".")[0]) if t.transcript_id else None
        plen = t.protein_length()
        ok = g and g[1] == plen and g[:2] in set(reviewed.get(t.gene, []))
        if ok and acc_len.setdefault(g[0], plen) == plen:  # type: ignore[index]
            t.uniprot = g[0]  # type: ignore[index]
            t.source.append(
                f"UniProt {t.uniprot}: genome-nexus maps {t.transcript_id} to it; {plen} aa = "
                "this CDS/3 - 1"
            )
            report.match(f"{t.name} ({t.transcript_id}) codes UniProt {t.uniprot} ({plen} aa)")
    return acc_len


def _uniprot_source(e: UniProtEntry) -> str:
    ver = f"entry version {e.entry_version}" if e.entry_version else "entry version not recorded"
    return f"UniProtKB/Swiss-Prot {e.accession} ({ver})"


def _uniprot_domains(transcripts, uni, domains, proteins, report) -> None:
    mane = {t.gene: t for t in transcripts if t.is_mane}
    for gene, e in sorted(uni.items()):
        t = mane.get(gene)
        if t is None:
            continue
        plen = t.protein_length()
        if not e.accession:
            # SQ-only subsets carry no AC line: take the accession the bundle mapped, if the
            # length agrees (checked in _assign_uniprot).
            e.accession = t.uniprot if t.uniprot and e.length == plen else ""
        if not e.accession or e.accession != t.uniprot or e.length != plen:
            report.drop(
                f"UniProt {gene} {e.accession or '?'} ({e.length} aa): does not match "
                f"MANE protein {t.uniprot or '?'} ({plen} aa); not used"
            )
            continue
        src = _uniprot_source(e)
        for key, s, end, note, ev in e.features:
            kind = UNIPROT_KINDS.get(key)
            if kind is None or (key == "REGION" and note == "Disordered"):
                continue
            if end > plen:
                report.drop(f"UniProt {gene} {key} {s}..{end}: beyond protein length")
                continue
            name = note or {
                "SIGNAL": "Signal peptide",
                "COILED": "Coiled coil",
                "TRANSMEM": "Transmembrane",
            }.get(key, key.title())
            if key == "TRANSMEM":
                name = f"Transmembrane ({note})" if note else "Transmembrane"
            domains.append(
                _dom(
                    gene,
                    f"uniprot:{e.accession}",
                    plen,
                    "UniProtKB/Swiss-Prot",
                    e.entry_version,
                    key,
                    name,
                    kind,
                    s,
                    end,
                    src,
                    ev,
                )
            )
        if e.sequence:
            head = (
                f"uniprot:{e.accession} gene={gene} length={len(e.sequence)} complete=yes "
                f'known=1-{len(e.sequence)} source="{src}"'
            )
            proteins.append((head, e.sequence, f"{gene} 0"))


def _check_ensembl_xrefs(transcripts: list[Tx], uni: dict, report: Report) -> None:
    """Independent check of ENST ids the build inferred: UniProt's DR Ensembl lines (a later
    Ensembl release) say which isoform an ENST codes; the canonical isoform (-1) is the MANE
    protein, so a transcript coding the MANE protein should map to it."""
    mane = {t.gene: t for t in transcripts if t.is_mane}
    for t in transcripts:
        e = uni.get(t.gene)
        if t.is_mane or not t.transcript_id or e is None or t.cds is None:
            continue
        for enst, iso in e.ensembl:
            if enst.split(".")[0] != t.transcript_id or not iso:
                continue
            same = t.coding_segments() == mane[t.gene].coding_segments()
            canonical = iso.endswith("-1")
            verdict = "consistent" if same == canonical else "INCONSISTENT"
            report.find(
                f"{t.name} = {t.transcript_id}: UniProt DR maps {enst} to isoform {iso}; the "
                f"bundle's transcript {'codes' if same else 'does not code'} the MANE protein "
                f"({verdict})"
            )


def _compare_pfam_names(uni: dict, families: dict[str, tuple[str, str]], report: Report) -> None:
    """UniProt DR Pfam lines name families as in the Pfam release UniProt used; say where that
    differs from Pfam 37.0 (a renamed family, not a different region)."""
    for gene, e in sorted(uni.items()):
        for acc, name in e.pfam:
            if acc in families and families[acc][0] != name:
                report.find(
                    f"{gene}: {acc} is '{families[acc][0]}' in Pfam {PFAM_VERSION} but "
                    f"'{name}' in UniProt {e.accession}'s DR line (renamed family)"
                )

"""The three layouts a ``--domains`` file may have (GFF3 of genomic features,
InterProScan TSV, a plain TSV with a header), read into rows; see
:mod:`fusionviz.sources.domain_files`."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from fusionviz.errors import AnnotationDataError
from fusionviz.models import normalise_contig


@dataclass(frozen=True)
class _Row:
    key: str  # upper-case identifier (gene, ENST/ENSP without version, name, UniProt)
    name: str
    start: int
    end: int
    database: str
    accession: str | None
    kind: str
    length: int | None = None
    coordinates: str = "protein"  # protein | transcript | genomic
    contig: str = ""


def _key(ident: str) -> str:
    ident = ident.strip().upper()
    return ident.split(".")[0] if re.match(r"ENS[A-Z]*[TPG]\d", ident) else ident


def _bad(path: Path, n: int, line: str, why: str) -> AnnotationDataError:
    return AnnotationDataError(
        f"--domains file '{path}' line {n}: {why} ({line[:60]!r}); fix the line or "
        "give an InterPro/Pfam TSV or a GFF3 of protein domains"
    )


def read_gff3(path: Path, body: list[str]) -> list[_Row]:
    """Rows of a GFF3 of genomic features (``gene_name``/``gene_id`` and ``Name``)."""
    out = []
    for n, line in enumerate(body, 1):
        f = line.split("\t")
        if len(f) != 9 or not (f[3].isdigit() and f[4].isdigit()):
            raise _bad(path, n, line, "not a 9-column GFF3 row with numeric start/end")
        attrs = {}
        for item in f[8].strip().strip(";").split(";"):
            k, _, v = item.strip().partition("=")
            attrs[k] = urllib.parse.unquote(v)
        gene = attrs.get("gene_name") or attrs.get("gene_id")
        name = attrs.get("Name")
        if not gene or not name:
            raise _bad(path, n, line, "no gene_name/gene_id or Name attribute")
        acc = next(
            (x.split(":", 1)[1] for x in attrs.get("Dbxref", "").split(",") if ":" in x),
            None,
        )
        out.append(
            _Row(
                key=gene.upper(),
                name=name,
                start=int(f[3]),
                end=int(f[4]),
                database=f[1] if f[1] not in ("", ".") else "GFF3",
                accession=acc,
                kind="domain",
                coordinates="genomic",
                contig=normalise_contig(f[0]),
            )
        )
    return out


def read_interproscan(path: Path, body: list[str]) -> list[_Row]:
    """Rows of an InterProScan TSV (protein coordinates, with the protein length)."""
    out = []
    for n, line in enumerate(body, 1):
        f = line.split("\t")
        if len(f) < 11 or not (f[2].isdigit() and f[6].isdigit() and f[7].isdigit()):
            raise _bad(path, n, line, "not an InterProScan TSV row")
        out.append(
            _Row(
                key=_key(f[0]),
                name=f[5] if f[5] not in ("", "-") else f[4],
                start=int(f[6]),
                end=int(f[7]),
                database=f[3],
                accession=f[4],
                kind="domain",
                length=int(f[2]),
            )
        )
    return out


def read_tsv(path: Path, body: list[str]) -> list[_Row]:
    """Rows of a TSV with a header (an id column, start, end, name; optional others)."""
    head = [h.strip().lower() for h in body[0].split("\t")]
    idcol = next(
        (
            c
            for c in ("transcript", "transcript_id", "protein", "protein_id", "uniprot", "gene")
            if c in head
        ),
        None,
    )
    missing = [c for c in ("start", "end", "name") if c not in head]
    if idcol is None or missing:
        raise AnnotationDataError(
            f"--domains file '{path}': header needs a transcript/protein/uniprot/gene "
            f"column and start, end, name (missing: {', '.join(missing) or 'an id column'})"
        )
    ix = {c: i for i, c in enumerate(head)}
    out = []
    for n, line in enumerate(body[1:], 2):
        f = line.split("\t")

        def get(c: str, d: str = "", f: list[str] = f) -> str:
            return f[ix[c]].strip() if c in ix and ix[c] < len(f) else d

        if not (get("start").isdigit() and get("end").isdigit()):
            raise _bad(path, n, line, "start/end are not whole numbers")
        coords = get("coordinates", "protein").lower() or "protein"
        if coords not in ("protein", "transcript"):
            raise _bad(path, n, line, "coordinates must be 'protein' or 'transcript'")
        length = get("length") or get("protein_length")
        out.append(
            _Row(
                key=_key(get(idcol)),
                name=get("name"),
                start=int(get("start")),
                end=int(get("end")),
                database=get("database", "") or "user",
                accession=get("accession") or None,
                kind=get("kind", "") or "domain",
                length=int(length) if length.isdigit() else None,
                coordinates=coords,
            )
        )
    return out

"""The formats fusionviz reads, in detection order, and their ``--format`` names."""

from __future__ import annotations

from collections.abc import Sequence

from fusionviz.callers import (
    arriba,
    cicero,
    defuse,
    dragen,
    enfusion,
    ericscript,
    fusioncatcher,
    fusionmap,
    generic,
    jaffa,
    longgf,
    mapsplice,
    pizzly,
    squid,
    star_fusion,
    tophat_fusion,
    vcf,
)
from fusionviz.errors import CallerFormatError

#: format name -> reader module, in detection order (the generic TSV last: it
#: accepts the broadest headers).
READERS = {
    m.NAME: m
    for m in (
        vcf,
        star_fusion,
        arriba,
        fusioncatcher,
        jaffa,
        ericscript,
        cicero,
        dragen,
        fusionmap,
        enfusion,
        defuse,
        pizzly,
        squid,
        mapsplice,
        tophat_fusion,
        longgf,
        generic,
    )
}
FORMATS: tuple[str, ...] = tuple(READERS)

ALIASES = {
    "starfusion": "star-fusion",
    "star_fusion": "star-fusion",
    "fusioninspector": "star-fusion",
    "ctat-lr-fusion": "star-fusion",
    "ctatlrfusion": "star-fusion",
    "jaffal": "jaffa",
    "manta": "vcf",
    "arriba-vcf": "vcf",
    "tophat": "tophat-fusion",
    "tophatfusion": "tophat-fusion",
    "mapsplice2": "mapsplice",
    "tsv": "generic",
}


def canonical_format(name: str) -> str:
    """The reader name for ``--format NAME`` (aliases accepted)."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in READERS:
        raise CallerFormatError(f"unknown format '{name}'; valid formats: {', '.join(FORMATS)}")
    return key


def detect_format(columns: Sequence[str]) -> str | None:
    """The table format whose header these columns are, or None."""
    for name, reader in READERS.items():
        if getattr(reader, "KIND", "table") == "table" and reader.matches(tuple(columns)):
            return name
    return None

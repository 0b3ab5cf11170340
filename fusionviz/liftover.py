"""GRCh37 -> GRCh38 lift-over of breakpoints, offline.

The chain is UCSC's hg38ToHg19, inverted and shipped in the bundle
(``annotations/hg19ToHg38.inverted.over.chain.gz``, built by
:mod:`fusionviz.sources.build_liftover`; provenance in ``annotations/liftover.json``);
pyliftover does the chain arithmetic. A position is lifted only when it maps to
exactly one GRCh38 base; a base in no aligned block, aligned to several places,
on a contig the chain does not cover (MT, alternate loci) or moved to another
chromosome than its gene is a :class:`LiftError` with the reason, never a guess.
Chromosome sizes of both builds (from the chain headers) validate positions.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from fusionviz.errors import FusionvizError
from fusionviz.models import FusionRequest, GenomicPosition, LiftedPositions, PartnerSpec

FROM_BUILD, TO_BUILD = "GRCh37", "GRCh38"
_FLIP = {"+": "-", "-": "+"}
_LOCK = threading.Lock()


class LiftError(FusionvizError):
    """A position that cannot be lifted to exactly one place."""


@lru_cache(maxsize=1)
def provenance() -> dict[str, Any]:
    """The chain's provenance (annotations/liftover.json)."""
    return json.loads(files("fusionviz_annotations").joinpath("liftover.json").read_text("utf-8"))


def chain_label() -> str:
    """One line naming the chain and where it comes from."""
    p = provenance()
    return f"UCSC hg38ToHg19 chain inverted (from {p['source_package']}; {p['chain_file']})"


def chromosome_sizes(build: str) -> dict[str, int]:
    """``{contig: length}`` of the primary chromosomes (1-22, X, Y) of a build."""
    return provenance()["chromosome_sizes"].get(build, {})


def contig_length(build: str, contig: str) -> int | None:
    """Length of a primary chromosome (1-22, X, Y) on GRCh37/GRCh38, else None."""
    return chromosome_sizes(build).get(contig)


def check_length(pos: GenomicPosition, build: str) -> None:
    """LiftError (a FusionvizError) when the position lies beyond its chromosome."""
    n = contig_length(build, pos.contig)
    if n is not None and pos.position > n:
        raise LiftError(
            f"chr{pos.contig}:{pos.position} lies beyond the end of chromosome {pos.contig} "
            f"({n:,} bp on {build})"
        )


@lru_cache(maxsize=1)
def _chain() -> Any:
    from pyliftover import LiftOver

    with _LOCK:
        data = files("fusionviz_annotations").joinpath(provenance()["chain_file"])
        with data.open("rb") as raw, gzip.open(raw, "rb") as fh:
            return LiftOver(fh)


def lift_position(pos: GenomicPosition) -> tuple[GenomicPosition, bool]:
    """The GRCh38 base of a GRCh37 base, and whether the strand flipped (the region
    is inverted between the builds). Raises LiftError."""
    where = f"chr{pos.contig}:{pos.position} (GRCh37)"
    if pos.contig == "MT":
        raise LiftError(
            f"{where}: mitochondrial positions are not lifted (UCSC hg19 chrM is not "
            "GRCh37's MT); give GRCh38 coordinates"
        )
    check_length(pos, FROM_BUILD)
    hits = _chain().convert_coordinate(f"chr{pos.contig}", pos.position - 1)
    if hits is None:
        raise LiftError(f"{where}: the lift-over chain does not cover chromosome {pos.contig}")
    if not hits:
        raise LiftError(f"{where} has no GRCh38 counterpart in the UCSC chain (not lifted)")
    if len(hits) > 1:
        places = ", ".join(f"{c}:{p + 1}" for c, p, _, _ in hits[:4])
        raise LiftError(f"{where} lifts to {len(hits)} places on GRCh38 ({places}); not guessed")
    contig, p0, strand, _ = hits[0]
    flipped = strand == "-"
    s = _FLIP[pos.strand] if (flipped and pos.strand) else pos.strand
    return GenomicPosition(contig.removeprefix("chr"), p0 + 1, s), flipped  # type: ignore[arg-type]


def _checked(
    pos: GenomicPosition, gene: str | None, gene_contig: Callable[[str], str | None]
) -> tuple[GenomicPosition, bool]:
    new, flipped = lift_position(pos)
    if new.contig != pos.contig:
        home = gene_contig(gene) if gene else None
        if home != new.contig:
            who = f"{gene} is on chromosome {home}" if home else "its gene is not known there"
            raise LiftError(
                f"chr{pos.contig}:{pos.position} (GRCh37) lifts to chromosome {new.contig} "
                f"(chr{new.contig}:{new.position}), but {who} on GRCh38; not lifted"
            )
    return new, flipped


def lift_request(
    req: FusionRequest, gene_contig: Callable[[str], str | None] = lambda g: None
) -> FusionRequest:
    """The request with its GRCh37 breakpoints on GRCh38; both coordinates are kept
    in ``request.lifted``. Exon-level requests are returned unchanged."""
    specs = []
    old = []
    for spec in (req.five_prime, req.three_prime):
        if spec.breakpoint is None:
            specs.append(spec)
            old.append(None)
            continue
        new, _ = _checked(spec.breakpoint, spec.gene, gene_contig)
        specs.append(dataclasses.replace(spec, breakpoint=new))
        old.append(spec.breakpoint)
    if old == [None, None]:
        return req
    lifted = LiftedPositions(FROM_BUILD, TO_BUILD, old[0], old[1], chain_label())
    return dataclasses.replace(req, five_prime=specs[0], three_prime=specs[1], lifted=lifted)


def lift_partner(spec: PartnerSpec) -> PartnerSpec:
    """A command-line partner's breakpoint on GRCh38 (Raises LiftError)."""
    if spec.breakpoint is None:
        return spec
    return dataclasses.replace(spec, breakpoint=lift_position(spec.breakpoint)[0])


@dataclass(frozen=True, slots=True)
class LiftedEnd:
    """A lifted end of an unresolved row: new position, and whether it flipped."""

    position: GenomicPosition
    flipped: bool


def lift_end(
    pos: GenomicPosition, gene: str | None, gene_contig: Callable[[str], str | None]
) -> LiftedEnd:
    """One breakpoint of a row whose 5' partner is still to be decided."""
    new, flipped = _checked(pos, gene, gene_contig)
    return LiftedEnd(new, flipped)

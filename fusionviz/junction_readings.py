"""Other readings of one genomic junction: the same bases on other transcript
pairs, and the canonical or DNA readings of a base off a splice site (pure)."""

from __future__ import annotations

from fusionviz.breakpoints import Site, boundary_sites
from fusionviz.coordinates import exon_boundary_tx
from fusionviz.frame import (
    Side,
    call_frame,
    five_prime_side,
    frame_of,
    three_prime_side,
)
from fusionviz.models import JunctionReading, Role
from fusionviz.resolve import ResolvedPartner

#: Cap on transcript pairs listed per junction.
MAX_READINGS = 30

_KINDS = {
    "exon boundary": ("boundary",),
    "exact bases": ("exonic",),
    "retained intron": ("intronic", "upstream", "downstream"),
    "DNA breakpoint": ("boundary", "intronic"),
}


def _side(site: Site, role: Role, reading: str) -> tuple[Side, int | None] | None:
    t = site.transcript
    if site.exon is None or site.anchor_tx is None:
        return None
    retained = site.retained if reading == "retained intron" else 0
    if role == "5'":
        return five_prime_side(t, site.anchor_tx, retained), site.exon
    return three_prime_side(t, site.anchor_tx, retained), site.exon


def _options(r: ResolvedPartner, role: Role) -> list[tuple[str, Side, int | None, bool]]:
    """(transcript label, side, exon, is the partner's own transcript) per reading."""
    if r.placement is None or r.region is not None or r.transcript is None:
        return []
    kinds = _KINDS.get(r.placement.reading)
    if kinds is None:
        return []
    out = []
    own = r.transcript
    # An exact boundary: only the transcripts with a splice site there (indexed).
    sites = boundary_sites(r.sites) if kinds == ("boundary",) else r.sites
    for s in sites:
        if s.kind in kinds:
            got = _side(s, role, r.placement.reading)
            if got is not None:
                t = s.transcript
                chosen = t is own or (t.name == own.name and t == own)
                out.append((t.label, got[0], got[1], chosen))
    return out


def junction_readings(r5: ResolvedPartner, r3: ResolvedPartner) -> tuple[JunctionReading, ...]:
    """The junction on every other transcript pair where its bases read the same way."""
    o5, o3 = _options(r5, "5'"), _options(r3, "3'")
    if not o5 or not o3:
        return ()
    out = []
    for la, sa, ea, ca in o5:
        for lb, sb, eb, cb in o3:
            if ca and cb:  # the pair the annotation uses
                continue
            out.append(
                JunctionReading(la, ea, lb, eb, frame_of(sa, sb), f"{sa.region}::{sb.region}")
            )
            if len(out) >= MAX_READINGS:
                return tuple(out)
    return tuple(out)


def _placed_site(r: ResolvedPartner) -> Site | None:
    p = r.placement
    if p is None or r.transcript is None or r.region is not None:
        return None
    if p.reading not in ("exact bases", "retained intron"):
        return None
    return r.site


def _snap(r: ResolvedPartner, role: Role, exon: int) -> Side:
    assert r.transcript is not None
    tx = exon_boundary_tx(r.transcript, exon, role)
    if role == "5'":
        return five_prime_side(r.transcript, tx)
    return three_prime_side(r.transcript, tx)


def alternative_readings(
    r5: ResolvedPartner, r3: ResolvedPartner, s5: Side, s3: Side, junction
) -> list[str]:
    """What the frame would be if a base off a splice site were at it, and, for an
    RNA junction in an intron, if the breakpoints were DNA breakpoints."""
    out = []
    a, b = _placed_site(r5), _placed_site(r3)
    for r, role, site in ((r5, "5'", a), (r3, "3'", b)):
        if site is None or not site.near_splice_site or site.splice_exon is None:
            continue
        x5 = _snap(r5, "5'", site.splice_exon) if role == "5'" else s5
        x3 = _snap(r3, "3'", site.splice_exon) if role == "3'" else s3
        alt = call_frame(x5, x3, r5.name, r3.name)
        out.append(
            f"alternative reading of {r.name}: at the exon {site.splice_exon} splice site "
            f"({abs(site.splice_offset or 0)} nt away) the junction would be {alt.frame} "
            f"({alt.junction_class}); fusionviz keeps the bases given"
        )
    intronic = [
        (r, role, site)
        for r, role, site in ((r5, "5'", a), (r3, "3'", b))
        if site is not None
        and site.kind == "intronic"
        and site.exon is not None
        and r.placement is not None
        and r.placement.meaning == "rna"
    ]
    if intronic:
        x5, x3 = s5, s3
        for r, role, site in intronic:
            if role == "5'":
                x5 = _snap(r, role, site.exon)
            else:
                x3 = _snap(r, role, site.exon)
        alt = call_frame(x5, x3, r5.name, r3.name)
        joined = " and ".join(f"{r.name} exon {site.exon}" for r, _, site in intronic)
        out.append(
            f"alternative reading: as genomic DNA breakpoints (--dna), splicing to {joined}, "
            f"the junction would be {alt.frame} ({alt.junction_class})"
        )
    return out

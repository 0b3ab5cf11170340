"""Names fusionviz writes, each readable back by :func:`fusionviz.notation.parse_fusion`."""

from __future__ import annotations

from fusionviz.models import (
    FusionRequest,
    PartnerSpec,
)
from fusionviz.notation._text import _TX_NAME_RE


def hgnc_name(gene5: str, gene3: str) -> str:
    """HGNC fusion name: ``hgnc_name("SQSTM1", "ALK") == "SQSTM1::ALK"``."""
    return f"{gene5}::{gene3}"


def short_form(gene5: str, exon5: int, gene3: str, exon3: int) -> str:
    """Clinical short form from the genes' initials: ``S5;A19`` (``E13;E4`` is fine)."""
    return f"{gene5[:1].upper()}{exon5};{gene3[:1].upper()}{exon3}"


def exon_form(gene5: str, exon5: int, gene3: str, exon3: int) -> str:
    """Explicit form that :func:`parse_fusion` reads back: ``SQSTM1 e5::ALK e19``."""
    return f"{gene5} e{exon5}::{gene3} e{exon3}"


def partner_text(spec: PartnerSpec) -> str:
    """A partner written so that :func:`parse_partner` reads it back.

    ``SQSTM1(NM_003900.5) e5``, ``ENST00000389805 e5``, ``EML4:chr2:42299120:+``.
    """
    if spec.gene and spec.transcript and spec.transcript != _tx_name_of(spec):
        ident = f"{spec.gene}({spec.transcript})"
    else:
        ident = spec.transcript or spec.gene or ""
    if spec.breakpoint is not None:
        bp = str(spec.breakpoint)
        return f"{ident}:{bp}" if ident else bp
    if spec.exon is not None:
        return f"{ident} e{spec.exon}"
    return ident


def fusion_text(request: FusionRequest) -> str:
    """A request written so that :func:`parse_fusion` reads it back (partners joined by ``::``)."""
    return f"{partner_text(request.five_prime)}::{partner_text(request.three_prime)}"


def _tx_name_of(spec: PartnerSpec) -> str | None:
    """The transcript when it is a ``GENE-NNN`` name of the spec's own gene."""
    tx = spec.transcript
    if tx and spec.gene and _TX_NAME_RE.fullmatch(tx) and tx[: tx.rindex("-")] == spec.gene:
        return tx
    return None

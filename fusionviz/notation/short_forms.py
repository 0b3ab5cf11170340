"""Haematology and prostate short forms of a junction, each mapped by a cited definition.

A short form names a junction in the numbering of the reference transcripts its field uses.
fusionviz reads the exon numbers it names and counts them on the transcripts used (MANE Select
by default); where that numbering was checked against the bundle it is said here, and a form
that does not name one junction is refused with the question that would decide it.

BCR::ABL1 (checked: BCR MANE ENST00000305877 / NM_004327 has 23 exons and ABL1 MANE
ENST00000318560 / NM_005157 has 11 exons with exon 1 = exon 1a, the gene structures the
ELN recommendations draw; e13a2, e14a2, e1a2 and e19a2 are in frame on them):

- ``eNaM`` = BCR exon N :: ABL1 exon M (``e13a2``, ``e14a2``, ``e1a2``, ``e19a2``) [CROSS_2023].
- ``b2a2`` = e13a2 and ``b3a2`` = e14a2 (older exon names) [MOLICA_2020].
- ``p190`` = e1a2 (minor bcr) and ``p230`` = e19a2 (micro bcr): one junction each;
  ``p210`` (major bcr) is e13a2 *or* e14a2, so it is refused with both readings [KANG_2016].

PML::RARA (checked: PML MANE ENST00000268058 / NM_033238, RARA MANE ENST00000254066 /
NM_000964; both readings are in frame):

- ``bcr1`` (L-form, PML breakpoint in intron 6) = PML exon 6 :: RARA exon 3;
  ``bcr3`` (S-form, intron 3) = PML exon 3 :: RARA exon 3 [GABERT_2003, CHILLON_2000].
- ``bcr2`` (V-form) breaks inside PML exon 6 at a variable base: no single junction, so it is
  refused, asking for the genomic breakpoint or the PML exon 6 base.

TMPRSS2::ERG ``TnEm`` (also ``Tn/Em``, ``Tn-Em``): T = last TMPRSS2 exon kept, E = first ERG exon
kept [WANG_2006]. The form does not say on which ERG transcript its exons are counted, and the
bundle's ERG transcripts count them differently (the ERG exon starting at chr21:38445621 is
exon 2 of MANE ENST00000288319 and exon 4 of ERG-205, -207, -208 and -209): the reading says
so and names what would decide it (a transcript, or the genomic breakpoint).
"""

from __future__ import annotations

import re

from fusionviz.notation._text import _fail, _quote

CROSS_2023 = (
    "Cross NCP, Ernst T, Branford S, et al. European LeukemiaNet laboratory recommendations "
    "for the diagnosis and management of chronic myeloid leukemia. Leukemia 2023;37(11):"
    "2150-2167, doi:10.1038/s41375-023-02048-y, PMID 37794101"
)
MOLICA_2020 = (
    "Molica M, Abruzzese E, Breccia M. Prognostic significance of transcript-type BCR-ABL1 in "
    "chronic myeloid leukemia. Mediterr J Hematol Infect Dis 2020;12(1):e2020062"
)
KANG_2016 = (
    "Kang ZJ, Liu YF, Xu LZ, et al. The Philadelphia chromosome in leukemogenesis. "
    "Chin J Cancer 2016;35:48, doi:10.1186/s40880-016-0108-0"
)
GABERT_2003 = (
    "Gabert J, Beillard E, van der Velden VHJ, et al. Standardization and quality control "
    "studies of 'real-time' quantitative reverse transcriptase polymerase chain reaction of "
    "fusion gene transcripts for residual disease detection in leukemia - a Europe Against "
    "Cancer program. Leukemia 2003;17:2318-2357 (its PML-RARA assays: PMLex6/RARex3 = L-form = "
    "bcr1, PMLex3/RARex3 = S-form = bcr3; V-form = bcr2 breaks in PML exon 6)"
)
CHILLON_2000 = (
    "Chillon MC, Gonzalez M, Garcia-Sanz R, et al. Two new 3' PML breakpoints in "
    "t(15;17)(q22;q21)-positive acute promyelocytic leukemia. Genes Chromosomes Cancer "
    "2000;27:35-43 (bcr1: PML breakpoint within intron 6, as in the NB4 cell line)"
)
WANG_2006 = (
    "Wang J, Cai Y, Ren C, Ittmann M. Expression of variant TMPRSS2/ERG fusion messenger RNAs "
    "is associated with aggressive prostate cancer. Cancer Res 2006;66(17):8347-8351, "
    "doi:10.1158/0008-5472.CAN-06-1966"
)

_BCR_ABL1 = ("BCR", "ABL1")
_PML_RARA = ("PML", "RARA")
_TMPRSS2_ERG = ("TMPRSS2", "ERG")
_EA = re.compile(r"e(\d{1,2})a(\d{1,2})", re.IGNORECASE)
_TE = re.compile(r"t(\d{1,2}) ?[/-]? ?e(\d{1,2})", re.IGNORECASE)
_FORM = re.compile(
    r"(?:e\d{1,2}a\d{1,2}|b[23]a2|p(?:190|210|230)|bcr[123]|t\d{1,2} ?[/-]? ?e\d{1,2})"
)
_OLD = {"b2a2": ("e13a2", 13, 2), "b3a2": ("e14a2", 14, 2)}
_PROTEIN = {"p190": ("e1a2", 1, 2, "minor bcr"), "p230": ("e19a2", 19, 2, "micro bcr")}
_APL = {"bcr1": (6, 3, "L-form, PML breakpoint in intron 6"), "bcr3": (3, 3, "S-form, intron 3")}


def is_short_form(tail: str) -> bool:
    """True when ``tail`` (the text after the gene pair) is one of these short forms."""
    return bool(_FORM.fullmatch(tail.strip().lower()))


def _pair_is(genes: tuple[str, str], want: tuple[str, str], form: str) -> None:
    if (genes[0].upper(), genes[1].upper()) != want:
        _fail(
            f"{_quote(form)} is a {want[0]}::{want[1]} short form, not one of "
            f"{genes[0]}::{genes[1]}; give exons instead (e.g. '{genes[0]} e5::{genes[1]} e19')"
        )


def read_short_form(genes: tuple[str, str], tail: str) -> tuple[int, int, str]:
    """(5' exon, 3' exon, reading sentence with its citation) of a short form of ``genes``
    (as written, case-insensitive); raises the parser's failure when the form names no single
    junction or belongs to another gene pair."""
    form = tail.strip().lower().replace(" ", "")
    # Each family's forms are tried in turn; the first that reads the form answers.
    for read in (_bcr_abl1_form, _pml_rara_form, _tmprss2_erg_form):
        found = read(genes, form, tail)
        if found is not None:
            return found
    _fail(f"{_quote(tail)} is not a known short form")


def _bcr_abl1_form(genes: tuple[str, str], form: str, tail: str) -> tuple[int, int, str] | None:
    """A BCR::ABL1 transcript type (e13a2, b2a2, p190, ...), or None."""
    g5, g3 = genes
    if form in _OLD:
        _pair_is(genes, _BCR_ABL1, tail)
        new, e5, e3 = _OLD[form]
        return (
            e5,
            e3,
            (
                f"{form} = {new} = {g5} exon {e5} :: {g3} exon {e3} (older exon names; "
                f"{MOLICA_2020}; exons counted as in {CROSS_2023})"
            ),
        )
    if form in _PROTEIN:
        _pair_is(genes, _BCR_ABL1, tail)
        new, e5, e3, region = _PROTEIN[form]
        return (
            e5,
            e3,
            (
                f"{form} = {new} ({region}) = {g5} exon {e5} :: {g3} exon {e3} ({KANG_2016}; "
                f"{CROSS_2023})"
            ),
        )
    if form == "p210":
        _pair_is(genes, _BCR_ABL1, tail)
        _fail(
            "p210 (major bcr) is e13a2 (b2a2) or e14a2 (b3a2), two junctions "
            f"({KANG_2016}); give the transcript type, e.g. 'BCR::ABL1 e14a2', or the exons"
        )
    m = _EA.fullmatch(form)
    if m:
        _pair_is(genes, _BCR_ABL1, tail)
        e5, e3 = int(m[1]), int(m[2])
        return e5, e3, f"{form} = {g5} exon {e5} :: {g3} exon {e3} ({CROSS_2023})"
    return None


def _pml_rara_form(genes: tuple[str, str], form: str, tail: str) -> tuple[int, int, str] | None:
    """A PML::RARA breakpoint-cluster form (bcr1, bcr3), or None."""
    g5, g3 = genes
    if form in _APL:
        _pair_is(genes, _PML_RARA, tail)
        e5, e3, what = _APL[form]
        return (
            e5,
            e3,
            (f"{form} ({what}) = {g5} exon {e5} :: {g3} exon {e3} ({GABERT_2003}; {CHILLON_2000})"),
        )
    if form == "bcr2":
        _pair_is(genes, _PML_RARA, tail)
        _fail(
            "bcr2 (V-form) breaks inside PML exon 6 at a base that varies between patients "
            f"({GABERT_2003}): it names no single junction; give the genomic breakpoint "
            "(--5p chr15:POSITION) or the PML exon and RARA exon"
        )
    return None


def _tmprss2_erg_form(genes: tuple[str, str], form: str, tail: str) -> tuple[int, int, str] | None:
    """A TMPRSS2::ERG T<n>E<m> form, or None."""
    g5, g3 = genes
    m = _TE.fullmatch(form)
    if m:
        _pair_is(genes, _TMPRSS2_ERG, tail)
        e5, e3 = int(m[1]), int(m[2])
        return (
            e5,
            e3,
            (
                f"T{e5}E{e3} = {g5} exon {e5} :: {g3} exon {e3} (T = last TMPRSS2 exon, E = first "
                f"ERG exon; {WANG_2006}); the form does not say on which ERG transcript its exons "
                "are counted and ERG transcripts count them differently (the exon starting at "
                "chr21:38445621 is exon 2 of MANE ENST00000288319 but exon 4 of ERG-205/-207/-208/"
                "-209): fusionviz counts on the transcripts used; give ERG(ERG-205) or the "
                "genomic breakpoint to decide"
            ),
        )
    return None

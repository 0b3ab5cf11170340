"""Figure style: size, fonts, what is shown, domain colours/renames/hiding/merging.

Every field has a default, so nobody needs a style file. A style file (TOML, or YAML
when PyYAML is installed) may set any subset; the command-line flags (``--width``,
``--font-size``, ``--dpi``, ``--compact``, ``--no-title`` ...) override it::

    width = 7.2                       # inches: 3.5 single column, 7.2 double column
    font_family = "DejaVu Sans"
    font_size = 7                     # labels, points (default 7; 6 below 4.5 in wide)
    title_size = 9                    # default font_size + 2
    small_size = 6                    # numbers, legend, footer; default font_size - 1
    dpi = 300                         # raster output
    track_height = 0.16               # protein backbone height, inches
    title = true                      # the headline (name, verdict, readings)
    legend = true
    footer = true                     # version, date and data sources
    exons = true                      # the numbered-exon panel above the proteins
    compact = false                   # the fusion (and its exons) only
    fragment_aa = 5                   # kept pieces shorter than this are drawn as stubs
    source_priority = ["UniProt", "Pfam", "InterPro"]
    draw_kinds = ["motif"]            # extra feature kinds to draw (besides domains)
    hide = ["MAM"]                    # features (any of their names) or families
    [colors]                          # family or feature name -> colour
    kinase = "#0072B2"
    [rename]                          # feature name (any source's) -> label
    "Protein kinase" = "Tyrosine kinase"
    [merge]                           # feature name -> family (shares its colour)
    "HNF-1 N-terminal" = "homeobox"

A feature described by several databases is drawn once (:mod:`fusionviz.features`),
with the coordinates of the source that comes first in ``source_priority`` (matched
case-insensitively as a substring of ``Domain.source``), then the longer one. A name
in ``hide``, ``rename``, ``colors`` or ``merge`` that matches no feature or family
gives a warning with the close matches (:func:`style_warnings`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from fusionviz.errors import StyleError

DEFAULT_SOURCE_PRIORITY = ("UniProt", "Pfam", "InterPro")

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


@dataclass(frozen=True)
class Style:
    """How figures look. Frozen; use :func:`dataclasses.replace` to derive a variant."""

    width: float = 7.2  # a journal's double column (3.5 single column)
    font_family: str = "DejaVu Sans"
    font_size: float | None = None  # 7 pt, 6 pt below 4.5 in
    title_size: float | None = None  # font_size + 2
    small_size: float | None = None  # font_size - 1
    dpi: int = 300
    track_height: float = 0.16
    title: bool = True
    legend: bool = True
    footer: bool = True
    exons: bool = True
    compact: bool = False
    fragment_aa: int = 5
    source_priority: tuple[str, ...] = DEFAULT_SOURCE_PRIORITY
    draw_kinds: tuple[str, ...] = ()
    hide: frozenset[str] = frozenset()
    colors: dict[str, str] = field(default_factory=dict)
    rename: dict[str, str] = field(default_factory=dict)
    merge: dict[str, str] = field(default_factory=dict)

    def __hash__(self) -> int:  # dict fields: hash by the printed form (styles are small)
        return hash(repr(self))

    @property
    def label_size(self) -> float:
        """Labels (points): ``font_size``, else 7 (6 for figures narrower than 4.5 in)."""
        if self.font_size is not None:
            return self.font_size
        return 6.0 if self.width < 4.5 else 7.0

    @property
    def heading_size(self) -> float:
        return self.title_size if self.title_size is not None else self.label_size + 2.0

    @property
    def note_size(self) -> float:
        """Numbers, legend, footer (points)."""
        if self.small_size is not None:
            return self.small_size
        return max(5.0, self.label_size - 1.0)

    @property
    def narrow(self) -> bool:
        """A single-column figure: shorter left-column labels and subtitles."""
        return self.width < 4.5


_NUMBER_FIELDS = {
    "width": (2.0, 30.0),
    "dpi": (50, 1200),
    "fragment_aa": (0, 100),
    "font_size": (4.0, 30.0),
    "title_size": (4.0, 40.0),
    "small_size": (3.0, 30.0),
    "track_height": (0.05, 1.0),
}
_MAPPING_FIELDS = ("colors", "rename", "merge")
_BOOL_FIELDS = ("title", "legend", "footer", "exons", "compact")
_INT_FIELDS = ("dpi", "fragment_aa")
_VALID_KEYS = tuple(f.name for f in fields(Style))


def load_style(path: str | Path) -> Style:
    """Read a TOML (``.toml``) or YAML (``.yaml``/``.yml``) style file.

    Raises :class:`~fusionviz.errors.StyleError` with a one-line message when the file
    is missing, unparsable or holds an unknown key or a bad value.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise StyleError(f"cannot read style file {p}: {exc.strerror or exc}") from None
    suffix = p.suffix.lower()
    if suffix == ".toml":
        data = _parse_toml(raw, p)
    elif suffix in {".yaml", ".yml"}:
        data = _parse_yaml(raw, p)
    else:
        raise StyleError(f"style file {p} must end in .toml, .yaml or .yml")
    return style_from_mapping(data, where=str(p))


def style_from_mapping(data: Any, where: str = "style") -> Style:
    """Build a :class:`Style` from parsed TOML/YAML data, validating every key."""
    if data is None:
        return Style()
    if not isinstance(data, dict):
        raise StyleError(f"{where}: expected a table of settings, got {type(data).__name__}")
    unknown = sorted(k for k in data if k not in _VALID_KEYS)
    if unknown:
        raise StyleError(
            f"{where}: unknown setting '{unknown[0]}'; valid settings: {', '.join(_VALID_KEYS)}"
        )
    kw: dict[str, Any] = {}
    for key, value in data.items():
        if key in _NUMBER_FIELDS:
            lo, hi = _NUMBER_FIELDS[key]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise StyleError(f"{where}: '{key}' must be a number, got {value!r}")
            if not lo <= value <= hi:
                raise StyleError(f"{where}: '{key}' = {value} is outside {lo}..{hi}")
            kw[key] = int(value) if key in _INT_FIELDS else float(value)
        elif key in _BOOL_FIELDS:
            if not isinstance(value, bool):
                raise StyleError(f"{where}: '{key}' must be true or false, got {value!r}")
            kw[key] = value
        elif key == "font_family":
            if not isinstance(value, str) or not value.strip():
                raise StyleError(f"{where}: 'font_family' must be a font name, got {value!r}")
            kw[key] = _installed_font(value.strip(), where)
        elif key in {"source_priority", "draw_kinds", "hide"}:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise StyleError(f"{where}: '{key}' must be a list of names, got {value!r}")
            kw[key] = frozenset(value) if key == "hide" else tuple(value)
        elif key in _MAPPING_FIELDS:
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                raise StyleError(f"{where}: '{key}' must be a table of name = text, got {value!r}")
            if key == "colors":
                value = {k: _colour(v, where, k) for k, v in value.items()}
            kw[key] = dict(value)
    return replace(Style(), **kw)


def _installed_font(name: str, where: str) -> str:
    """``name`` if matplotlib can find that font (a silent fallback would change every
    label width and the look of the figure)."""
    from matplotlib import font_manager  # only when a style names a font

    try:
        font_manager.findfont(name, fallback_to_default=False)
    except ValueError:
        known = sorted({f.name for f in font_manager.fontManager.ttflist})
        raise StyleError(
            f"{where}: font '{name}' is not installed; installed fonts include "
            f"{', '.join(known[:6])}"
        ) from None
    return name


def _colour(value: str, where: str, name: str) -> str:
    """A colour as #rrggbb; named colours are resolved by matplotlib (style files only)."""
    if _HEX.match(value):
        h = value.lstrip("#")
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return "#" + h[:6].upper()
    from matplotlib.colors import is_color_like, to_hex  # only when a style names colours

    if is_color_like(value):
        return to_hex(value).upper()
    raise StyleError(
        f"{where}: colour {value!r} for '{name}' is not a colour; use #rrggbb or a name like 'teal'"
    )


def _parse_toml(raw: bytes, p: Path) -> Any:
    try:
        import tomllib  # Python 3.11+
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ModuleNotFoundError:
            raise StyleError("TOML style files need Python 3.11+ or the 'tomli' package") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StyleError(f"style file {p} is not valid TOML: {msg}") from None


def _parse_yaml(raw: bytes, p: Path) -> Any:
    try:
        import yaml
    except ModuleNotFoundError:
        raise StyleError(
            f"style file {p}: YAML needs the PyYAML package; use a .toml style file instead"
        ) from None
    try:
        return yaml.safe_load(raw.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        msg = " ".join(str(exc).split())
        raise StyleError(f"style file {p} is not valid YAML: {msg}") from None


def style_warnings(style: Style, vocabulary: Iterable[str]) -> tuple[str, ...]:
    """One line per name in ``hide``, ``rename``, ``colors`` or ``merge`` that matches no
    feature name or family in ``vocabulary`` (case-insensitive), with close matches.

    ``vocabulary`` is what the figure draws plus the curated names
    (:data:`fusionviz.feature_names.VOCABULARY`): a name that is valid elsewhere but
    absent from this figure is not a mistake.
    """
    words = {w.lower(): w for w in vocabulary if w}
    out = []
    tables = (
        ("hide", sorted(style.hide)),
        ("rename", list(style.rename)),
        ("colors", list(style.colors)),
        ("merge", list(style.merge)),
    )
    for table, names in tables:
        for name in names:
            if name.lower() in words:
                continue
            close = difflib.get_close_matches(name.lower(), list(words), n=3, cutoff=0.6)
            hint = (
                "; close matches: " + ", ".join(words[c] for c in close)
                if close
                else "; names are feature names as drawn (e.g. 'Protein kinase') or families"
            )
            out.append(f"style '{table}': '{name}' matches no feature or family{hint}")
    return tuple(out)

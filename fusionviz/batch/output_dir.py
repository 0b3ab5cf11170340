"""The output folder of a batch run: checked before the run, written through a
private staging folder, and the earlier run's outputs replaced completely after it."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from fusionviz.errors import OutputError


def check_output_dir(
    out: Path, inputs: Iterable[Path], force: bool, outputs: tuple[str, ...]
) -> None:
    """Refuse a folder that is a file, is not empty (without ``force``) or would
    overwrite an input; create it otherwise."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a directory; give a new or empty folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise OutputError(
            f"output folder {out} is not empty; use --force to overwrite fusionviz's files "
            "in it, or give a new folder"
        )
    targets = {(out / name).resolve() for name in outputs}
    fig_dir = (out / "figures").resolve()
    for p in inputs:
        rp = p.resolve()
        if rp in targets or rp.parent == fig_dir:
            raise OutputError(f"the input {p} would be overwritten; choose another output folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {out}: {exc.strerror or exc}") from None


#: Figure files a run writes (figures/NNNNN_<name>.svg); only these are replaced.
_FIGURE = re.compile(r"^\d{5}_.*\.svg$")


def staging(out: Path) -> Path:
    """A private folder inside ``out`` for this run's files."""
    return Path(tempfile.mkdtemp(prefix=".fusionviz-run-", dir=out))


def publish(stage: Path, out: Path, outputs: tuple[str, ...]) -> None:
    """Replace the earlier run's outputs in ``out`` by this run's, keeping nothing
    stale (figures of an earlier, bigger run included) and no other file touched."""
    for name in outputs:
        (out / name).unlink(missing_ok=True)
    figs = out / "figures"
    if figs.is_dir():
        for f in figs.iterdir():
            if f.is_file() and _FIGURE.match(f.name):
                f.unlink()
        if not any(figs.iterdir()):
            figs.rmdir()
    for item in stage.iterdir():
        if item.is_dir():
            figs.mkdir(exist_ok=True)
            for f in item.iterdir():
                f.replace(figs / f.name)
        else:
            item.replace(out / item.name)
    shutil.rmtree(stage, ignore_errors=True)

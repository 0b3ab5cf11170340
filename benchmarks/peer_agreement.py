"""Measured agreement of fusionviz's frame calls with the callers' own.

Runs every fusion-caller file under ``../shared/callers`` (or ``$FUSIONVIZ_SHARED``)
that fusionviz reads and whose rows carry the caller's frame call (Arriba
``reading_frame``, STAR-Fusion ``PROT_FUSION_TYPE``, FusionCatcher
``Predicted_effect``, JAFFA ``inframe``, ...), joins each row's call with
fusionviz's, and prints per caller a confusion table, the agreement where both
make an in/out-of-frame call, and every disagreement with its reason class.

    python benchmarks/peer_agreement.py            # summary + every disagreement
    python benchmarks/peer_agreement.py --brief    # summary only
    python benchmarks/peer_agreement.py --json out.json

Skips cleanly (exit 0, one line) where ``../shared`` is absent. Files on another
build than the annotation are annotated only when fusionviz can lift them; the
files skipped are listed with the reason.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FUSIONVIZ_SHARED", REPO.parent / "shared"))
CALLS = ("in-frame", "out-of-frame")


@dataclass(frozen=True)
class Outcome:
    """One caller row: the caller's call, ours, and why they differ."""

    file: str
    line: int
    caller: str
    fusion: str
    caller_frame: str
    ours: str
    status: str
    reason_class: str
    reason: str
    verified: bool = True
    #: out of frame on the transcripts used, in frame at the same bases on another pair
    transcripts_decide: bool = False


def caller_family(name: str) -> str:
    """'Arriba 2.x layout' -> 'Arriba'."""
    for fam in ("Arriba", "STAR-Fusion", "FusionCatcher", "FusionInspector", "JAFFA"):
        if fam.lower() in name.lower():
            return fam
    return name.split(" ")[0]


def candidate_files(root: Path) -> list[Path]:
    skip = {".md", ".png", ".tbi", ".bai", ".bam", ".rda", ".rds", ".Rd"}
    return sorted(
        p for p in root.rglob("*") if p.is_file() and p.suffix not in skip and p.stat().st_size
    )


def run_file(path: Path, source, root: Path) -> tuple[list[Outcome], str | None]:
    """Outcomes of one file, or the reason it was skipped."""
    from fusionviz.batch import annotate_rows, plan_build
    from fusionviz.callers import RowError, open_calls
    from fusionviz.callers.prepare import prepared_rows
    from fusionviz.errors import FusionvizError
    from fusionviz.verdicts import in_frame_elsewhere

    rel = str(path.relative_to(root))
    try:
        table = open_calls(path)
        plan = plan_build(table, source)  # a GRCh37 file is lifted, as in `fusionviz batch`
        rows = list(prepared_rows(table, source, plan))
    except FusionvizError as exc:
        return [], str(exc).split(";")[0]
    if plan.lift:
        rel += " (lifted from GRCh37)"
    if not any(not isinstance(r, RowError) and dict(r.extra).get("caller_frame") for r in rows):
        return [], "no caller frame calls"
    fam = caller_family(table.caller)
    out: list[Outcome] = []
    for row, item in zip(rows, annotate_rows(rows, source), strict=True):
        theirs = "" if isinstance(row, RowError) else dict(row.extra).get("caller_frame", "")
        if not theirs:
            continue
        if isinstance(item, RowError):
            out.append(
                Outcome(rel, item.line, fam, item.input, theirs, "error", "", "error", item.reason)
            )
            continue
        a = item[0]
        af = a.fusion
        out.append(
            Outcome(
                rel,
                af.request.line or 0,
                fam,
                f"{af.names.hgnc} {af.request.five_prime.breakpoint}/"
                f"{af.request.three_prime.breakpoint}",
                theirs,
                af.frame,
                a.check.status,
                a.check.reason_class or ("unexplained" if a.check.status == "differs" else ""),
                a.check.reason,
                af.junction.verified,
                bool(in_frame_elsewhere(af.frame, af.junction_readings)),
            )
        )
    return out, None


def summarise(outcomes: list[Outcome]) -> dict:
    by = collections.defaultdict(list)
    for o in outcomes:
        by[o.caller].append(o)
    summary = {}
    for caller, rows in sorted(by.items()):
        table = collections.Counter((o.caller_frame, o.ours) for o in rows)
        both = [o for o in rows if o.caller_frame in CALLS and o.ours in CALLS]
        agree = sum(o.caller_frame == o.ours for o in both)
        firm = [o for o in both if o.verified]
        firm_agree = sum(o.caller_frame == o.ours for o in firm)
        decide = sum(o.caller_frame != o.ours and o.transcripts_decide for o in both)
        differs = [o for o in rows if o.status == "differs"]
        classes = collections.Counter(o.reason_class for o in differs)
        summary[caller] = {
            "rows": len(rows),
            "confusion": {f"{k[0]} / {k[1]}": v for k, v in sorted(table.items())},
            "both_call": len(both),
            "agree": agree,
            "agreement": round(agree / len(both), 4) if both else None,
            "firm_both_call": len(firm),
            "firm_agree": firm_agree,
            "firm_agreement": round(firm_agree / len(firm), 4) if firm else None,
            "disagreements_transcripts_decide": decide,
            "differs": len(differs),
            "reason_classes": dict(classes.most_common()),
            "unexplained": classes.get("unexplained", 0) + classes.get("", 0),
        }
    return summary


def print_report(summary: dict, outcomes: list[Outcome], skipped: dict, brief: bool) -> None:
    ours_cols = ("in-frame", "out-of-frame", "not-applicable", "error")
    for caller, s in summary.items():
        print(f"\n== {caller}: {s['rows']} rows with a caller frame call")
        theirs_rows = sorted({k.split(" / ")[0] for k in s["confusion"]})
        print("   " + "caller / fusionviz".ljust(22) + "".join(f"{c:>16}" for c in ours_cols))
        for t in theirs_rows:
            cells = "".join(f"{s['confusion'].get(f'{t} / {c}', 0):>16}" for c in ours_cols)
            print(f"   {t:<22}{cells}")
        pct = f"{100 * s['agreement']:.1f} %" if s["agreement"] is not None else "n/a"
        fpct = f"{100 * s['firm_agreement']:.1f} %" if s["firm_agreement"] is not None else "n/a"
        print(
            f"   both call in/out: {s['both_call']}; agree {s['agree']} ({pct}); "
            f"flagged differs: {s['differs']}; unexplained: {s['unexplained']}"
        )
        print(
            f"   excluding fusionviz's unverified in-frame readings: {s['firm_both_call']}; "
            f"agree {s['firm_agree']} ({fpct})"
        )
        if s["disagreements_transcripts_decide"]:
            print(
                f"   of the disagreements, answered 'depends on the transcripts' (in frame at "
                f"the same bases on another pair): {s['disagreements_transcripts_decide']}"
            )
        for cls, n in s["reason_classes"].items():
            print(f"     {n:>5}  {cls or '(no class)'}")
    if not brief:
        print("\n== every disagreement")
        for o in outcomes:
            if o.status == "differs":
                print(f"[{o.reason_class}] {o.caller} {o.file}:{o.line} {o.fusion}")
                print(f"    caller {o.caller_frame}; fusionviz {o.ours}: {o.reason}")
    print(f"\n== files skipped ({len(skipped)})")
    reasons = collections.Counter(skipped.values())
    for r, n in reasons.most_common():
        print(f"   {n:>3}  {r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--brief", action="store_true", help="summary only")
    ap.add_argument("--json", type=Path, help="write summary and outcomes as JSON")
    ap.add_argument("--root", type=Path, default=SHARED / "callers")
    args = ap.parse_args(argv)
    if not args.root.is_dir():
        print(f"peer_agreement: {args.root} is not present; nothing to measure")
        return 0
    from fusionviz.sources import default_source

    source = default_source()
    t0 = time.perf_counter()
    outcomes: list[Outcome] = []
    skipped: dict[str, str] = {}
    for path in candidate_files(args.root):
        got, why = run_file(path, source, args.root)
        if why:
            skipped[str(path.relative_to(args.root))] = why
        outcomes += got
    summary = summarise(outcomes)
    print_report(summary, outcomes, skipped, args.brief)
    print(f"\n{len(outcomes)} rows in {time.perf_counter() - t0:.1f} s")
    if args.json:
        args.json.write_text(
            json.dumps({"summary": summary, "outcomes": [asdict(o) for o in outcomes]}, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

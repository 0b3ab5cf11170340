"""fusionviz from Python, as in a notebook: annotate, tabulate, export, draw.

    python examples/notebook_api.py [CALLER_FILE] [OUTPUT_FOLDER]

Each step is one notebook cell. With no arguments it annotates the three seed
fusions; with a STAR-Fusion / Arriba / FusionCatcher file it annotates every row.
It writes ``fusions.csv`` (pandas, when installed), ``fusions.vicc.json`` and
``figure.svg`` into OUTPUT_FOLDER (default: ``notebook_output``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import fusionviz

# --- cell 1: one fusion --------------------------------------------------------------
af = fusionviz.annotate("SQSTM1 e5::ALK e19")
print(af.names.hgnc, af.names.short, af.frame, f"{af.protein.length} aa")
print("VICC:", fusionviz.vicc_nomenclature(af))
for line in af.verdicts:
    print("  ", line)
# In Jupyter, a cell ending with `af` shows the verdict and the figure.

# --- cell 2: many fusions ------------------------------------------------------------
if len(sys.argv) > 1:
    calls = fusionviz.read_caller_file(sys.argv[1])
    print(f"{len(calls)} rows of {calls.caller} ({len(calls.errors)} unreadable)")
    result = fusionviz.annotate_calls(calls)
else:
    result = fusionviz.annotate_calls(
        ["SQSTM1 e5::ALK e19", "EML4 e6::ALK e20", "HMBOX1 e6::ALK e20"]
    )
for row in result.rows:
    f = row.fusion
    print(f"{f.names.hgnc:<16} {f.names.short:<10} {f.frame:<14} {row.known.headline()}")
for err in result.errors:
    print(f"line {err.line}: {err.reason}")

# --- cell 3: a table -----------------------------------------------------------------
out = Path(sys.argv[2] if len(sys.argv) > 2 else "notebook_output")
out.mkdir(parents=True, exist_ok=True)
try:
    df = result.to_dataframe()
except fusionviz.FusionvizError as exc:  # pandas is optional
    print(exc)
else:
    print(df[["name", "short_name", "frame", "fusion_protein_length"]].to_string(index=False))
    df.to_csv(out / "fusions.csv", index=False)

# --- cell 4: VICC objects for a knowledgebase -----------------------------------------
(out / "fusions.vicc.json").write_text(
    json.dumps([f.to_vicc() for f in result], indent=2) + "\n", encoding="utf-8"
)

# --- cell 5: a figure ----------------------------------------------------------------
in_frame = [f for f in result if f.frame == "in-frame"][:3]
if in_frame:
    fusionviz.draw(in_frame, out / "figure.svg")
print(f"wrote {sorted(p.name for p in out.iterdir())} to {out}")

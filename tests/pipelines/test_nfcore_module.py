"""The nf-core-style module of examples/pipelines: its description matches its
process, names every file `fusionviz batch` writes, and its script runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from fusionviz import __version__
from fusionviz.batch import OUTPUT_FILES
from tests.conftest import requires_shared

MODULE = Path(__file__).resolve().parents[2] / "examples/pipelines/nf-core/modules/fusionviz/batch"


def _main() -> str:
    return (MODULE / "main.nf").read_text(encoding="utf-8")


def test_inputs_and_outputs_are_the_nf_core_shape():
    main = _main()
    assert "tuple val(meta), path(fusions)" in main
    emits = re.findall(r"emit: (\w+)", main)
    assert {"html", "tsv", "jsonl", "vicc", "figures", "versions"} <= set(emits)
    meta = yaml.safe_load((MODULE / "meta.yml").read_text(encoding="utf-8"))
    assert [next(iter(o)) for o in meta["output"]] == emits
    assert [next(iter(i)) for i in meta["input"][0]] == ["meta", "fusions"]


def test_every_batch_output_file_is_emitted():
    main = _main()
    for name in OUTPUT_FILES:
        assert f'path("${{prefix}}/{name}")' in main, name


@requires_shared
def test_module_script_runs_and_writes_versions(tmp_path, shared_dir):
    # Nextflow strips the script's common indentation before running it.
    script = textwrap.dedent(re.search(r'script:\n.*?"""\n(.*?)"""', _main(), re.S).group(1))
    fusions = shared_dir / "callers" / "fusion-report" / "starfusion.tsv"
    shell = (
        script.replace("$fusions", str(fusions))
        .replace("$prefix", "sample1")
        .replace("$args", "")
        .replace("$task.cpus", "2")
        .replace("${task.process}", "FUSIONVIZ_BATCH")
        .replace("\\$", "$")
    )
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    run = subprocess.run(
        ["bash", "-c", shell], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    for name in OUTPUT_FILES:
        assert (tmp_path / "sample1" / name).is_file(), name
    versions = yaml.safe_load((tmp_path / "versions.yml").read_text())
    assert versions == {"FUSIONVIZ_BATCH": {"fusionviz": __version__}}

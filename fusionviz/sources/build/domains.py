"""Protein features: Pfam 37.0 regions and ideogram InterPro/Pfam/topology rows."""

from __future__ import annotations

from collections import defaultdict

from fusionviz.sources.build.constants import IDEOGRAM, IDEOGRAM_TOPOLOGY, PFAM_VERSION
from fusionviz.sources.build.ideogram import _ideogram_legend, _read_ideogram_protein_rows
from fusionviz.sources.build.records import read_tsv


def _dom(gene, target, plen, db, ver, acc, name, kind, s, e, source, desc) -> tuple:
    return (gene, target, str(plen), db, ver, acc, name, kind, str(s), str(e), source, desc)


def _pfam_domains(up, transcripts, acc_len, domains, report) -> dict[str, tuple[str, str]]:
    """Pfam 37.0 regions of the bundled UniProt accessions; returns Pfam acc -> (name, type)
    over the whole human proteome (used to type ideogram's Pfam keys)."""
    gene_of = {t.uniprot: t.gene for t in transcripts if t.uniprot}
    path = up / "g3viz_pfam/9606.tsv.gz"
    if not path.exists():
        path = up / "g3viz_pfam/9606.panel.tsv"
    families: dict[str, tuple[str, str]] = {}
    for f in read_tsv(path):
        acc = f[0]
        families.setdefault(f[5], (f[6], f[7].lower()))
        if acc not in gene_of:
            continue
        a_s, a_e, env_s, env_e = (int(x) for x in f[1:5])
        plen = acc_len[acc]
        if env_e > plen:
            report.drop(f"Pfam {f[6]} on {acc}: envelope {env_s}-{env_e} beyond {plen} aa")
            continue
        domains.append(
            _dom(
                gene_of[acc],
                f"uniprot:{acc}",
                plen,
                "Pfam",
                PFAM_VERSION,
                f[5],
                f[6],
                f[7].lower(),
                env_s,
                env_e,
                f"Pfam {PFAM_VERSION}",
                f"envelope; alignment {a_s}-{a_e}; clan {f[13]}",
            )
        )
    return families


def _ideogram_key(key: str, legend: dict, pfam_families) -> tuple | None:
    """(db, acc, name, kind) of one ideogram feature key; None for an unknown key."""
    if key.isdigit():
        # ideogram gives no InterPro entry type: "domain" is the generic kind.
        return "InterPro", f"IPR{int(key):06d}", legend.get(key), "domain"
    if key.startswith("PF"):
        kind = (pfam_families or {}).get(key, ("", "domain"))[1]
        return "Pfam", key, legend.get(key), kind
    if key == "S":
        return "UniProt", "SIGNAL", "Signal peptide", "signal"
    if key == "_H" or key.startswith("_Helical"):
        note = key.split(" --- ", 1)[1] if " --- " in key else ""
        nm = f"Transmembrane (Helical; {note})" if note else "Transmembrane (Helical)"
        return "UniProt", "TRANSMEM", nm, "transmembrane"
    if key in IDEOGRAM_TOPOLOGY:
        return "UniProt", "TOPO_DOM", IDEOGRAM_TOPOLOGY[key], "topology"
    if key.startswith("_") and "helical" in key.lower():
        nm = f"Transmembrane ({key[1:].replace(' --- ', '; ')})"
        return "UniProt", "TRANSMEM", nm, "transmembrane"
    if key.startswith("_"):
        # Other UniProt topological-domain locations (e.g. "_Mitochondrial
        # intermembrane", "_Vesicular"), named as UniProt names them.
        return "UniProt", "TOPO_DOM", key[1:], "topology"
    return None


def _ideogram_feature_kept(name, t, key, feature, s, e, uniprot_ft, report, skipped) -> bool:
    """Whether one classified ideogram feature of transcript ``t`` goes into the bundle."""
    db, acc, nm, kind = feature
    if db == "UniProt" and not t.uniprot:
        # UniProt topology is in canonical-UniProt coordinates (isoform rows copy
        # it unmapped, e.g. NTRK3-201 612 aa with Cytoplasmic 454-839): keep it only
        # where the UniProt length equals this transcript's protein.
        skipped.append(name)
        return False
    ft = uniprot_ft.get(f"uniprot:{t.uniprot}", set())
    if db == "UniProt" and ft:
        # The UniProt flat file itself is bundled for this protein: prefer it.
        if (kind, s, e) not in ft:
            report.find(
                f"ideogram {name} {acc} {s}-{e} has no identical UniProt FT "
                "feature; UniProt flat file preferred"
            )
        return False
    if nm is None:
        report.drop(f"ideogram {name}: key {key} missing from the legend")
        return False
    return True


def _uniprot_ft_features(domains) -> dict[str, set[tuple[str, int, int]]]:
    """(kind, start, end) of the bundled UniProt flat-file features, by target."""
    uniprot_ft: dict[str, set[tuple[str, int, int]]] = defaultdict(set)
    for d in domains:
        if d[3] == "UniProtKB/Swiss-Prot":
            uniprot_ft[d[1]].add((d[7], int(d[8]), int(d[9])))
    return uniprot_ft


def _ideogram_domains(inp, transcripts, domains, report, pfam_families=None) -> None:
    legend = _ideogram_legend(inp.ideo_proteins)
    rows = _read_ideogram_protein_rows(inp.ideo_proteins)
    by_name = {t.name: t for t in transcripts}
    via = f"via {IDEOGRAM} (Ensembl 110)"
    skipped_topology: list[str] = []
    uniprot_ft = _uniprot_ft_features(domains)
    for gene in sorted(rows):
        first = next(iter(rows[gene]))
        mane_name = next((t.name for t in transcripts if t.gene == gene and t.is_mane), None)
        if first != mane_name:
            report.find(f"{gene}: ideogram canonical protein row is {first}, MANE is {mane_name}")
        for name, feats in sorted(rows[gene].items()):
            t = by_name.get(name)
            if t is None or t.cds is None:
                report.drop(f"ideogram protein row {name}: no coding transcript of that name")
                continue
            plen = t.protein_length()
            for key, s, e in feats:
                feature = _ideogram_key(key, legend, pfam_families)
                if feature is None:
                    report.drop(f"ideogram {name}: unknown feature key {key!r}")
                    continue
                args = (name, t, key, feature, s, e, uniprot_ft, report, skipped_topology)
                if not _ideogram_feature_kept(*args):
                    continue
                db, acc, nm, kind = feature
                if e > plen:
                    report.drop(f"ideogram {name} {acc} {s}-{e}: beyond protein length {plen}")
                    continue
                label = {"InterPro": "InterPro", "Pfam": "Pfam", "UniProt": "UniProt topology"}[db]
                row = (gene, f"transcript:{name}", plen, label, f"{IDEOGRAM}", acc, nm, kind)
                domains.append(_dom(*row, s, e, f"{label} {via}", ""))
    if skipped_topology:
        names = sorted(set(skipped_topology))
        report.drop(
            f"ideogram UniProt topology/signal features on {len(names)} transcripts whose "
            f"protein length differs from UniProt's ({len(skipped_topology)} features): "
            + ", ".join(names)
        )

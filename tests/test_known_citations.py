"""Every source of the bundled known-fusions table is a citation a pathologist can look
up: authors, journal, year and a DOI or PMID; no internal working notes reach a user."""

from __future__ import annotations

import re

import pytest

from fusionviz.known import load_known_table

# Phrases that describe our own reading rather than the literature.
WORKING_NOTES = (
    "abstract read",
    "not verified",
    "seed case",
    "text read",
    "was not read",
    "as quoted",
    "summarised in",
    "bibliographic details",
    "verification.md",
    "the project's",
    "fusionviz",
    "not shown in the text",
)
AUTHOR = re.compile(r"\b[A-Z][A-Za-z'\-]+ [A-Z]{1,3}[,.;]")
YEAR = re.compile(r"\b(19|20)\d\d\b")
IDENTIFIER = re.compile(r"doi:10\.\d{4,9}/\S+|PMID \d{6,9}")

ENTRIES = load_known_table().entries


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.where for e in ENTRIES])
def test_every_source_cites_authors_a_year_and_a_doi_or_pmid(entry):
    for cite in entry.source.split("; "):
        if not AUTHOR.search(cite):
            continue  # a second clause of the same citation
        assert YEAR.search(entry.source), entry.where
    assert AUTHOR.search(entry.source), f"{entry.where}: no author named"
    assert IDENTIFIER.search(entry.source), f"{entry.where}: no DOI or PMID"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.where for e in ENTRIES])
def test_no_working_notes_in_sources_or_notes(entry):
    for field in (entry.source, entry.note, entry.common_name, entry.tumour_types):
        low = field.lower()
        for phrase in WORKING_NOTES:
            assert phrase not in low, f"{entry.where}: '{phrase}' in {field!r}"


def test_the_phrase_check_rejects_a_working_note():
    note = "case report summarised in the project's seed cases (abstract read)"
    assert any(p in note.lower() for p in WORKING_NOTES)

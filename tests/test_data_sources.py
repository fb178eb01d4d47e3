"""The shipped data against its source: every relation's actors are named where it cites,
and our own text (English or Arabic) never copies a sentence of it.

A reviewer checks the data against the article line by line; this test does the part a
machine can. For every relation, each endpoint must be named in at least one paragraph the
relation cites, by its Arabic name or one of the Arabic forms the source uses for it
(``aliases_ar``), or through an actor affiliated with it (a minister for a ministry, a
general for an army). The few exceptions are listed below with their reason.

The article lives outside the repository (``../shared/sources`` or
``$BORDERLINES_SOURCES``); without it the test skips and says why.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import pytest

from graph.load import (
    Dataset,
    default_sources_dir,
    load_dataset,
    parse_evidence,
    read_paragraphs,
)

# relation id -> endpoint -> why it is not named in the cited paragraphs.
EXCEPTIONS: dict[str, dict[str, str]] = {}


def _sources_dir():
    folder = default_sources_dir()
    if folder is None or not folder.is_dir():
        pytest.skip(
            "the source documents are not at hand: set BORDERLINES_SOURCES or keep "
            "../shared/sources beside the repository"
        )
    return folder


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


@pytest.fixture(scope="module")
def paragraphs(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    folder = _sources_dir()
    documents = {}
    for source_id, row in dataset.sources.iterrows():
        if row["file"] and (folder / row["file"]).is_file():
            documents[source_id] = read_paragraphs(folder / row["file"])
    if not documents:
        pytest.skip(f"no source document of data/sources.csv is in {folder}")
    return documents


def _arabic_forms(dataset: Dataset) -> dict[str, set[str]]:
    forms = {}
    for actor_id, row in dataset.actors.iterrows():
        forms[actor_id] = {row["name_ar"], *(row["aliases_ar"] or ())} - {None, ""}
    return forms


def _affiliates(dataset: Dataset) -> dict[str, set[str]]:
    """Actors tied to each actor by an affiliation, in either direction."""
    tied: dict[str, set[str]] = defaultdict(set)
    relations = dataset.relations
    for _, row in relations[relations["relation"] == "affiliation"].iterrows():
        tied[row["source"]].add(row["target"])
        tied[row["target"]].add(row["source"])
    return tied


def _cited_text(evidence: str, paragraphs: dict[str, tuple[str, ...]]) -> str | None:
    texts = []
    for source_id, numbers in parse_evidence(evidence):
        if source_id not in paragraphs:
            return None
        texts.extend(paragraphs[source_id][n - 1] for n in numbers)
    return "\n".join(texts)


def _unnamed_endpoints(dataset: Dataset, paragraphs: dict[str, tuple[str, ...]]):
    forms = _arabic_forms(dataset)
    affiliates = _affiliates(dataset)
    for relation_id, row in dataset.relations.iterrows():
        text = _cited_text(row["evidence"], paragraphs)
        if text is None:
            continue
        for endpoint in (row["source"], row["target"]):
            candidates = {endpoint} | affiliates[endpoint]
            if not any(form in text for actor in candidates for form in forms[actor]):
                yield relation_id, endpoint


def test_every_endpoint_is_named_where_its_relation_cites(dataset, paragraphs):
    unnamed = {
        (relation, endpoint)
        for relation, endpoint in _unnamed_endpoints(dataset, paragraphs)
        if endpoint not in EXCEPTIONS.get(relation, {})
    }
    assert not unnamed, (
        "endpoints not named in any paragraph their relation cites (by name_ar, aliases_ar "
        f"or an affiliated actor): {sorted(unnamed)}"
    )


def test_listed_exceptions_are_still_needed(dataset, paragraphs):
    unnamed = set(_unnamed_endpoints(dataset, paragraphs))
    stale = {
        (relation, endpoint)
        for relation, endpoints in EXCEPTIONS.items()
        for endpoint in endpoints
        if (relation, endpoint) not in unnamed
    }
    assert not stale, f"exceptions no longer needed, remove them: {sorted(stale)}"


def test_every_arabic_form_occurs_in_a_source(dataset, paragraphs):
    """An Arabic name or alias the source never uses would make the check above too easy."""
    corpus = "\n".join("\n".join(texts) for texts in paragraphs.values())
    missing = {
        (actor, form)
        for actor, forms in _arabic_forms(dataset).items()
        for form in forms
        if form not in corpus
    }
    assert not missing, f"Arabic forms that no source document contains: {sorted(missing)}"


def test_the_check_catches_an_actor_cited_where_it_is_not_named(dataset, paragraphs):
    """Guard the guard: moving a relation's evidence to an unrelated paragraph is caught."""
    relations = dataset.relations.copy()
    first = relations.index[relations["relation"] != "affiliation"][0]
    relations.loc[first, "evidence"] = "mena-2021-10:4"
    relations.loc[first, "source"] = "jaish-al-adl"
    broken = dataclasses.replace(dataset, relations=relations)
    assert (first, "jaish-al-adl") in set(_unnamed_endpoints(broken, paragraphs))


#: Our own text in the data, English and Arabic: table -> columns (names are the source's
#: own by rule, and short; these are sentences we write).
OWN_WORDS = {
    "actors": ("description", "description_ar"),
    "relations": ("summary", "summary_ar"),
    "events": ("title", "title_ar", "summary", "summary_ar"),
    "places": ("note", "note_ar"),
}
RUN = 7  # words in a row that would be the source's sentence, not ours


def _runs(text: str) -> set[str]:
    import re

    words = re.findall(r"\w+", text)
    return {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def test_our_text_never_copies_a_sentence_of_the_source(dataset, paragraphs):
    source_runs = set().union(*(_runs(p) for ps in paragraphs.values() for p in ps))
    copied = []
    for table, columns in OWN_WORDS.items():
        frame = getattr(dataset, table)
        for column in columns:
            for ident, text in frame[column].dropna().items():
                found = _runs(str(text)) & source_runs
                if found:
                    copied.append(f"{table}.csv {ident} {column}: {sorted(found)[0]!r}")
    assert not copied, copied

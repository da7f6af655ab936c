"""Every concept an admin may read on the review page has a name in each language, never its key."""

import csv
from pathlib import Path

import pytest
from django.utils import translation

from trials import wording
from trials.models import Criterion

CONCEPTS = Path(wording.__file__).parent / "registry" / "concepts" / "concepts.csv"


def concepts() -> list[dict]:
    with CONCEPTS.open(encoding="utf-8", newline="") as table:
        return list(csv.DictReader(table))


def first_name(row, language) -> str:
    return (wording.concept_names().get(row["key"]) or {}).get(language) or row[language].split("|")[0].strip()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_concept_key_has_a_name_in_each_language(language):
    unnamed = [row["key"] for row in concepts() if not first_name(row, language)]
    assert unnamed == []


def test_the_names_table_names_only_concepts_that_exist_each_in_both_languages():
    keys = {row["key"] for row in concepts()}
    assert set(wording.concept_names()) <= keys
    assert all(names["en"] and names["zh"] for names in wording.concept_names().values())


def drafted(keys, stored_names=None) -> Criterion:
    proposal = {"source": "concepts", "concepts": keys, "words": ["Female"], "kind": "inclusion"}
    if stored_names is not None:
        proposal["names"] = stored_names
    return Criterion(kind="inclusion", proposal=proposal)


@pytest.mark.parametrize(
    ("language", "keys", "stored", "reads"),
    [
        ("en", ["female_sex"], {"en": ["female sex"], "zh": ["female sex"]}, "Read as concepts: female, as stated"),
        ("zh-hans", ["female_sex"], {"en": ["female sex"], "zh": ["female sex"]}, "读作概念：女性，"),
        ("en", ["antifibrotic_ever"], None, "Read as concepts: an antifibrotic medicine, now or in the past, as"),
        ("zh-hans", ["healthy_volunteer", "copd"], None, "读作概念：健康志愿者、copd，"),  # no stored names: the key
        ("zh-hans", ["copd"], {"en": ["COPD"], "zh": ["慢性阻塞性肺疾病"]}, "读作概念：慢性阻塞性肺疾病，"),
    ],
    ids=["drafted with the key", "in Chinese", "drafted before names were kept", "the key otherwise", "its own name"],
)
def test_the_review_line_names_a_concept_without_names_of_its_own_from_the_table(language, keys, stored, reads):
    with translation.override(language):
        line = drafted(keys, stored).concept_reading()
    assert line.startswith(reads), line
    assert "_" not in line.split("“")[0]

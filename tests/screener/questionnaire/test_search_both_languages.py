"""Searching studies in either language: the words patients and doctors use find the registry's terms, and
places are found whichever script the patient or the registry wrote them in (issue 22)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.chinese import ZH
from trials import search_terms
from trials.models import CatalogueVersion, Site, Trial

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def study(nct, title, conditions, city="", state="", country="", zh=None, title_zh=""):
    trial = Trial.objects.create(
        nct_id=nct,
        brief_title=title,
        conditions=conditions,
        is_published=True,
        overall_status="RECRUITING",
        patient_title_zh_hans=title_zh or None,
    )
    if city or country:
        site = Site(trial=trial, facility_en=f"Hospital of {nct}", city_en=city, state_en=state, country_en=country)
        for field, value in (zh or {}).items():
            setattr(site, f"{field}_zh_hans", value)
        site.save()
    return trial


@pytest.fixture
def registry():
    study(
        "NCT00000001",
        "Inhaled Therapy in Chronic Obstructive Lung Disease",
        ["Pulmonary Disease, Chronic Obstructive"],
        city="Yiwu",
        state="Zhejiang",
        country="China",
    )
    study(
        "NCT00000002",
        "Nintedanib in Progressive Fibrosing ILD",
        ["Interstitial Lung Disease"],
        city="Beijing",
        country="China",
        zh={"city": "北京", "country": "中国"},
    )
    study("NCT00000003", "一项吸入药物治疗哮喘的临床研究", ["Bronchial Asthma"], city="Lyon", country="France")
    study("NCT00000004", "A Study of Mild Persistent Cough", ["Cough"], city="Boston", country="United States")
    study("NCT00000005", "Idiopathic Pulmonary Fibrosis and Cough", ["IPF"], title_zh="特发性肺纤维化的咳嗽研究")
    study("NCT00000006", "Bronchiectasis Exacerbations", ["Bronchiectasis"], city="义乌", country="中国")
    CatalogueVersion.bump()


def found(client, **query) -> set[str]:
    html = client.get(reverse("questionnaire:start"), query).content.decode()
    return set(re.findall(r'href="/studies/(NCT\d{8})/"', html))


@pytest.mark.parametrize(
    "words, expected",
    [
        ("慢阻肺", {"NCT00000001"}),
        ("慢阻肺病", {"NCT00000001"}),
        ("慢性阻塞性肺疾病", {"NCT00000001"}),
        ("COPD", {"NCT00000001"}),
        ("copd", {"NCT00000001"}),
        ("间质性肺疾病", {"NCT00000002", "NCT00000005"}),
        ("间质性肺病", {"NCT00000002", "NCT00000005"}),
        ("肺纤维化", {"NCT00000002", "NCT00000005"}),
        ("肺间质纤维化", {"NCT00000002", "NCT00000005"}),
        ("ILD", {"NCT00000002", "NCT00000005"}),
        ("IPF", {"NCT00000002", "NCT00000005"}),
        ("特发性肺纤维化", {"NCT00000002", "NCT00000005"}),
        ("支扩", {"NCT00000006"}),
        ("哮喘", {"NCT00000003"}),
        ("asthma", {"NCT00000003"}),
        ("我有慢阻肺", {"NCT00000001"}),
    ],
)
@pytest.mark.parametrize("headers", [EN, ZH], ids=["english page", "chinese page"])
def test_the_words_patients_use_find_studies_in_either_language(registry, headers, words, expected):
    assert found(Client(**headers), q=words) == expected


def test_a_short_acronym_is_a_whole_word_so_ild_does_not_find_mild(registry):
    assert "NCT00000004" not in found(Client(**EN), q="ILD")
    assert found(Client(**EN), q="mild") == {"NCT00000004"}  # a plain word still matches inside titles


@pytest.mark.parametrize(
    "place, expected",
    [
        ("China", {"NCT00000001", "NCT00000002", "NCT00000006"}),
        ("中国", {"NCT00000001", "NCT00000002", "NCT00000006"}),
        ("Zhejiang", {"NCT00000001"}),
        ("浙江", {"NCT00000001"}),
        ("浙江省", {"NCT00000001"}),
        ("Yiwu", {"NCT00000001", "NCT00000006"}),
        ("义乌", {"NCT00000001", "NCT00000006"}),
        ("义乌市", {"NCT00000001", "NCT00000006"}),
        ("北京", {"NCT00000002"}),
        ("Beijing", {"NCT00000002"}),
        ("法国", {"NCT00000003"}),
    ],
)
@pytest.mark.parametrize("headers", [EN, ZH], ids=["english page", "chinese page"])
def test_places_are_found_in_either_script_on_either_page(registry, headers, place, expected):
    assert found(Client(**headers), place=place) == expected


def test_condition_and_place_together_in_two_scripts(registry):
    assert found(Client(**ZH), q="肺纤维化", place="Beijing") == {"NCT00000002"}
    assert found(Client(**EN), q="ILD", place="中国") == {"NCT00000002"}


def test_the_synonyms_are_a_table_and_every_group_has_a_chinese_name():
    for term in ("慢阻肺", "COPD", "间质性肺病", "ILD", "支扩", "哮喘", "asthma", "肺动脉高压", "PAH"):
        assert len(search_terms.terms_for(term)) > 1, term
    assert search_terms.chinese_name("Pulmonary Disease, Chronic Obstructive") == "慢性阻塞性肺疾病（慢阻肺，COPD）"
    assert (
        search_terms.chinese_name("Chronic Obstructive Pulmonary Disease (COPD)") == "慢性阻塞性肺疾病（慢阻肺，COPD）"
    )
    assert search_terms.chinese_name("Condition 07") is None
    assert search_terms.terms_for("no such illness") == ["no such illness"]


# The search index (docs/decisions/0051-the-start-page-s-search-reads-an-index-written-when-a-trial.md): the synonyms are matched when a trial is saved.


def test_a_study_renamed_is_found_by_its_new_words_and_their_synonyms_and_no_longer_by_its_old(registry):
    trial = Trial.objects.get(nct_id="NCT00000004")
    trial.brief_title = "Tiotropium in Chronic Obstructive Pulmonary Disease"
    trial.save()
    client = Client(**EN)
    assert "NCT00000004" in found(client, q="tiotropium")
    assert "NCT00000004" in found(client, q="慢阻肺")
    assert "NCT00000004" not in found(client, q="Persistent")


def test_a_save_of_some_fields_only_keeps_the_search_index_in_step(registry):
    trial = Trial.objects.get(nct_id="NCT00000004")
    trial.brief_title = "Sarcoidosis of the Lung"
    trial.save(update_fields=["brief_title"])
    assert "NCT00000004" in found(Client(**ZH), q="结节病")
    trial.is_published = False
    trial.save(update_fields=["is_published"])
    trial.is_published = True
    trial.save(update_fields=["is_published"])
    assert "NCT00000004" in found(Client(**ZH), q="结节病")


@pytest.fixture
def synonyms_with_persistent_cough(tmp_path, monkeypatch):
    """The synonyms table with "Persistent Cough" added to the chronic cough group (as an editor would)."""
    import json

    table = json.loads(search_terms.SYNONYMS.read_text(encoding="utf-8"))
    group = next(g for g in table["conditions"] if g["key"] == "chronic-cough")
    group["terms"].append("Persistent Cough")
    changed = tmp_path / "search_synonyms.json"
    changed.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    search_terms._read.cache_clear()
    monkeypatch.setattr(search_terms, "SYNONYMS", changed)
    yield
    monkeypatch.undo()
    search_terms._read.cache_clear()


def test_after_the_synonyms_change_reindex_search_finds_a_study_by_a_word_newly_added(registry, request):
    from django.core.management import call_command

    client = Client(**ZH)
    assert "NCT00000004" not in found(client, q="慢性咳嗽")
    request.getfixturevalue("synonyms_with_persistent_cough")
    assert "NCT00000004" not in found(client, q="慢性咳嗽")  # the index still holds the old table's groups
    call_command("reindex_search", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert "NCT00000004" in found(client, q="慢性咳嗽")
    assert Trial.objects.get(nct_id="NCT00000004").search_groups == " chronic-cough "


def test_the_index_holds_an_acronym_as_a_whole_word_only(registry):
    mild = Trial.objects.get(nct_id="NCT00000004")
    assert " ild " not in mild.search_text and "ild" not in mild.search_groups.split()
    ild = Trial.objects.get(nct_id="NCT00000002")
    assert " ild " in ild.search_text and "ild" in ild.search_groups.split()
    assert set(Trial.objects.search("mild").values_list("nct_id", flat=True)) == {"NCT00000004"}
    assert "NCT00000004" not in set(Trial.objects.search("ild").values_list("nct_id", flat=True))


def test_every_synonym_group_has_its_own_stable_key():
    keys = search_terms.group_keys()
    assert len(keys) == len(set(keys)) == len(search_terms._table()[1])
    assert all(key and " " not in key for key in keys)

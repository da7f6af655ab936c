"""Towns typed in English or Chinese, found offline; distances between points."""

import pytest

from trials.places import distance_km, find, suggest


@pytest.mark.parametrize(
    "typed, label",
    [
        ("Hangzhou", "Hangzhou, China"),
        ("hangzhou", "Hangzhou, China"),
        ("杭州", "杭州 (Hangzhou, China)"),
        ("杭州市", "杭州 (Hangzhou, China)"),
        ("Yiwu", "Yiwu, China"),
        ("义乌", "义乌 (Yiwu, China)"),
        ("浦东", "浦东 (Pudong, China)"),  # a district GeoNames lists as a place
        ("Hangzhou, China", "Hangzhou, China"),  # a suggestion's own label reads back
        ("杭州 (Hangzhou, China)", "杭州 (Hangzhou, China)"),
    ],
)
def test_a_town_is_found_in_english_or_chinese(typed, label):
    assert find(typed)[0].label == label


def test_a_name_shared_by_two_towns_finds_the_larger_first():
    suzhou = find("Suzhou")
    assert len(suzhou) >= 2 and suzhou[0].population > suzhou[1].population


def test_an_unknown_town_finds_nothing():
    assert find("Nowhereville-on-Sea") == []


def test_suggestions_start_with_what_was_typed_largest_first():
    assert suggest("hang")[0].label == "Hangzhou, China"
    assert suggest("杭")[0].label == "杭州 (Hangzhou, China)"
    assert suggest("h") == []  # one Latin letter is too little to suggest from


@pytest.mark.parametrize(
    "a, b, km",
    [
        ((39.9042, 116.4074), (31.2304, 121.4737), 1067),  # Beijing – Shanghai
        ((30.2936, 120.1614), (29.3151, 120.0768), 109),  # Hangzhou – Yiwu
        ((0, 0), (0, 180), 20015),  # half the equator
        ((51.5, -0.12), (51.5, -0.12), 0),
    ],
)
def test_great_circle_distances(a, b, km):
    assert distance_km(*a, *b) == pytest.approx(km, abs=2)


BEIJING, SHANGHAI = (39.9042, 116.4074), (31.2304, 121.4737)


@pytest.mark.parametrize(
    "typed, label",
    [
        ("海淀区", "海淀区 (北京市, China)"),  # GeoNames has no 海淀区: it comes from China's division list
        ("海淀", "海淀区 (北京市, China)"),  # as people often say it, without 区
        ("天河区", "天河区 (广州市, China)"),
        ("余杭", "余杭区 (杭州市, China)"),
        ("武侯区", "武侯区 (成都市, China)"),
        ("朝阳区 (长春市, China)", "朝阳区 (长春市, China)"),  # a suggestion's label picks the district it names
        ("朝阳区 (北京市, China)", "朝阳区 (北京市, China)"),
    ],
)
def test_a_chinese_district_is_found_with_the_city_it_belongs_to(typed, label):
    assert find(typed)[0].label == label


def test_a_district_is_where_its_city_is():
    haidian = find("海淀区")[0]
    assert distance_km(haidian.latitude, haidian.longitude, *BEIJING) < 15
    huangpu = find("黄浦区")[0]  # GeoNames' own Huangpu, found by the division's name too
    assert distance_km(huangpu.latitude, huangpu.longitude, *SHANGHAI) < 10


def test_two_districts_of_one_name_are_both_suggested_and_a_place_in_both_lists_once():
    assert {p.label for p in suggest("朝阳区")} >= {"朝阳区 (北京市, China)", "朝阳区 (长春市, China)"}
    assert [p.label for p in suggest("浦东新区")] == ["浦东新区 (Pudong, China)"]


@pytest.mark.parametrize(
    ("typed", "language", "label"),
    [
        ("Hangzhou", "en", "Hangzhou, China"),
        ("Hangzhou", "zh-hans", "杭州（Hangzhou，中国）"),  # the table of Chinese city names knows it
        ("杭州", "en", "Hangzhou, China"),
        ("杭州", "zh-hans", "杭州（Hangzhou，中国）"),
        ("海淀区", "en", "海淀区 (北京市, China)"),  # no English name: as it is, the country in English
        ("Manchester, United Kingdom", "zh-hans", "Manchester，英国"),  # no Chinese name in the table
    ],
)
def test_a_saved_place_is_labelled_in_the_language_of_the_page_reading_it(typed, language, label):
    from django.utils import translation

    from trials.places import SavedPlace

    with translation.override("zh-hans" if language == "en" else "en"):  # saved on a page in the other language
        saved = SavedPlace(find(typed)[0].saved())
    with translation.override(language):
        assert saved["label"] == label and saved.get("label") == label


def test_a_saved_place_keeps_its_saved_label_as_stored_data():
    import json

    from django.utils import translation

    from trials.places import SavedPlace

    with translation.override("en"):
        saved = SavedPlace(find("Hangzhou")[0].saved())
    with translation.override("zh-hans"):
        assert json.loads(json.dumps(saved))["label"] == "Hangzhou, China"
        assert SavedPlace({}).get("label") is None

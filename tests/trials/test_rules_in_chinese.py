"""Rules, units and numbers in the reader's language: reasons are built from translatable templates."""

import pytest
from django.utils import translation

from trials.models import Criterion, Question

pytestmark = pytest.mark.django_db


def rule(question_key, source_startswith):
    return Criterion.objects.select_related("question").get(
        question__key=question_key, source_text__startswith=source_startswith
    )


@pytest.mark.parametrize(
    "key, source, english, chinese",
    [
        (
            "sixmwd_m",
            "During the screening",
            "150 m ≤ six-minute walk distance < 600 m",
            "150米 ≤ 6分钟步行距离 < 600米",
        ),
        (
            "oxygen_hours_per_day",
            "Individuals with a history",
            "excluded if hours of oxygen therapy a day > 15 hours",  # the label says "a day" already
            "排除：每天吸氧的小时数 > 15小时",
        ),
        (
            "respiratory_hospitalisations_12m",
            "Individuals who have been",
            "excluded if hospital stays for a lung flare-up in the last 12 months ≥ 3 times",
            "排除：过去12个月因肺病急性加重住院的次数 ≥ 3次",
        ),
        (
            "pregnant_or_breastfeeding",
            "Pregnant",
            "excluded if pregnant or breastfeeding is “Yes”",
            "排除：怀孕或哺乳为“是”",
        ),
        (
            "diagnoses",
            "Clinical diagnosis",
            "lung conditions diagnosed includes “Interstitial lung disease (ILD) or pulmonary fibrosis” or "
            "“Idiopathic pulmonary fibrosis (IPF)”",
            "医生诊断过的肺部疾病包括“间质性肺疾病（ILD）或肺纤维化”或“特发性肺纤维化（IPF）”",
        ),
    ],
    ids=["range-in-metres", "hours-a-day", "times", "yes-no", "multiple-choice"],
)
def test_a_rule_reads_naturally_in_each_language(seed_trials, key, source, english, chinese):
    criterion = rule(key, source)
    with translation.override("en"):
        assert criterion.rule_in_words() == english
    with translation.override("zh-hans"):
        assert criterion.rule_in_words() == chinese


@pytest.mark.parametrize(
    "key, english, chinese",
    [
        ("age", "68 years", "68岁"),
        ("sixmwd_m", "350.5 m", "350.5米"),
        ("dlco_pct_pred", "68%", "68%"),
        ("oxygen_hours_per_day", "12 hours a day", "12小时/天"),
        ("fev1_fvc_ratio", "0.68 (68%)", "0.68（68%）"),  # the ratio as reports print it either way
        # a weight in a Chinese sentence is in 公斤, an eosinophil count is of cells (docs/glossary-zh.md)
        ("body_weight_kg", "62 kg", "62公斤"),
        ("eosinophils_per_ul", "150 cells/µL", "150个/µL"),
        ("heart_rate_bpm", "80 beats a minute", "80次/分"),
        # the label says "a day" already: "cigarettes a day: 20 cigarettes", not "… 20 cigarettes a day"
        ("cigarettes_per_day", "20 cigarettes", "20支"),
    ],
)
def test_answers_are_shown_with_the_units_of_the_language(seed_trials, key, english, chinese):
    question = Question.objects.get(key=key)
    stored = {
        "age": "68",
        "sixmwd_m": "350.5",
        "dlco_pct_pred": "68",
        "oxygen_hours_per_day": "12",
        "body_weight_kg": "62",
        "eosinophils_per_ul": "150",
        "heart_rate_bpm": "80",
        "cigarettes_per_day": "20",
    }.get(key, "0.68")
    with translation.override("en"):
        assert question.display_answer(stored) == english
    with translation.override("zh-hans"):
        assert question.display_answer(stored) == chinese


def test_an_out_of_range_answer_is_explained_in_chinese(seed_trials):
    from django.core.exceptions import ValidationError

    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        Question.objects.get(key="sixmwd_m").clean_answer("1200米")
    assert error.value.messages == ["请输入0米到1000米之间的数值。"]


def test_yes_and_no_and_choice_labels_follow_the_language(seed_trials):
    with translation.override("zh-hans"):
        assert Question.objects.get(key="pneumonia_last_month").display_answer("yes") == "是"
        assert Question.objects.get(key="sex").display_answer("female") == "女"
    with translation.override("en"):
        assert Question.objects.get(key="sex").display_answer("female") == "Female"


def test_a_choice_without_a_chinese_label_shows_its_english_one_and_admin_is_told(seed_trials):
    question = Question.objects.get(key="sex")
    question.choices = [{"code": "female", "label": "Female"}, {"code": "male", "label": "Male", "label_zh_hans": "男"}]
    question.save()
    with translation.override("zh-hans"):
        assert [c["label"] for c in question.choice_list()] == ["Female", "男"]
    assert "choice labels" in question.missing_translations()


def test_a_rule_that_makes_no_sense_is_refused_in_chinese(seed_trials):
    from django.core.exceptions import ValidationError

    criterion = rule("sixmwd_m", "During the screening")
    criterion.min_value, criterion.max_value = 700, 600
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        criterion.full_clean()
    assert error.value.messages == ["最小值大于最大值。"]


def test_a_limit_on_cigarettes_a_day_says_a_day_once_in_each_language(seed_trials):
    from trials.registry.importing import ensure_questions

    ensure_questions(["cigarettes_per_day"])
    criterion = Criterion(
        kind="exclusion",
        question=Question.objects.get(key="cigarettes_per_day"),
        min_value=20,
        min_inclusive=False,
        source_text="Smoking more than 20 cigarettes a day",
    )
    with translation.override("en"):
        assert criterion.reason() == "You cannot take part if your cigarettes a day is more than 20 cigarettes."
    with translation.override("zh-hans"):
        assert criterion.reason() == "如果您的每天吸烟支数超过20支，就不能参加这项研究。"
    with translation.override("en"):
        assert Question.objects.get(key="cigarettes_per_day").display_answer("1") == "1 cigarette"


def rate_rule(key, **bounds) -> Criterion:
    from trials.registry.importing import ensure_questions

    ensure_questions([key])
    return Criterion(kind="inclusion", question=Question.objects.get(key=key), source_text="A limit", **bounds)


# Every unit whose words name a rate, and how each language says that rate: each sentence says it once.
RATES = [
    ("oxygen_hours_per_day", "a day", "天"),
    ("cigarettes_per_day", "a day", "天"),
    ("heart_rate_bpm", "a minute", "分"),
]


@pytest.mark.parametrize(("key", "english", "chinese"), RATES)
@pytest.mark.parametrize(
    "bounds",
    [
        {"min_value": 12, "min_inclusive": True},
        {"max_value": 15, "max_inclusive": False},
        {"min_value": 2, "min_inclusive": True, "max_value": 20, "max_inclusive": True},
    ],
    ids=["at least", "less than", "between"],
)
def test_a_rule_on_a_rate_says_the_rate_once_in_each_language(seed_trials, key, english, chinese, bounds):
    criterion = rate_rule(key, **bounds)
    with translation.override("en"):
        assert criterion.reason().count(english) == 1, criterion.reason()
    with translation.override("zh-hans"):
        assert criterion.reason().count(chinese) == 1, criterion.reason()


@pytest.mark.parametrize(
    ("language", "reason", "rule"),
    [
        (
            "en",
            "Your hours of oxygen therapy a day needs to be at least 12 and at most 24 hours.",
            "12 hours ≤ hours of oxygen therapy a day ≤ 24 hours",
        ),
        ("zh-hans", "您的每天吸氧的小时数需要不少于12且不超过24小时。", "12小时 ≤ 每天吸氧的小时数 ≤ 24小时"),
    ],
)
def test_oxygen_hours_a_day_read_as_hours_after_a_label_that_says_a_day(seed_trials, language, reason, rule):
    criterion = rate_rule("oxygen_hours_per_day", min_value=12, max_value=24, min_inclusive=True, max_inclusive=True)
    with translation.override(language):
        assert criterion.reason() == reason
        assert criterion.rule_in_words() == rule
        # alone, an answer keeps its rate: "12 hours a day"
        assert Question.objects.get(key="oxygen_hours_per_day").display_answer("12") in ("12 hours a day", "12小时/天")
    with translation.override("en"):
        one = rate_rule("oxygen_hours_per_day", min_value=1, min_inclusive=True)
        assert one.reason() == "Your hours of oxygen therapy a day needs to be at least 1 hour."


@pytest.mark.parametrize(
    ("key", "typed", "english", "chinese"),
    [
        ("oxygen_hours_per_day", "30", "Enter a value from 0 to 24 hours a day.", "请输入0到24小时/天之间的数值。"),
        ("heart_rate_bpm", "400", "Enter a value from 20 to 250 beats a minute.", "请输入20到250次/分之间的数值。"),
        ("cigarettes_per_day", "1000", "Enter a value from 0 to 100 cigarettes.", "请输入0到100支之间的数值。"),
        ("age", "130", "Enter a value from 0 years to 120 years.", "请输入0岁到120岁之间的数值。"),  # no rate
    ],
)
def test_a_number_out_of_range_says_a_rates_unit_once(seed_trials, key, typed, english, chinese):
    from django.core.exceptions import ValidationError

    from trials.registry.importing import ensure_questions

    ensure_questions([key])
    question = Question.objects.get(key=key)
    for language, message in (("en", english), ("zh-hans", chinese)):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            question.clean_answer(typed)
        assert refused.value.messages == [message]

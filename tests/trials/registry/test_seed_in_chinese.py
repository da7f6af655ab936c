"""The seed trials in full Simplified Chinese, loaded into a new database and into one loaded before."""

import re

import pytest
from django.core.management import call_command

from trials.models import Criterion, Question, Site, Trial

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u4e00-\u9fff]")


def load():
    call_command("load_seed_trials", verbosity=0, stdout=open("/dev/null", "w"))


def test_every_text_a_patient_reads_in_the_seed_has_chinese(seed_trials):
    gaps = [f"question {q.key}: {q.missing_translations()}" for q in Question.objects.all() if q.missing_translations()]
    gaps += [f"criterion {c.pk}" for c in Criterion.objects.all() if c.explanation_en and not c.explanation_zh_hans]
    gaps += [f"trial {t.nct_id}: {t.missing_translations()}" for t in Trial.objects.all() if t.missing_translations()]
    gaps += [f"site {s.pk}: {s.missing_translations()}" for s in Site.objects.all() if s.missing_translations()]
    assert gaps == []
    chinese = [q.prompt_zh_hans for q in Question.objects.all()] + [
        c.explanation_zh_hans
        for c in Criterion.objects.exclude(explanation_zh_hans="").exclude(explanation_zh_hans=None)
    ]
    assert all(HAN.search(text) for text in chinese)


@pytest.mark.parametrize(
    "key, term",
    [
        ("diagnoses", "慢性阻塞性肺疾病（慢阻肺"),
        ("diagnoses", "间质性肺疾病"),
        ("sixmwd_m", "6分钟步行距离"),
        ("dlco_pct_pred", "一氧化碳弥散量"),
        ("fvc_pct_pred", "用力肺活量"),
        ("fev1_fvc_ratio", "第一秒用力呼气容积"),
        ("dlco_pct_pred", "占预计值%"),
    ],
)
def test_the_seed_uses_the_terms_chinese_hospitals_print(seed_trials, key, term):
    question = Question.objects.get(key=key)
    words = " ".join([question.prompt_zh_hans, question.short_label_zh_hans, question.help_text_zh_hans])
    words += " ".join(c.get("label_zh_hans", "") for c in question.choices)
    assert term in words


def test_loading_again_fills_in_missing_chinese_but_keeps_an_admins_words(seed_trials):
    Question.objects.filter(key="age").update(prompt_zh_hans=None, help_text_zh_hans="管理员写的帮助文字")
    Criterion.objects.filter(question__key="sixmwd_m").update(explanation_zh_hans="")
    Trial.objects.filter(nct_id="NCT07355868").update(patient_title_zh_hans="")
    sex = Question.objects.get(key="sex")
    sex.choices = [{k: v for k, v in c.items() if k != "label_zh_hans"} for c in sex.choices]
    sex.save()
    load()
    age = Question.objects.get(key="age")
    assert (age.prompt_zh_hans, age.help_text_zh_hans) == ("您今年多少岁？", "管理员写的帮助文字")
    assert Criterion.objects.get(question__key="sixmwd_m").explanation_zh_hans == "筛选时研究团队会重新做一次这项检查。"
    assert Trial.objects.get(nct_id="NCT07355868").patient_title_zh_hans.startswith("用REGEND007细胞疗法")
    assert [c["label_zh_hans"] for c in Question.objects.get(key="sex").choices] == ["女", "男"]

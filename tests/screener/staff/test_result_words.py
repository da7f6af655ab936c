"""Staff tell a result whose every answer fits from one with answers still to check at a glance, in both languages
(walkthrough 12: "may match" and "might match", 可能符合 and 或许符合, read alike)."""

from django.utils import translation

from screener.staff.wording import verdict_words


def test_the_three_results_read_differently_in_english():
    with translation.override("en"):
        words = [verdict_words(v) for v in ("match", "possible", "no_match")]
    assert words == ["every answer fits", "some answers still to check", "not a match"]


def test_the_three_results_read_differently_in_chinese():
    with translation.override("zh-hans"):
        words = [verdict_words(v) for v in ("match", "possible", "no_match")]
    assert words[0] == "所有回答都符合" and words[1] == "部分回答尚待核实"
    assert len(set(words)) == 3 and not any("可能符合" in w or "或许符合" in w for w in words)

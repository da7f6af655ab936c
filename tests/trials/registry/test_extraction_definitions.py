"""Numbers that bound no one: ages and spans inside the definition of a state (postmenopausal), an exception carved out
of a clause, and a bound that is the condition of another rule ("如果…,且年龄<50岁,则…"). A definition that IS the
criterion ("renal impairment defined as eGFR < 30") still gives its bound. Issue 20, fourth round; the wordings are
written for these tests."""

from .extraction_readings import D, found, named


def test_ages_in_the_definition_of_postmenopausal_status_are_no_age_limits():
    text = "入选标准:1 | 绝经后状态定义为:接受了双侧卵巢切除术;或年龄≥ 55岁;或年龄< 55岁,且闭经12个月或12个月以上 | 2 | 年龄≥21岁 |"
    assert named(text) == [("inclusion", "age", D(21), True, None, None)]
    assert found("Postmenopausal women (defined as age > 50 years and no menses for at least 12 months)") == []


def test_a_criterion_said_as_a_definition_keeps_its_bound():
    [egfr] = found("Severe renal impairment defined as eGFR < 25 mL/min/1.73m2", "exclusion")
    assert (egfr.variable, egfr.upper, egfr.upper_inclusive) == ("egfr", D(25), False)


def test_an_exception_carved_out_of_a_clause_is_no_bound():
    assert found("癫痫,不包括3岁以下发烧性癫痫", "exclusion") == []
    assert found("epilepsy, except febrile seizures under 4 years of age", "exclusion") == []


def test_the_same_age_without_the_exception_is_a_bound():
    [age] = found("年龄3岁以下", "exclusion")
    assert (age.upper, age.upper_inclusive) == (D(3), True)


def test_a_bound_that_is_the_condition_of_another_rule_is_no_criterion():
    assert found("如果服用激素，且年龄<50岁，则需检测FSH") == []
    assert found("if on steroids and aged < 45 years, then FSH is tested") == []
    [age] = found("年龄<70岁，男女不限")
    assert (age.upper, age.upper_inclusive) == (D(70), False)

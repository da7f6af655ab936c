"""Labs named in a list under one bound: ALT and AST beside a lab the tables do not ask (alkaline phosphatase), each
named twice ("丙氨酸转氨酶或血清谷丙转氨酶"), and a subgroup's condition that only unlocks another lab's allowance.
Issue 20, fourth round; the wordings are written for these tests."""

from .extraction_readings import D, found


def labs(text, kind="inclusion"):
    return sorted((p.variable, p.upper, p.upper_inclusive) for p in found(text, kind) if p.unit == "x ULN")


def test_alt_and_ast_beside_alkaline_phosphatase_share_the_bound():
    assert labs("谷丙转氨酶(ALT)、谷草转氨酶(AST)和碱性磷酸酶(ALP)≤3×ULN") == [
        ("alt_x_uln", D(3), True),
        ("ast_x_uln", D(3), True),
    ]


def test_labs_named_twice_with_serum_between_share_the_bound():
    text = "天冬氨酸转氨酶或血清谷草转氨酶(AST或SGOT)、丙氨酸转氨酶或血清谷丙转氨酶(ALT或SGPT)≤ 2 X ULN"
    assert labs(text) == [("alt_x_uln", D(2), True), ("ast_x_uln", D(2), True)]


def test_alkaline_phosphatase_alone_is_no_alt_or_ast():
    assert labs("碱性磷酸酶≤2.5×ULN") == []


def test_a_lab_bound_that_is_the_condition_of_another_allowance_is_no_criterion():
    assert labs("骨转移患者中,若AST和ALT ≤2 X ULN,ALP可> 3 X ULN") == []

"""Pages that put every number, operator and unit on a line of its own ("年龄≥" / "20" / "岁,且≤" / "70" / "岁"): the
pieces of one quantity are read as one clause, and a line that starts a new item stays its own. Issue 20, fourth
round; the wordings are written for these tests."""

from .extraction_readings import D, kinds, named, quotes_are_exact


def test_an_age_range_broken_over_five_lines_is_one_range():
    text = "入选标准\n1\n年龄≥\n20\n岁,且≤\n70\n岁的患者;\n2\n签署知情同意书\n"
    assert named(text) == [("inclusion", "age", D(20), True, D(70), True)]
    assert quotes_are_exact(text)


def test_labs_against_the_upper_limit_broken_over_lines_keep_their_bound():
    text = "入选标准\n1\n)谷丙转氨酶(\nALT\n)和谷草转氨酶(\nAST\n)≤\n2.5\n×\nULN\n;肌酐(\nCr\n)≤\n1.2\n×\nULN\n;\n"
    assert sorted(named(text)) == [
        ("inclusion", "alt_x_uln", None, None, D("2.5"), True),
        ("inclusion", "ast_x_uln", None, None, D("2.5"), True),
        ("inclusion", "creatinine_x_uln", None, None, D("1.2"), True),
    ]


def test_a_line_that_is_only_the_next_item_number_is_not_joined_to_a_number_before_it():
    text = "入选标准\n1 年龄18~60岁\n2 ECOG评分0\n3 签署知情同意书\n"
    assert [kind for kind, _words in kinds(text)] == ["inclusion"] * 3
    assert named(text) == [("inclusion", "age", D(18), True, D(60), True)]


def test_a_line_starting_with_a_word_after_a_number_is_a_new_clause():
    text = "入选标准\n1 体重指数19~26\n年龄不限\n"
    assert len(kinds(text)) == 2

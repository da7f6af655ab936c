"""Which list a bound is in, where the thirteenth round found two layouts read wrong (decision 0137): a register's two
cells with no headings whose first cell's item numbers could not be proven, and an old NCI (PDQ) record whose topic
headings stand on their own lines above numbered lists. Every wording here is written for these tests, with other
numbers and words than the records."""

from decimal import Decimal

from trials.registry.extraction import extract
from trials.registry.extraction.clauses import split_clauses

D = Decimal


def kinds(text):
    return sorted({(p.kind, p.variable) for p in extract(text) if p.variable in ("age", "ast_x_uln", "bmi", "window")})


# A register's two cells, inclusion then exclusion, with their line breaks removed ----------------------------------

# the first cell's item 2 is glued to the word before it with no mark, and item 3 to a unit ("…>2cm3ECOG…")
FIRST_CELL = "1年龄≥20岁，男女不限2至少一处可测量病灶，最长径>2cm3ECOG评分0~1分4AST≤3×ULN；5体重指数≥19kg/m2"
SECOND_CELL = "1妊娠或哺乳期女性2筛选前4周内参加过其他临床试验3研究者认为不适合参加者"


def test_two_glued_cells_are_inclusion_then_exclusion_even_when_the_first_cell_s_numbers_are_not_proven():
    assert kinds(FIRST_CELL + "\n" + SECOND_CELL) == [
        ("exclusion", "window"),
        ("inclusion", "age"),
        ("inclusion", "ast_x_uln"),
        ("inclusion", "bmi"),
    ]


def test_the_first_cell_is_cut_at_an_item_number_glued_after_a_unit_before_a_latin_word():
    texts = [c.text for c in split_clauses(FIRST_CELL + "\n" + SECOND_CELL)]
    assert "ECOG评分0~1分" in texts
    assert not any("cm3" in t for t in texts)


def test_a_unit_s_power_before_a_chinese_word_is_no_item_number():
    # "…>2cm3以上…": no item 3 glued after "cm" unless a Latin word follows; the clause is left whole
    texts = [c.text for c in split_clauses("1年龄≥20岁2病灶体积>2cm3以上者4体重指数≥19kg/m2\n1妊娠者2哺乳者3其他")]
    assert not any(t.startswith("以上者") for t in texts)


def test_one_cell_alone_with_exclusion_words_is_still_read_as_it_was():
    # one paragraph, no second cell: nothing restarts, the list is judged as before (its words decide)
    text = "1妊娠或哺乳期女性2筛选前4周内参加过其他临床试验3研究者认为不适合参加者"
    assert {p.kind for p in extract(text) if p.variable == "window"} == {"exclusion"}


# An old NCI record's topic headings on their own lines ---------------------------------------------------------

PDQ = """
        DISEASE CHARACTERISTICS:

          1. Histologically confirmed small cell lung cancer

          2. Measurable disease

        PATIENT CHARACTERISTICS:

          1. Age: 21 and over

          2. Hepatic: AST no greater than 2 times ULN

          3. At least 4 weeks since any hemoptysis

        PRIOR CONCURRENT THERAPY:

          1. Chemotherapy: At least 5 weeks since prior chemotherapy
"""


def test_numbered_lists_under_pdq_topic_headings_stay_entry_requirements():
    proposals = [p for p in extract(PDQ) if p.variable in ("age", "ast_x_uln", "duration")]
    assert {(p.kind, p.variable, p.lower, p.upper) for p in proposals} == {
        ("inclusion", "age", D(21), None),
        ("inclusion", "ast_x_uln", None, D(2)),
        ("inclusion", "duration", D(4), None),
        ("inclusion", "duration", D(5), None),
    }


def test_a_topic_heading_is_no_clause():
    assert not any("CHARACTERISTICS" in c.text for c in split_clauses(PDQ))


def test_a_list_restarting_at_1_under_no_topic_heading_is_still_the_exclusion_list():
    text = """
1. Age 21 or older
2. Measurable disease
3. Signed consent

1. Pregnant
2. Hemoptysis within 4 weeks
"""
    assert {p.kind for p in extract(text) if p.variable == "window"} == {"exclusion"}

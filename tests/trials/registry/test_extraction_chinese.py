"""Chinese recruitment pages read as a patient's page is written (wordings written for these tests, issue 20)."""

from decimal import Decimal

from trials.registry.extraction import Clause, extract, propose

D = Decimal


def found(text, kind="exclusion", variable=None):
    proposals = propose(Clause(kind=kind, text=text, start=0, end=len(text)), text)
    proposals = [p for p in proposals if p.variable not in ("sex", "diagnoses")]
    return [p for p in proposals if variable is None or p.variable == variable]


def windows(text, kind="exclusion"):
    return [(p.upper, p.upper_inclusive, p.unit) for p in found(text, kind, "window")]


# Lists -----------------------------------------------------------------------------------------------------------


def _flattened_table(items: list[str]) -> str:
    return "\n".join(f"{number}\n|\n{item}\n|" for number, item in enumerate(items, 1))


_EXCLUSION_ITEMS = [
    "在筛选前2年内有酗酒史。",
    "社区卫生服务中心的员工及其家属。",
    "在第1天前5个月内接受了以下:\na. 甲药\nb. 某某单抗\nc. 另一种单抗\nd. 第四种药物\ne. 第五种药物\nf. 第六种药物",
    "在第1天前3周内接受了以下:\na. 乙药\nb. 某某注射液\nc. 其他静脉药物\nd. 血液净化治疗",
    "已知患有先天性免疫缺陷。",
]


def test_drugs_an_exclusion_item_lists_as_lettered_sub_items_do_not_hide_that_the_list_excludes():
    proposals = extract(_flattened_table(_EXCLUSION_ITEMS))
    got = [(p.kind, p.upper, p.unit) for p in proposals if p.variable == "window"]
    assert got == [("exclusion", D(2), "years"), ("exclusion", D(5), "months"), ("exclusion", D(3), "weeks")]


def test_a_headless_list_that_names_ages_and_consent_stays_the_inclusion_list_despite_lettered_sub_items():
    items = [
        "年龄18~60周岁,签署知情同意书。",
        "确诊为本病,并符合以下条件:\na. 病情稳定的患者\nb. 自愿参加的患者",
        "能够按时随访,愿意遵守方案。",
    ]
    assert {p.kind for p in extract(_flattened_table(items))} == {"inclusion"}

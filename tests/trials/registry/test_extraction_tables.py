"""The extractor's knowledge is data: its tables load, a broken row is refused by name, and a new variable is one row."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from trials.registry import extraction
from trials.registry.extraction import tables

PACKAGE = Path(extraction.__file__).resolve().parent


def test_every_table_loads_and_each_question_variable_has_a_unit_and_a_range():
    loaded = tables.load()
    named = [v for v in loaded.variables if v.pattern]
    assert {v.key for v in named} >= {"age", "fev1_pct_pred", "fev1_fvc_ratio", "alt_x_uln", "egfr"}
    assert all(v.range and v.units_accepted for v in named)
    assert extraction.QUESTION_UNITS["fev1_fvc_ratio"] == "ratio"


def test_both_lexicons_give_operators_for_each_bound():
    loaded = tables.load()
    kinds = {(bound, inclusive) for _pattern, bound, inclusive in loaded.prefix_operators}
    assert kinds == {("lower", True), ("upper", True), ("lower", False), ("upper", False)}
    assert any("不低于" in pattern for pattern, _b, _i in loaded.prefix_operators)
    assert any("at least" in pattern for pattern, _b, _i in loaded.prefix_operators)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"key": "Bad Key", "unit": "%"}, "snake_case"),
        ({"key": "haematocrit_pct", "unit": "%", "names": {"en": ["hct("]}, "range": [10, 70]}, "regular expression"),
        ({"key": "haematocrit_pct", "unit": "%", "names": {"en": ["hct"]}, "units_accepted": ["%"]}, "range"),
        (
            {
                "key": "haematocrit_pct",
                "unit": "%",
                "names": {"en": ["hct"]},
                "units_accepted": ["%"],
                "range": [10, 70],
            }
            | {"conversions": {"fraction": {"factor": 0}}},
            "positive factor",
        ),
        (
            {"key": "bp", "unit": "mmHg", "names": {"en": ["bp"]}, "units_accepted": ["mmHg"], "range": [30, 300]}
            | {"expands_to": ["age"], "pairs": True},
            "pairs",
        ),
        (
            {"key": "lansky_ps", "unit": "%", "names": {"en": ["lansky"]}, "units_accepted": [""], "range": [0, 100]}
            | {"question": "ecog_ps", "bands": {"0": [100, 90]}},
            "band of answer",
        ),
        (
            {"key": "lansky_ps", "unit": "%", "names": {"en": ["lansky"]}, "units_accepted": [""], "range": [0, 100]}
            | {"bands": {"0": [90, 100]}},  # bands are another question's answers, never the row's own
            "another row's question",
        ),
        (
            {"key": "cigars_per_day", "unit": "cigars/day", "names": {"en": ["cigars"]}, "units_accepted": [""]}
            | {"range": [0, 50], "named_by_unit": "yes"},
            "named_by_unit",
        ),
        ({"key": "age", "unit": "years"}, "snake_case"),  # a second row for a key already there
    ],
)
def test_a_broken_variable_row_is_refused_with_the_row_named(tmp_path, row, message):
    copy = tmp_path / "tables"
    shutil.copytree(PACKAGE / "tables", copy)
    data = json.loads((copy / "variables.json").read_text(encoding="utf-8"))
    data["variables"].append(row)
    (copy / "variables.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(tables.TableError, match=message):
        tables.load(copy)


def test_a_new_variable_is_one_row_in_the_variables_table(tmp_path):
    copy = tmp_path / "extraction"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    data = json.loads((copy / "tables" / "variables.json").read_text(encoding="utf-8"))
    data["variables"].append(
        {
            "key": "haematocrit_pct",
            "unit": "%",
            "question": "haematocrit_pct",
            "names": {"en": ["ha?ematocrit", "(?<![a-z])hct(?![a-z])"], "zh": ["红细胞压积"]},
            "units_accepted": ["%", ""],
            "range": [10, 70],
        }
    )
    (copy / "tables" / "variables.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code = (
        "import json, extraction\n"
        "found = extraction.extract('Inclusion Criteria:\\n* Haematocrit of 45% or less\\n* 红细胞压积≥30%\\n')\n"
        "print(json.dumps([p.as_json() for p in found if p.variable == 'haematocrit_pct']))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    found = json.loads(result.stdout)
    assert [(p["upper"], p["upper_inclusive"], p["lower"], p["lower_inclusive"]) for p in found] == [
        (45, True, None, None),
        (None, None, 30, True),
    ]
    # and the project's own tables do not know it
    assert not [
        p
        for p in extraction.extract("Inclusion Criteria:\n* Haematocrit of 45% or less\n")
        if p.variable == "haematocrit_pct"
    ]


def test_drafting_reads_event_questions_from_the_events_table():
    assert extraction.event_question("COPD exacerbation") == "days_since_exacerbation"
    assert extraction.event_question("viral pneumonia") == "days_since_pneumonia"
    assert extraction.event_question("blood donation") is None

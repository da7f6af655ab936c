"""Pages in traditional characters read through the table traditional_characters.csv (one row per character), with
quotes that stay the page's own text. Issue 20, fourth round; the wordings are written for these tests."""

import shutil

import pytest

from trials.registry.extraction.tables import DIRECTORY, TABLES, TableError, load

from .extraction_readings import D, named, quotes_are_exact, timed


def test_ages_bmi_and_windows_in_traditional_characters_read_as_in_simplified():
    traditional = (
        "納入標準:\n1. 年齡為≥20歲且≤70歲;\n2. 體重指數為19至27;\n排除標準:\n1. 隨機化前3個月內參與過其他臨床試驗;\n"
    )
    simplified = (
        "纳入标准:\n1. 年龄为≥20岁且≤70岁;\n2. 体重指数为19至27;\n排除标准:\n1. 随机化前3个月内参与过其他临床试验;\n"
    )
    assert (
        named(traditional)
        == named(simplified)
        == [
            ("inclusion", "age", D(20), True, D(70), True),
            ("inclusion", "bmi", D(19), True, D(27), True),
        ]
    )
    assert timed(traditional) == timed(simplified) == [("exclusion", "window", D(3), "months")]
    assert quotes_are_exact(traditional)


def test_every_row_of_the_table_maps_one_character_to_another():
    assert TABLES.traditional_characters["歲"] == "岁"
    assert TABLES.traditional_characters["國"] == "国"
    assert all(len(a) == len(b) == 1 and a != b for a, b in TABLES.traditional_characters.items())


def test_a_simplified_character_is_left_as_it_is():
    assert "岁" not in TABLES.traditional_characters


@pytest.mark.parametrize(
    "rows",
    [
        "traditional,simplified\n歲,岁岁\n",
        "traditional,simplified\n歲,岁\n歲,岁\n",
        "old,new\n歲,岁\n",
        "traditional,simplified\n歲,歲\n",
    ],
)
def test_a_table_row_that_is_not_one_character_for_another_is_refused(tmp_path, rows):
    copy = tmp_path / "tables"
    shutil.copytree(DIRECTORY, copy)
    (copy / "traditional_characters.csv").write_text(rows, encoding="utf-8")
    with pytest.raises(TableError, match="traditional_characters.csv"):
        load(copy)

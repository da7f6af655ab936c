"""Screens: related questions are asked together, as one step of the walk, and a multiple-choice question is
shown with only the items some open study still needs (decision record 0056 in docs/decisions/)."""

from decimal import Decimal

import pytest

from trials import eligibility, screens
from trials.eligibility import (
    DONT_KNOW,
    NEVER,
    Catalogue,
    ChoiceRule,
    CriterionRule,
    ItemsAnswer,
    NumberRule,
    Outcome,
    Polarity,
    QuestionInfo,
    TrialRules,
    Verdict,
    WindowRule,
    evaluate,
    from_storage,
)

INC, EXC = Polarity.INCLUSION, Polarity.EXCLUSION
CONDITIONS = ("hiv", "stroke", "diabetes", "epilepsy")
QUESTIONS = {
    "age": QuestionInfo("age", 10),
    "fev1": QuestionInfo("fev1", 42, screen="lung", screen_order=0),
    "fvc": QuestionInfo("fvc", 42, screen="lung", screen_order=1),
    "dlco": QuestionInfo("dlco", 41, screen="lung", screen_order=2),
    "conditions": QuestionInfo("conditions", 32, screen="health", screen_order=0, items=CONDITIONS),
    "cancer": QuestionInfo("cancer", 63, screen="health", screen_order=1),
    "days_since_stroke": QuestionInfo("days_since_stroke", 75, screen="events", screen_order=0),
    "days_since_surgery": QuestionInfo("days_since_surgery", 76, screen="events", screen_order=1),
}


def number(key, low=None, high=None, polarity=INC, n=0):
    rule = NumberRule(None if low is None else Decimal(low), True, None if high is None else Decimal(high), True)
    return CriterionRule(n, polarity, key, rule)


def choice(key, codes, polarity=EXC, n=0, uncertain=()):
    return CriterionRule(n, polarity, key, ChoiceRule(frozenset(codes), frozenset(uncertain)))


def within(key, months, n=0):
    """Excluded when the event was at most `months` months ago."""
    return CriterionRule(n, EXC, key, WindowRule(None, True, Decimal(months), True, "months"))


def trial(name, *criteria):
    return TrialRules(name, tuple(criteria))


def answer_screens(catalogue, patient):
    """Answer a screen at a time from `patient`; a question shown item by item gets the shown items."""
    answers, steps = {}, []
    walk = catalogue.walk(answers)
    while walk.next_screen:
        steps.append(walk.next_screen)
        for key in walk.next_screen:
            value = patient.get(key, DONT_KNOW)
            if key in walk.items and isinstance(value, list):
                value = ItemsAnswer(frozenset(value) & walk.items[key], walk.items[key])
            answers[key] = value
        walk = catalogue.walk(answers)
    return answers, steps


def test_related_questions_are_asked_on_one_screen_in_the_screens_order():
    catalogue = Catalogue([trial("A", number("fvc", 50)), trial("B", number("fev1", high=80))], QUESTIONS)
    walk = catalogue.walk({})
    assert walk.next_screen == ("fev1", "fvc")
    assert walk.next_key == "fev1"
    assert walk.remaining == 1


def test_a_screen_counts_once_however_many_of_its_questions_a_study_needs():
    # Study A needs three lung values and B one more: the lung screen is needed by two studies, age by three.
    catalogue = Catalogue(
        [
            trial("A", number("fev1", 30), number("fvc", 40), number("dlco", 40)),
            trial("B", number("fev1", 30), number("age", 40)),
            trial("C", number("age", 40)),
            trial("D", number("age", 40)),
        ],
        QUESTIONS,
    )
    walk = catalogue.walk({})
    assert walk.next_screen == ("age",)
    assert walk.remaining == 2  # two screens, not four questions
    walk = catalogue.walk({"age": 50})
    assert walk.next_screen == ("fev1", "fvc", "dlco")
    assert walk.remaining == 1


def test_a_screen_shows_only_the_questions_open_studies_still_need():
    catalogue = Catalogue(
        [trial("A", number("age", 40), number("fev1", 30)), trial("B", number("age", high=30), number("dlco", 40))],
        QUESTIONS,
    )
    assert catalogue.walk({}).next_screen == ("age",)
    walk = catalogue.walk({"age": 50})  # B is ruled out: its DLCO is no longer asked
    assert walk.next_screen == ("fev1",)


def test_answering_the_screen_answers_each_question_and_the_walk_moves_on():
    catalogue = Catalogue(
        [
            trial("A", number("fev1", 30), number("fvc", 40)),
            trial("B", number("fvc", 60)),
            trial("C", number("age", 18)),
        ],
        QUESTIONS,
    )
    assert catalogue.walk({}).next_screen == ("fev1", "fvc")
    half = catalogue.walk({"fev1": 45})
    assert half.next_screen == ("fev1", "fvc"), "a screen half answered is still the next screen"
    done = catalogue.walk({"fev1": 45, "fvc": 50})
    assert done.screens == (("fev1", "fvc"),)
    assert done.next_screen == ("age",)
    verdicts = {r.trial.id: r.verdict for r in evaluate(catalogue.trials, {"fev1": 45, "fvc": 50}, QUESTIONS)}
    assert verdicts == {"A": Verdict.MATCH, "B": Verdict.NO_MATCH, "C": Verdict.POSSIBLE}


def test_a_multiple_choice_screen_shows_only_the_items_open_studies_name():
    catalogue = Catalogue(
        [
            trial("A", choice("conditions", {"hiv"}), number("age", 18)),
            trial("B", choice("conditions", {"stroke", "hiv"}), number("age", high=17)),
            trial("C", number("age", 18)),
        ],
        QUESTIONS,
    )
    walk = catalogue.walk({"age": 60})  # B is ruled out by age: stroke is not asked
    assert walk.next_screen == ("conditions",)
    assert walk.items == {"conditions": frozenset({"hiv"})}


def test_none_of_these_answers_every_study_that_needed_any_item():
    studies = [
        trial("A", choice("conditions", {"hiv"})),
        trial("B", choice("conditions", {"stroke", "diabetes"})),
        trial("C", choice("conditions", {"diabetes"}, polarity=INC)),
        trial("D", number("age", 18)),
    ]
    catalogue = Catalogue(studies, QUESTIONS)
    walk = catalogue.walk({})
    assert walk.next_screen[0] == "conditions"
    assert walk.items["conditions"] == {"hiv", "stroke", "diabetes"}
    none_of_these = ItemsAnswer(frozenset(), walk.items["conditions"])
    results = {r.trial.id: r for r in evaluate(studies, {"conditions": none_of_these, "age": 60}, QUESTIONS)}
    assert results["A"].verdict is Verdict.MATCH
    assert results["B"].verdict is Verdict.MATCH
    assert results["C"].verdict is Verdict.NO_MATCH  # it needs diabetes
    after = catalogue.walk({"conditions": none_of_these})
    assert "conditions" not in after.next_screen


def test_an_item_not_shown_is_not_answered_and_comes_back_alone():
    answer = ItemsAnswer(frozenset(), frozenset({"hiv"}))  # "none of these" when only HIV was shown
    epilepsy = trial("E", choice("conditions", {"epilepsy"}))
    assert evaluate([epilepsy], {"conditions": answer}, QUESTIONS)[0].results[0].outcome is Outcome.UNKNOWN
    catalogue = Catalogue([trial("A", choice("conditions", {"hiv"})), epilepsy], QUESTIONS)
    walk = catalogue.walk({"conditions": answer})
    assert walk.next_screen == ("conditions",)
    assert walk.items["conditions"] == {"hiv", "epilepsy"}  # the screen again, with what it now needs
    fuller = ItemsAnswer(frozenset({"epilepsy"}), frozenset({"hiv", "epilepsy"}))
    assert catalogue.walk({"conditions": fuller}).next_key is None
    assert evaluate([epilepsy], {"conditions": fuller}, QUESTIONS)[0].verdict is Verdict.NO_MATCH


def test_a_ticked_item_decides_a_study_even_when_others_were_not_shown():
    answer = ItemsAnswer(frozenset({"stroke"}), frozenset({"stroke"}))
    study = trial("B", choice("conditions", {"stroke", "epilepsy"}))
    assert evaluate([study], {"conditions": answer}, QUESTIONS)[0].verdict is Verdict.NO_MATCH


def test_an_item_left_for_the_study_team_stays_unknown_when_ticked():
    study = trial("A", choice("conditions", {"hiv"}, uncertain={"diabetes"}))
    ticked = ItemsAnswer(frozenset({"diabetes"}), frozenset({"hiv", "diabetes"}))
    untouched = ItemsAnswer(frozenset(), frozenset({"hiv", "diabetes"}))
    assert evaluate([study], {"conditions": ticked}, QUESTIONS)[0].verdict is Verdict.POSSIBLE
    assert evaluate([study], {"conditions": untouched}, QUESTIONS)[0].verdict is Verdict.MATCH


def test_never_on_a_screen_of_events_settles_every_window_it_holds():
    studies = [
        trial("A", within("days_since_stroke", 6)),
        trial("B", within("days_since_surgery", 3), within("days_since_stroke", 12)),
    ]
    catalogue = Catalogue(studies, QUESTIONS)
    assert catalogue.walk({}).next_screen == ("days_since_stroke", "days_since_surgery")
    answers = {"days_since_stroke": NEVER, "days_since_surgery": 30}
    verdicts = {r.trial.id: r.verdict for r in evaluate(studies, answers, QUESTIONS)}
    assert verdicts == {"A": Verdict.MATCH, "B": Verdict.NO_MATCH}
    assert catalogue.walk(answers).next_key is None


def test_an_item_by_item_answer_is_stored_as_json_and_read_back():
    answer = ItemsAnswer(frozenset({"hiv"}), frozenset({"hiv", "stroke"}))
    assert answer.stored() == {"ticked": ["hiv"], "shown": ["hiv", "stroke"]}
    assert from_storage({"conditions": answer.stored()}) == {"conditions": answer}
    assert from_storage({"conditions": {"ticked": "hiv"}}) == {"conditions": DONT_KNOW}  # not an answer


def test_a_walk_a_screen_at_a_time_judges_as_one_question_at_a_time_does():
    studies = [
        trial("A", number("age", 40), choice("conditions", {"hiv", "stroke"}), number("fev1", high=80)),
        trial("B", number("age", 18), choice("conditions", {"diabetes"}, polarity=INC), number("fvc", 50)),
        trial("C", within("days_since_stroke", 6), number("dlco", 30)),
    ]
    patient = {"age": 60, "conditions": ["diabetes"], "fev1": 45, "fvc": 60, "dlco": 40, "days_since_stroke": NEVER}
    grouped, steps = answer_screens(Catalogue(studies, QUESTIONS), patient)
    alone = {key: QuestionInfo(key, info.priority) for key, info in QUESTIONS.items()}
    one_by_one, asked = answer_screens(Catalogue(studies, alone), patient)
    assert len(steps) < len(asked)
    assert [r.verdict for r in evaluate(studies, grouped, QUESTIONS)] == [
        r.verdict for r in evaluate(studies, one_by_one, alone)
    ]


# One well-formed screen of the table, for the tests of what the table refuses
SCREEN = {"key": "a", "questions": ["x"], "heading": "A", "heading_zh_hans": "甲", "intro": "I", "intro_zh_hans": "乙"}


def test_the_screens_table_puts_each_question_on_one_screen_with_words_in_both_languages():
    table, places, itemised = screens._table()
    assert "other_conditions" in itemised
    assert places["fev1_pct_pred"][0] == places["fev1_pct_pred_post"][0] == "lung_function"
    for screen in table.values():
        assert screen.heading("en") and screen.heading("zh-hans") != screen.heading("en")
        assert screen.intro("en") and screen.intro("zh-hans") != screen.intro("en")
    with pytest.raises(screens.ScreenTableError):
        screens.read(
            {
                "screens": [
                    SCREEN,
                    {
                        "key": "b",
                        "questions": ["x"],
                        "heading": "B",
                        "heading_zh_hans": "丙",
                        "intro": "I",
                        "intro_zh_hans": "丁",
                    },
                ]
            }
        )
    with pytest.raises(screens.ScreenTableError):
        screens.read({"screens": [{"key": "a", "questions": ["x"], "heading": "A", "intro": "I"}]})


def test_how_to_count_days_is_an_optional_part_of_a_screens_introduction_in_both_languages():
    table, _places, _items = screens.read({"screens": [SCREEN]})
    assert table["a"].intro_days("en") == ""
    days = {"intro_days": "Count the days.", "intro_days_zh_hans": "数天数。"}
    table, _places, _items = screens.read({"screens": [{**SCREEN, **days}]})
    assert table["a"].intro("zh-hans") == "乙"  # the introduction keeps its own words
    assert table["a"].intro_days("zh-hans") == "数天数。" and table["a"].intro_days("en") == "Count the days."
    with pytest.raises(screens.ScreenTableError):
        screens.read({"screens": [{**SCREEN, "intro_days": "Count the days."}]})


def test_a_short_hint_must_be_for_a_question_of_its_screen_and_in_both_languages():
    entry = SCREEN
    table, _places, _items = screens.read(
        {"screens": [{**entry, "hints": {"x": {"en": "Row X.", "zh_hans": "X一行。"}}}]}
    )
    assert table["a"].hint("x", "zh-hans") == "X一行。" and table["a"].hint("x", "en") == "Row X."
    assert table["a"].hint("y", "en") is None
    for hints in (
        {"y": {"en": "Row Y.", "zh_hans": "Y一行。"}},
        {"x": {"en": "Row X."}},
        {"x": {"en": " ", "zh_hans": "X"}},
    ):
        with pytest.raises(screens.ScreenTableError):
            screens.read({"screens": [{**entry, "hints": hints}]})


@pytest.mark.parametrize(
    "key, shown, english, chinese",
    [
        (
            "heart_and_hospital",
            ["days_since_surgery", "days_since_hospitalisation"],
            "Operations and hospital stays",
            "手术和住院",
        ),
        (
            "heart_and_hospital",
            ["days_since_heart_attack", "days_since_stroke"],
            "Heart attack and stroke",
            "心肌梗死和脑卒中",
        ),
        (
            "heart_and_hospital",
            ["days_since_stroke", "days_since_surgery", "days_since_hospitalisation"],
            "Stroke, operations and hospital stays",
            "脑卒中、手术和住院",
        ),
        ("body_measurements", ["body_weight_kg", "heart_rate_bpm"], "Your weight and heart rate", "您的体重和心率"),
        ("body_measurements", ["systolic_bp_mmhg", "diastolic_bp_mmhg"], "Your blood pressure", "您的血压"),
        ("other_studies", ["allergy_albumin_or_anaesthetic", "medicine_allergy"], "Allergies", "过敏情况"),
        ("other_studies", ["other_trial_recent", "days_since_other_trial"], "Other studies", "其他研究"),
    ],
)
def test_a_page_showing_some_of_a_screens_questions_is_headed_by_what_it_asks(key, shown, english, chinese):
    page = screens.screen(key).showing(shown)
    assert page.heading("en") == english and page.heading("zh-hans") == chinese


def test_a_page_of_allergies_only_is_introduced_by_allergies_not_by_other_studies():
    page = screens.screen("other_studies").showing(["allergy_albumin_or_anaesthetic", "medicine_allergy"])
    assert "allergic" in page.intro("en") and "trials" not in page.intro("en")
    assert "过敏" in page.intro("zh-hans") and "临床试验" not in page.intro("zh-hans")


@pytest.mark.parametrize(
    "language, shown_words, other_words",
    [
        (
            "en",
            ["weight", "heart rate"],
            ["body mass index", "blood pressure", "ejection fraction", "heart ultrasound"],
        ),
        ("zh-hans", ["体重", "心率"], ["体重指数", "血压", "射血分数", "心脏彩超"]),
    ],
)
def test_a_page_of_weight_and_heart_rate_only_is_introduced_by_weight_and_heart_rate(
    language, shown_words, other_words
):
    intro = screens.screen("body_measurements").showing(["body_weight_kg", "heart_rate_bpm"]).intro(language)
    assert all(word in intro for word in shown_words), intro
    assert not [word for word in other_words if word in intro], intro
    assert ("I don’t know" if language == "en" else "我不知道") in intro  # what to do without one is still said


def test_every_page_of_body_measurements_introduces_exactly_what_it_shows():
    from itertools import combinations

    screen = screens.screen("body_measurements")
    for size in range(2, len(screen.questions)):
        for shown in combinations(screen.questions, size):
            if screen.showing(shown) is screen:
                continue  # every topic shown: the screen's own introduction, which names them all
            for language in ("en", "zh_hans"):
                intro = screen.showing(shown).intro(language.replace("_", "-"))
                phrases = [topic.intro[language] for topic in screen.topics]
                for topic, phrase in zip(screen.topics, phrases, strict=True):
                    named = mentions(intro, phrase, phrases)
                    assert named is bool(set(topic.questions) & set(shown)), (shown, intro)


def mentions(text: str, words: str, others: list[str]) -> bool:
    """Whether `text` says `words` other than as part of a longer topic's words ("体重" in "体重指数")."""
    for other in others:
        if words in other and other != words:
            text = text.replace(other, "")
    return words in text


def test_every_screen_with_topics_names_exactly_the_topics_a_page_shows():
    from itertools import combinations

    for screen in screens.all_screens().values():
        for size in range(2, len(screen.questions) + 1):
            for shown in combinations(screen.questions, size):
                for language in ("en", "zh-hans"):
                    heading = screen.showing(shown).heading(language).casefold()
                    names = [(t.name.get(language.replace("-", "_")) or t.name["en"]).casefold() for t in screen.topics]
                    for topic, name in zip(screen.topics, names, strict=True):
                        named = mentions(heading, name, names)
                        assert named is bool(set(topic.questions) & set(shown)), (screen.key, shown)


def test_a_screen_shown_whole_keeps_its_own_heading_and_introduction():
    screen = screens.screen("heart_and_hospital")
    assert screen.showing(screen.questions) is screen
    assert screen.heading("en") == "Heart attack, stroke, operations and hospital stays"
    assert screens.screen("lung_function").showing(["fev1_pct_pred", "dlco_pct_pred"]).heading("en") == (
        "Your lung function test results"  # a screen without topics is one topic
    )


def test_a_screens_topics_hold_each_of_its_questions_once_in_both_languages():
    two = {**SCREEN, "questions": ["x", "y"]}
    named = {"en": "x", "zh_hans": "甲"}
    screens.read(
        {"screens": [{**two, "topics": [{"questions": ["x"], "name": named}, {"questions": ["y"], "name": named}]}]}
    )
    for topics in (
        [{"questions": ["x"], "name": named}],  # y in none
        [{"questions": ["x", "y"], "name": named}, {"questions": ["y"], "name": named}],  # y twice
        [{"questions": ["x"], "name": named}, {"questions": ["y"], "name": {"en": "y"}}],  # no Chinese
    ):
        with pytest.raises(screens.ScreenTableError):
            screens.read({"screens": [{**two, "topics": topics}]})
    with pytest.raises(screens.ScreenTableError):
        screens.read({"screens": [{**two, "heading_topics": {"en": "Your things"}}]})


@pytest.mark.django_db
def test_the_seed_trials_walked_a_screen_at_a_time_keep_their_verdicts(seed_trials):
    from tests.trials.profiles import COPD, ILD, MATCHES_COPD, MATCHES_ILD, questions, rules

    infos = questions()
    assert infos["fvc_pct_pred"].screen == "lung_function"
    assert infos["other_conditions"].items and "none" not in infos["other_conditions"].items
    catalogue = Catalogue(rules(), infos)
    for nct_id, profile in ((COPD, MATCHES_COPD), (ILD, MATCHES_ILD)):
        for changed in ({}, {"age": "90"}, {"cancer_history": "within_5y"}, {"mechanical_ventilation": "within_1m"}):
            patient = eligibility.from_storage({**profile, **changed})
            answers, _steps = answer_screens(catalogue, patient)
            full = {r.trial.id: r.verdict for r in evaluate(rules(), patient, infos)}
            walked = {r.trial.id: r.verdict for r in evaluate(rules(), answers, infos)}
            assert walked[nct_id] == full[nct_id], (nct_id, changed)


@pytest.mark.django_db
def test_an_item_by_item_answer_is_a_valid_stored_answer_of_its_question(seed_trials):
    from django.core.exceptions import ValidationError

    from trials.models import Question

    question = Question.objects.get(key="other_conditions")
    assert question.clean_answer({"ticked": ["hiv"], "shown": ["stroke", "hiv"]}) == {
        "ticked": ["hiv"],
        "shown": ["hiv", "stroke"],
    }
    for wrong in ({"ticked": [], "shown": []}, {"ticked": ["flu"], "shown": ["flu"]}, {"ticked": "hiv", "shown": []}):
        with pytest.raises(ValidationError):
            question.clean_answer(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "smoking, asked, verdicts",
    [
        ("never", [("smoking_status",)], {"heavy smokers": "no_match", "recent quitters out": "match"}),
        ("former", [("smoking_status",), ("pack_years", "days_since_quit_smoking")], None),
        ("current", [("smoking_status",), ("pack_years", "days_since_quit_smoking")], None),
    ],
)
def test_someone_who_has_never_smoked_is_not_asked_pack_years_or_when_they_stopped(smoking, asked, verdicts):
    """They used to have to type 0 pack-years and 3650 days; those are now the answers taken for them."""
    from trials.registry.importing import ensure_questions

    infos = {key: q.to_info() for key, q in ensure_questions().items()}
    heavy = trial("heavy smokers", number("pack_years", 10, n=1))
    quitters = trial(
        "recent quitters out",
        CriterionRule(2, EXC, "days_since_quit_smoking", NumberRule(None, True, Decimal(183), True)),
    )
    catalogue = Catalogue([heavy, quitters], infos)
    answers, steps = answer_screens(
        catalogue, {"smoking_status": smoking, "pack_years": "30", "days_since_quit_smoking": "400"}
    )
    assert steps == asked
    if verdicts:
        assert {r.trial.id: str(r.verdict) for r in evaluate([heavy, quitters], answers, infos)} == verdicts


def test_the_other_illnesses_page_counts_problems_a_patient_knows_of_without_a_doctors_diagnosis():
    """Fainting at needles or difficulty swallowing is often never diagnosed: "only what a doctor has told you" made
    a patient who faints at blood tests answer "None of these" (found walking the screener, round 11)."""
    health = screens.screen("health")
    assert "even if no doctor has named them" in health.intro("en") and "Only what a doctor" not in health.intro("en")
    assert "没有经医生诊断的问题也算" in health.intro("zh-hans") and "只填医生告诉过您" not in health.intro("zh-hans")


@pytest.mark.parametrize(
    "language, trials_words, allergy_words",
    [("en", "other trials", "allergic reaction"), ("zh-hans", "其他临床试验", "过敏反应")],
)
def test_a_page_asking_about_other_studies_and_an_allergy_is_introduced_by_both(language, trials_words, allergy_words):
    """The page of other trials and the any-allergy question said why it asks about trials only (round 11's walk)."""
    page = screens.screen("other_studies").showing(["other_trial_recent", "any_allergy"])
    assert trials_words in page.intro(language) and allergy_words in page.intro(language)

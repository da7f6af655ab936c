"""The compact index (shared rules, bitsets over trials) walks and judges exactly as the plain rules do.

The reference here is the engine's contract worked out the straightforward way, trial by trial: the open
trials are those `evaluate_trial` does not rule out, and the next question is counted over them.
"""

import pickle
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from trials.eligibility import (
    AGE,
    DONT_KNOW,
    AskedOnlyIf,
    Catalogue,
    ChoiceRule,
    CriterionRule,
    NumberRule,
    Polarity,
    QuestionInfo,
    RuleIndex,
    TrialRules,
    Verdict,
    Walk,
    _askable,
    _gate_state,
    evaluate,
    evaluate_trial,
    with_implied_answers,
)

QUESTIONS = {
    "dx": QuestionInfo("dx", 1),
    "walk": QuestionInfo("walk", 5),
    "dlco": QuestionInfo("dlco", 3),
    "sex": QuestionInfo("sex", 2),
    "pregnant": QuestionInfo("pregnant", 4, AskedOnlyIf("sex", frozenset({"female"}), "no")),
}
bounds = st.one_of(st.none(), st.integers(0, 10).map(Decimal))
any_range = st.builds(NumberRule, bounds, st.booleans(), bounds, st.booleans()).filter(
    lambda r: r.min_value is not None or r.max_value is not None
)
# A few common ranges, so that trials (and the trials a patch brings) often share a rule, as real ones do.
COMMON = [
    NumberRule(Decimal(3), True, Decimal(7), False),
    NumberRule(Decimal(5), False),
    NumberRule(None, True, Decimal(4)),
]
number_rules = st.one_of(st.sampled_from(COMMON), any_range)
rules = st.one_of(
    st.tuples(st.sampled_from(["walk", "dlco"]), number_rules),
    st.tuples(
        st.just("dx"),
        st.builds(ChoiceRule, st.frozensets(st.sampled_from(["copd", "ild"]), min_size=1), st.just(frozenset())),
    ),
    st.tuples(st.just("sex"), st.sampled_from([ChoiceRule(frozenset({"female"})), ChoiceRule(frozenset({"male"}))])),
    st.tuples(st.just("pregnant"), st.just(ChoiceRule(frozenset({"yes"})))),
    st.just((None, None)),  # only the study team can judge
)
criteria = st.lists(st.tuples(st.sampled_from(list(Polarity)), rules), max_size=5)
trial_lists = st.lists(criteria, min_size=1, max_size=40).map(
    lambda trials: [
        TrialRules(f"T{n}", tuple(CriterionRule(n * 10 + i, p, key, rule) for i, (p, (key, rule)) in enumerate(c)))
        for n, c in enumerate(trials)
    ]
)
answer = st.one_of(
    st.integers(0, 10), st.decimals(0, 10, places=1), st.sampled_from([DONT_KNOW, "abc", True, "5", "5.0"])
)
answer_sets = st.fixed_dictionaries(
    {},
    optional={
        "dx": st.one_of(st.lists(st.sampled_from(["copd", "ild", "none"]), max_size=2), st.just(DONT_KNOW)),
        "walk": answer,
        "dlco": answer,
        "sex": st.sampled_from(["female", "male", DONT_KNOW]),
        "pregnant": st.sampled_from(["yes", "no", DONT_KNOW]),
    },
)


def straightforward_walk(trials, answers, questions) -> Walk:
    """The engine's contract, trial by trial, with nothing indexed or remembered: the next screen is the one
    the most open trials need some question of (each trial counted once), and holds each of its questions
    that an open trial needs."""

    def screen_of(key):
        return questions[key].screen or key

    screens, given_so_far = [], {}
    while True:
        effective = with_implied_answers(given_so_far, questions)
        open_trials = [t for t in trials if evaluate_trial(t, effective).verdict is not Verdict.NO_MATCH]
        needed_by: dict[str, set] = {}
        for number, trial in enumerate(open_trials):
            wanted = {_askable(key, effective, questions) for key in trial.question_keys - effective.keys()}
            wanted.discard(None)
            for key in wanted - effective.keys():
                needed_by.setdefault(key, set()).add(number)
        by_screen: dict[str, set] = {}
        for key, numbers in needed_by.items():
            by_screen.setdefault(screen_of(key), set()).update(numbers)
        screen = ()
        if by_screen:
            lowest = {name: min(questions[k].priority for k in needed_by if screen_of(k) == name) for name in by_screen}
            best = min(by_screen, key=lambda name: (-len(by_screen[name]), lowest[name], name))
            screen = tuple(
                sorted(
                    (k for k in needed_by if screen_of(k) == best),
                    key=lambda k: (questions[k].screen_order, questions[k].priority, k),
                )
            )
        if not screen or any(key not in answers for key in screen):
            path = tuple(key for taken in screens for key in taken)
            remaining = len(by_screen) + len(waiting_questions(open_trials, effective, questions))
            if screen and any(key not in given_so_far for key in answers):
                # answers beyond the path: the steps none of them answers, the next one always among them
                everything = with_implied_answers(answers, questions)
                still = {screen_of(screen[0])}
                for trial in open_trials:
                    wanted = {_askable(key, everything, questions) for key in trial.question_keys - everything.keys()}
                    still |= {screen_of(key) for key in wanted - {None} - everything.keys()}
                remaining = len(still) + len(waiting_questions(open_trials, everything, questions))
            return Walk(path, screen[0] if screen else None, remaining, tuple(screens), screen, {})
        screens.append(screen)
        given_so_far.update({key: answers[key] for key in screen})


def waiting_questions(open_trials, effective, questions) -> set[str]:
    """The questions open trials need that an answer not given yet may still bring, each a step at most: with
    the screens needed now, the walk's "up to N steps left"."""
    waiting = set()
    for trial in open_trials:
        for key in trial.question_keys - effective.keys():
            while questions[key].asked_only_if is not None and key not in waiting:
                gate = questions[key].asked_only_if
                if _gate_state(gate, effective) is not None:
                    break
                waiting.add(key)
                key = gate.question_key if gate.question_key not in effective else AGE
    return waiting


def same_judgements(catalogue, trials, answers):
    effective = with_implied_answers(answers, QUESTIONS)
    expected = {r.trial.id: r for r in evaluate(trials, answers, QUESTIONS)}
    assessment = catalogue.assess(effective)
    assert {r.trial.id: (r.verdict, r.results) for r in assessment.open} == {
        i: (r.verdict, r.results) for i, r in expected.items() if r.verdict is not Verdict.NO_MATCH
    }
    assert {t.id for t in assessment.ruled_out} == {i for i, r in expected.items() if r.verdict is Verdict.NO_MATCH}
    for trial in trials:
        assert evaluate_trial(catalogue.trial(trial.id), effective) == expected[trial.id]


@settings(max_examples=200, deadline=None)
@given(trial_lists, st.lists(answer_sets, min_size=1, max_size=8))
def test_the_compact_index_walks_and_judges_as_the_plain_rules_do(trials, many_answers):
    catalogue = Catalogue.from_index(
        RuleIndex.build((t.id, [(c.id, c.polarity, c.question_key, c.rule) for c in t.criteria]) for t in trials),
        QUESTIONS,
    )
    for answers in many_answers + many_answers:
        assert catalogue.walk(answers) == straightforward_walk(trials, answers, QUESTIONS)
        same_judgements(catalogue, trials, answers)


# The same questions, some sharing screens: lung function (walk, dlco) and about you (sex, then pregnancy,
# which sex gates, so it can never be asked beside it).
SCREENED = {
    "dx": QuestionInfo("dx", 1),
    "walk": QuestionInfo("walk", 5, screen="lung", screen_order=2),
    "dlco": QuestionInfo("dlco", 3, screen="lung", screen_order=1),
    "sex": QuestionInfo("sex", 2, screen="you", screen_order=1),
    "pregnant": QuestionInfo("pregnant", 4, AskedOnlyIf("sex", frozenset({"female"}), "no"), "you", 2),
}


@settings(max_examples=200, deadline=None)
@given(trial_lists, st.lists(answer_sets, min_size=1, max_size=8))
def test_with_screens_the_index_walks_a_screen_at_a_time_as_the_plain_rules_do(trials, many_answers):
    catalogue = Catalogue.from_index(RuleIndex.build(entries(t) for t in trials), SCREENED)
    for answers in many_answers + many_answers:
        assert catalogue.walk(answers) == straightforward_walk(trials, answers, SCREENED)
        same_judgements(catalogue, trials, answers)


def entries(trial):
    return (trial.id, [(c.id, c.polarity, c.question_key, c.rule) for c in trial.criteria])


@settings(max_examples=150, deadline=None)
@given(trial_lists, trial_lists, st.data())
def test_a_patched_index_is_the_index_of_the_trials_after_the_change(before, replacements, data):
    """An admin's edit replaces one trial's rules (or withdraws it) without building everything again."""
    replaced = [TrialRules(before[n % len(before)].id, t.criteria) for n, t in enumerate(replacements)]
    replaced = list({t.id: t for t in replaced}.values())
    withdrawn = data.draw(st.sets(st.sampled_from([t.id for t in before])))
    after = [t for t in before if t.id not in withdrawn and t.id not in {r.id for r in replaced}] + replaced
    index = RuleIndex.build(entries(t) for t in before)
    old = Catalogue.from_index(index, QUESTIONS)
    old.walk(data.draw(answer_sets))  # what the old catalogue remembered must not leak into the new one
    half = len(replaced) // 2  # two patches in a row, as two admin edits make
    first = index.patched([entries(t) for t in replaced[:half]], withdrawn)
    first_catalogue = Catalogue.from_index(first, QUESTIONS, previous=old)
    patched = first.patched([entries(t) for t in replaced[half:]])
    incremental = Catalogue.from_index(patched, QUESTIONS, previous=first_catalogue)
    # Workers load the stored snapshot: the index and what the catalogue worked out from it.
    stored = pickle.loads(pickle.dumps((patched, incremental.prepared())))
    candidates = [
        Catalogue.from_index(patched, QUESTIONS),  # worked out from scratch
        incremental,  # shared with the catalogue before the patch
        Catalogue.from_index(stored[0], QUESTIONS, prepared=stored[1]),
    ]
    for catalogue in candidates:
        assert {t.id for t in catalogue.trials} == {t.id for t in after}
        for answers in data.draw(st.lists(answer_sets, min_size=1, max_size=4)):
            assert catalogue.walk(answers) == straightforward_walk(after, answers, QUESTIONS)
            same_judgements(catalogue, after, answers)
    untouched = Catalogue.from_index(index, QUESTIONS)  # patients walking the old index see no change
    assert {t.id for t in untouched.trials} == {t.id for t in before}
    assert {t.id for t in old.trials} == {t.id for t in before}


def test_a_patched_trial_that_shares_an_existing_range_is_ruled_out_by_it():
    walk = NumberRule(Decimal(5), True, Decimal(10), False)
    before = [
        TrialRules("T0", (CriterionRule(1, Polarity.INCLUSION, "dx", ChoiceRule(frozenset({"copd"}))),)),
        TrialRules("T1", (CriterionRule(2, Polarity.INCLUSION, "walk", walk),)),
    ]
    old = Catalogue.from_index(RuleIndex.build(entries(t) for t in before), QUESTIONS)
    edited = TrialRules("T0", (CriterionRule(3, Polarity.INCLUSION, "walk", walk),))  # the same range as T1's
    catalogue = Catalogue.from_index(old.index.patched([entries(edited)]), QUESTIONS, previous=old)
    assert catalogue.walk({"walk": 4}) == Walk(("walk",), None, 0, (("walk",),))
    assert catalogue.assess({"walk": 4}).open == ()
    assert {r.trial.id for r in catalogue.assess({"walk": 5}).open} == {"T0", "T1"}

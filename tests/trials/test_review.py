"""An admin reviews a trial's drafted criteria clause by clause, sees its coverage, tries a profile, and publishes
only once nothing is left to review."""

import json
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import log_in_with_second_factor
from tests.formdata import BrowserClient
from trials import catalogue
from trials.models import Criterion, Question, Trial

pytestmark = pytest.mark.django_db

RECORDS = Path(__file__).resolve().parent / "registry" / "records"
COPD_STUDY = "NCT03197818"  # real eligibility text, one line with inline bullets


def review_url(trial):
    return reverse("admin:trials_trial_review", args=[trial.pk])


def act(client, trial, **data):
    return client.post(reverse("admin:trials_trial_review_action", args=[trial.pk]), data)


def test_the_review_page_lists_every_clause_with_its_quote_marked_and_each_rule_in_words(admin_client, imported):
    page = admin_client.get(review_url(imported)).content.decode()
    clauses = imported.criteria.exclude(clause_start=None).values("clause_start").distinct().count()
    assert page.count('class="module clause clause-') == clauses == 12
    assert "<mark>FEV1 &lt; 50% of the predicted normal value</mark>" in page
    assert "FEV1 after a bronchodilator (% of predicted) &lt; 50%" in page  # the text says post-bronchodilator
    assert "Your FEV1 after a bronchodilator (% of predicted) needs to be less than 50%." in page
    assert "for the study team to check" in page and "Current smokers or ex-smokers" in page
    # the record's conditions name COPD and a clause drafts it already: one diagnosis draft, not two
    [diagnosis] = imported.criteria.filter(question__key="diagnoses", kind="inclusion")
    assert "copd" in diagnosis.values and diagnosis.clause_start is not None
    assert "Conditions: Chronic Obstructive Pulmonary Disease" not in page


def test_the_review_page_shows_the_registry_s_words_without_its_escapes_as_the_nurse_s_page_does(
    admin_client, imported
):
    """The record writes "aged \\> 40 years" and "FEV1/FVC ratio \\< 0.7" (CommonMark escapes): the clause and the
    quote read as the criterion's words do everywhere else, while the stored quote stays the record's exact span."""
    [age] = imported.criteria.filter(question__key="age", clause_start__isnull=False)
    assert age.quote == "aged \\> 40 years" and age.quote in imported.eligibility_text
    assert "\\" not in age.source_text  # what the patient's and the nurse's pages show
    page = admin_client.get(review_url(imported)).content.decode()
    assert "Male or Female adults <mark>aged &gt; 40 years</mark>" in page
    assert "<q>aged &gt; 40 years</q>" in page
    assert "<mark>FEV1/FVC ratio &lt; 0.7</mark>" in page
    assert "\\&gt;" not in page and "\\&lt;" not in page


@pytest.mark.parametrize(
    ("text", "quotes", "shown"),
    [
        ("aged \\> 40 years", ["aged \\> 40"], "<mark>aged &gt; 40</mark> years"),
        ("FEV1 \\< 0.7 now", ["< 0.7"], "FEV1 <mark>&lt; 0.7</mark> now"),  # a quote that starts after the backslash
        ("FEV1 \\< 0.7 now", ["\\< 0.7"], "FEV1 <mark>&lt; 0.7</mark> now"),  # or with it
        ("a \\\\ b", ["b"], "a \\ <mark>b</mark>"),  # an escaped backslash reads as one
        ("  two\n   lines  end", ["two\n   lines"], "<mark>two lines</mark> end"),
        ("no quote here", ["elsewhere", ""], "no quote here"),
        ("x \\[a\\] y", ["[a"], "x <mark>[a</mark>] y"),
    ],
)
def test_a_clause_is_shown_readable_with_each_exact_quote_marked_where_its_words_stand(text, quotes, shown):
    from trials.review import highlight

    assert highlight(text, quotes) == shown


def test_the_trial_list_and_change_page_link_to_the_review_with_its_coverage(admin_client, imported):
    listing = admin_client.get(reverse("admin:trials_trial_changelist")).content.decode()
    assert review_url(imported) in listing
    assert '<meter min="0" max="12" value="0"' in listing
    assert "0 of 12 clauses reviewed: 0 answerable, 0 for the study team" in listing
    change = admin_client.get(reverse("admin:trials_trial_change", args=[imported.pk])).content.decode()
    assert review_url(imported) in change and "Review criteria" in change


def test_coverage_counts_each_clause_once_by_its_criteria(admin_client, imported):
    assert (imported.coverage().answerable, imported.coverage().study_team, imported.coverage().to_review) == (0, 0, 12)
    fev1 = imported.criteria.get(question__key="fev1_pct_pred_post")
    act(admin_client, imported, action="approve_clause", start=fev1.clause_start, end=fev1.clause_end)
    # a time on a medicine that no question asks about: for the study team
    other = imported.criteria.get(source_text__startswith="Patients treated with non-cardioselective ß-blockers")
    assert other.question is None
    act(admin_client, imported, action="approve", criterion=other.pk)
    coverage = Trial.objects.get(pk=imported.pk).coverage()
    assert (coverage.answerable, coverage.study_team, coverage.to_review, coverage.clauses) == (1, 1, 10, 12)
    page = admin_client.get(review_url(imported)).content.decode()
    assert "12 clauses: 1 with a patient-answerable rule, 1 for the study team, 10 still to review." in page
    assert re.search(r'<rect class="bar-answerable" x="0.00" y="0" width="8.33"', page)


def test_approve_all_approves_only_that_clauses_drafts(admin_client, imported):
    fev1 = imported.criteria.get(question__key="fev1_pct_pred_post")
    response = act(admin_client, imported, action="approve_clause", start=fev1.clause_start, end=fev1.clause_end)
    # the clause has nothing left to review: the page opens at the next clause to review, not at this one
    assert response.status_code == 302 and "?reviewed=clause-" in response["Location"]
    assert not response["Location"].endswith(f"#clause-{fev1.clause_start}-{fev1.clause_end}")
    approved = set(
        imported.criteria.approved().exclude(origin=Criterion.Origin.IMPORT).values_list("question__key", flat=True)
    )
    assert approved == {"fev1_pct_pred_post", "fev1_fvc_ratio_post"}


def test_rejecting_keeps_the_criterion_for_the_record_and_never_uses_it(admin_client, imported):
    oxygen = imported.criteria.get(question__key="oxygen_hours_per_day")
    act(admin_client, imported, action="reject", criterion=oxygen.pk)
    oxygen.refresh_from_db()
    assert oxygen.status == Criterion.Status.REJECTED
    assert oxygen.pk not in [c.id for c in imported.to_rules().criteria]
    # the clause's only proposal was rejected: the clause is left for the study team, in its own words
    [team] = imported.criteria.filter(clause_start=oxygen.clause_start, question=None)
    assert (team.status, team.source_text) == (Criterion.Status.APPROVED, oxygen.source_text)
    assert Criterion.clause_state(list(oxygen.same_clause())) == "study_team"


def test_an_edit_started_on_the_review_page_returns_to_it(admin_client, imported):
    walk = imported.criteria.get(question__key="fev1_pct_pred_post")
    url = reverse("admin:trials_criterion_change", args=[walk.pk]) + "?next=" + review_url(imported)
    from tests.formdata import form_data

    data = form_data(admin_client.get(url).content.decode(), "criterion_form")
    data.update(max_value="60", status="approved")
    response = admin_client.post(url, data)
    assert response.status_code == 302 and response["Location"] == review_url(imported)
    walk.refresh_from_db()
    assert (walk.max_value, walk.status, walk.origin) == (Decimal(60), "approved", Criterion.Origin.EDITED)


def test_publishing_waits_until_every_criterion_is_reviewed(admin_client, imported):
    response = act(admin_client, imported, action="publish")
    assert response.status_code == 302
    assert not Trial.objects.get(pk=imported.pk).is_published
    page = admin_client.get(response["Location"]).content.decode()
    # 15: the clause "asthma, history of allergic rhinitis or atopy" keeps the items no draft reads for the study team
    assert "cannot be published while 15 criteria are still to review" in page
    for criterion in imported.criteria.filter(status=Criterion.Status.DRAFT):
        act(admin_client, imported, action="approve", criterion=criterion.pk)
    act(admin_client, imported, action="publish", confirmed="yes")  # its record has no Chinese: confirmed
    assert Trial.objects.get(pk=imported.pk).is_published


def test_publishing_is_refused_in_the_trial_form_and_anywhere_else(admin_client, imported):
    from tests.formdata import form_data

    url = reverse("admin:trials_trial_change", args=[imported.pk])
    data = form_data(admin_client.get(url).content.decode(), "trial_form")
    data["is_published"] = "on"
    page = admin_client.post(url, data).content.decode()
    assert "cannot be published while 15 criteria are still to review" in page
    imported.is_published = True
    with pytest.raises(ValidationError, match="still to review"):
        imported.save()
    assert not Trial.objects.get(pk=imported.pk).is_published


def test_a_profile_is_tried_against_the_approved_criteria_of_an_unpublished_trial(admin_client, imported):
    for criterion in imported.criteria.filter(question__key__in=["fev1_pct_pred_post", "fev1_fvc_ratio_post"]):
        act(admin_client, imported, action="approve", criterion=criterion.pk)
    answers = json.dumps({"age": 60, "fev1_pct_pred_post": 45, "fev1_fvc_ratio_post": 0.6})
    page = admin_client.get(review_url(imported), {"answers": answers}).content.decode()
    assert '<p class="verdict verdict-match" role="status">Verdict: may match.' in page
    answers = json.dumps({"age": 60, "fev1_pct_pred_post": 50, "fev1_fvc_ratio_post": 0.6})
    page = admin_client.get(review_url(imported), {"answers": answers}).content.decode()
    assert '<p class="verdict verdict-no_match" role="status">Verdict: not a match.' in page
    assert re.search(
        r'<tr class="outcome-not_met"><td>Inclusion</td><td>FEV1 after a bronchodilator \(% of predicted\) &lt; 50%</td>'
        r"<td>Does not meet it</td>",
        page,
    )
    assert "<td>Meets it</td>" in page  # the FEV1/FVC ratio of 0.6
    assert "<td>not_met</td>" not in page and "<td>met</td>" not in page


@pytest.mark.parametrize(
    "language, match, possible, no_match",
    [
        (
            "en",
            "Verdict: may match. No approved criterion rules these answers out, and none is left unknown.",
            "Verdict: might match. No approved criterion rules these answers out, but some are not known yet.",
            "Verdict: not a match. At least one approved criterion rules these answers out.",
        ),
        (
            "zh-hans",
            "判定结果：可能符合。没有任何已批准的标准排除这些回答，也没有尚不清楚的标准。",
            "判定结果：或许符合。没有任何已批准的标准排除这些回答，但有些标准尚不清楚。",
            "判定结果：不符合。至少有一条已批准的标准排除了这些回答。",
        ),
    ],
)
def test_a_tried_profiles_verdict_is_a_sentence_in_the_reviewers_language_never_the_engines_code(
    admin_client, imported, language, match, possible, no_match
):
    """The verdict line says what the verdict is and why, as a whole sentence per verdict and language: a reviewer
    never reads "match", "possible" or "no_match"."""
    for criterion in imported.criteria.filter(question__key__in=["fev1_pct_pred_post", "fev1_fvc_ratio_post"]):
        act(admin_client, imported, action="approve", criterion=criterion.pk)
    admin_client.cookies["django_language"] = language

    def verdict(fev1):
        answers = {"age": 60, "fev1_pct_pred_post": fev1, "fev1_fvc_ratio_post": 0.6}
        page = admin_client.get(review_url(imported), {"answers": json.dumps(answers)}).content.decode()
        [line] = re.findall(r'<p class="verdict verdict-[a-z_]+" role="status">(.*?)</p>', page, re.S)
        return line

    assert verdict(45) == match  # below 50 %: meets it
    assert verdict(None) == possible  # "I don't know"
    assert verdict(50) == no_match  # the boundary, which the rule leaves out


@pytest.mark.parametrize(
    "language, excluded, not_excluded, not_known",
    [
        ("en", "Excluded by it", "Not excluded by it", "Not known yet"),
        ("zh-hans", "因此条被排除", "未因此条被排除", "尚不清楚"),
    ],
)
def test_a_tried_exclusion_says_whether_it_excludes_the_profile_in_the_reviewers_language(
    admin_client, imported, language, excluded, not_excluded, not_known
):
    """For an exclusion the engine's "met" means the patient is not excluded: the reviewer reads the meaning,
    never the engine's code, which would read backwards."""
    from django.utils.html import escape
    from django.utils.translation import override

    oxygen = imported.criteria.get(question__key="oxygen_hours_per_day")
    act(admin_client, imported, action="approve", criterion=oxygen.pk)
    admin_client.cookies["django_language"] = language
    with override(language):
        rule = escape(oxygen.rule_in_words())

    def outcome(answers):
        page = admin_client.get(review_url(imported), {"answers": json.dumps(answers)}).content.decode()
        [row] = re.findall(rf'<tr class="outcome-[a-z_]+"><td>[^<]*</td><td>{re.escape(rule)}</td>.*?</tr>', page)
        return re.findall(r"<td>(.*?)</td>", row)[-1]

    assert outcome({"oxygen_hours_per_day": 14}) == excluded
    assert outcome({"oxygen_hours_per_day": 2}) == not_excluded
    assert outcome({"oxygen_hours_per_day": None}) == not_known


@pytest.mark.parametrize(
    "answers, problem",
    [
        ("{not json", "The answers are not valid JSON"),
        ("[1, 2]", "Give the answers as an object"),
        ('{"height_cm": 170}', "height_cm: not a question key."),
        ('{"fev1_pct_pred": 900}', "fev1_pct_pred: Enter a value from 5% to 200%."),
    ],
    ids=["not-json", "not-an-object", "unknown-key", "out-of-range"],
)
def test_a_bad_profile_is_explained_and_kept(admin_client, imported, answers, problem):
    response = admin_client.get(review_url(imported), {"answers": answers})
    page = response.content.decode()
    assert response.status_code == 200 and problem in page and "Verdict:" not in page


def test_a_published_trial_is_judged_as_the_catalogue_judges_it(admin_client, seed_trials):
    from tests.trials.profiles import COPD, MATCHES_COPD

    trial = Trial.objects.get(nct_id=COPD)
    for walk, expected in (("300", "match"), ("600", "no_match")):
        answers = {**MATCHES_COPD, "sixmwd_m": walk}
        page = admin_client.get(review_url(trial), {"answers": json.dumps(answers)}).content.decode()
        assert f'<p class="verdict verdict-{expected}" role="status">' in page
        assert str(catalogue.current().evaluate(COPD, answers).verdict) == expected


def test_the_seed_trials_have_every_clause_reviewed(admin_client, seed_trials):
    for trial in Trial.objects.all():
        coverage = trial.coverage()
        assert coverage.to_review == 0 and coverage.clauses > 0
        page = admin_client.get(review_url(trial)).content.decode()
        assert "0 still to review" in page


@pytest.mark.parametrize("perms", [[], ["view_trial", "view_criterion"]], ids=["no-rights", "view-only"])
def test_only_admins_who_may_change_criteria_review(client, django_user_model, imported, perms):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("sam", password="a-long-test-password", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=perms))
    log_in_with_second_factor(client, user)
    assert client.get(review_url(imported)).status_code == 403
    draft = imported.criteria.filter(status=Criterion.Status.DRAFT).first()
    assert act(client, imported, action="approve", criterion=draft.pk).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Criterion.Status.DRAFT


def test_actions_need_a_post_with_a_csrf_token(client, admin_user, imported):
    strict = log_in_with_second_factor(BrowserClient(enforce_csrf_checks=True), admin_user)
    draft = imported.criteria.filter(status=Criterion.Status.DRAFT).first()
    assert act(strict, imported, action="approve", criterion=draft.pk).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Criterion.Status.DRAFT


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Nothing was changed: that address only acts on a button pressed on the review page."),
        ("zh-hans", "没有做任何更改：这个地址只响应审核页面上按下的按钮。请在下面重新选择。"),
    ],
)
def test_opening_the_action_address_again_goes_back_to_the_review_page_and_says_nothing_changed(
    admin_client, imported, language, said
):
    """Walkthrough 13: reopening the publish confirmation's address gave a bare 405 "Method Not Allowed"."""
    admin_client.cookies["django_language"] = language
    response = admin_client.get(reverse("admin:trials_trial_review_action", args=[imported.pk]))
    assert response.status_code == 302 and response["Location"] == review_url(imported)
    assert said in admin_client.get(response["Location"]).content.decode()
    assert not Trial.objects.get(pk=imported.pk).is_published


def test_a_criterion_of_another_trial_cannot_be_acted_on(admin_client, imported, seed_trials):
    other = Criterion.objects.filter(trial__nct_id="NCT07355868").first()
    assert act(admin_client, imported, action="reject", criterion=other.pk).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"action": "approve", "criterion": "abc"},
        {"action": "reject"},
        {"action": "approve_clause", "start": "x", "end": "1"},
        {"action": "explode"},
    ],
    ids=["bad-id", "no-id", "bad-offsets", "unknown-action"],
)
def test_odd_posts_get_a_polite_answer_never_a_server_error(admin_client, imported, data):
    response = act(admin_client, imported, **data)
    assert response.status_code in (302, 404)
    assert not imported.criteria.exclude(status=Criterion.Status.DRAFT).exclude(origin=Criterion.Origin.IMPORT).exists()


def test_the_coverage_column_costs_the_same_queries_for_one_trial_or_many(admin_client, imported, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def list_queries():
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(reverse("admin:trials_trial_changelist")).status_code == 200
        return len(queries)

    one = list_queries()
    record = json.loads((RECORDS / f"{COPD_STUDY}.json").read_text(encoding="utf-8"))
    for n in range(1, 6):
        record["protocolSection"]["identificationModule"]["nctId"] = f"NCT0000000{n}"
        path = tmp_path / f"{n}.json"
        path.write_text(json.dumps(record), encoding="utf-8")
        call_command("import_ctgov", str(path), stdout=StringIO())
    assert list_queries() == one


def test_approve_all_leaves_the_drafts_below_the_confidence_its_button_shows(admin_client, imported):
    by_clause = {}
    for c in imported.criteria.filter(status=Criterion.Status.DRAFT).exclude(clause_start=None):
        by_clause.setdefault((c.clause_start, c.clause_end), []).append(c)
    start, end = next(key for key, members in by_clause.items() if len(members) >= 2)
    doubtful, *sure = by_clause[(start, end)]
    Criterion.objects.filter(pk__in=[c.pk for c in sure]).update(confidence=0.9)
    Criterion.objects.filter(pk=doubtful.pk).update(confidence=0.5, question=Question.objects.get(key="age"))
    page = admin_client.get(review_url(imported)).content.decode()
    assert f"Approve the {len(sure)} of {len(sure) + 1} drafts at 80% confidence or more" in page
    act(admin_client, imported, action="approve_clause", start=start, end=end)
    doubtful.refresh_from_db()
    assert doubtful.status == Criterion.Status.DRAFT
    assert all(Criterion.objects.get(pk=c.pk).status == Criterion.Status.APPROVED for c in sure)
    page = admin_client.get(review_url(imported)).content.decode()
    assert "1 drafts below 80% confidence were left for you to check one by one." in page


def test_the_review_page_shows_no_error_before_anyone_tries_to_publish(admin_client, imported):
    page = admin_client.get(review_url(imported)).content.decode()
    assert 'class="errornote"' not in page
    assert '<p class="help publish-waits" id="publish-problem">This trial cannot be published while 15 criteria' in page


@pytest.mark.parametrize(
    ("headers", "reads"),
    [
        ({}, "Read as concepts: current smoker, ex-smoker,"),
        ({"HTTP_ACCEPT_LANGUAGE": "zh-hans"}, "读作概念：目前吸烟、既往吸烟，"),
    ],
)
def test_the_concept_line_names_the_concepts_in_the_admins_language_not_by_their_codes(
    admin_client, imported, headers, reads
):
    page = admin_client.get(review_url(imported), **headers).content.decode()
    assert reads in page
    assert "current_smoker" not in page and "former_smoker" not in page


def test_the_clause_whose_draft_the_extractor_was_least_sure_of_comes_first(admin_client, imported):
    oxygen = imported.criteria.get(question__key="oxygen_hours_per_day")
    Criterion.objects.filter(pk=oxygen.pk).update(confidence=0.05)
    page = admin_client.get(review_url(imported)).content.decode()
    first = re.search(r'class="module clause clause-[a-z_]+" id="(clause-\d+-\d+)"', page).group(1)
    assert first == f"clause-{oxygen.clause_start}-{oxygen.clause_end}"


def test_a_concept_draft_shows_its_concepts_polarity_and_words_and_rejecting_it_leaves_the_clause_for_the_study_team(
    admin_client, imported
):
    page = admin_client.get(review_url(imported)).content.decode()
    assert "Read as concepts: pregnant, breastfeeding, as stated in the exclusion list" in page
    assert "from the words “Pregnant”, “lactating”." in page
    draft = imported.criteria.get(question__key="pregnant_or_breastfeeding")
    assert (draft.kind, draft.values, draft.status) == ("exclusion", ["yes"], Criterion.Status.DRAFT)
    act(admin_client, imported, action="reject", criterion=draft.pk)
    left = imported.criteria.get(clause_start=draft.clause_start, status=Criterion.Status.APPROVED)
    assert left.question is None and left.source_text == draft.source_text


def test_attack_the_review_page_of_a_huge_text_shows_fifty_clauses_a_page_with_counts(admin_client, imported):
    start = len(imported.eligibility_text) + 1
    text = imported.eligibility_text + "\n" + "".join(f"* Clause number {n}.\n" for n in range(130))
    Trial.objects.filter(pk=imported.pk).update(eligibility_text=text)
    before = imported.criteria.exclude(clause_start=None).values("clause_start", "clause_end").distinct().count()
    added = []
    for n in range(130):
        words = f"* Clause number {n}."
        at = text.index(words, start)
        added.append(
            Criterion(
                trial=imported,
                kind="exclusion",
                source_text=words,
                clause_text=words,
                clause_start=at,
                clause_end=at + len(words),
                status=Criterion.Status.DRAFT,
                origin=Criterion.Origin.EXTRACTED,
            )
        )
    Criterion.objects.bulk_create(added)
    total = before + 130
    assert 100 < total <= 150
    first = admin_client.get(review_url(imported)).content.decode()
    assert f"Clauses 1 to 50 of {total} (page 1 of 3)" in first
    assert "Clause 50 (" in first and "Clause 51 (" not in first and "Previous clauses" not in first
    last = admin_client.get(review_url(imported), {"page": "3"}).content.decode()
    assert f"Clauses 101 to {total} of {total} (page 3 of 3)" in last
    assert f"Clause {total} (" in last and "* Clause number 129." in last and "Next clauses" not in last
    assert admin_client.get(review_url(imported), {"page": "x"}).content.decode().count("Clause 1 (") == 1
    assert f"of {total} (page 3 of 3)" in admin_client.get(review_url(imported), {"page": "99"}).content.decode()

    response = act(
        admin_client, imported, action="approve_clause", start=added[-1].clause_start, end=added[-1].clause_end
    )
    assert re.search(r"\?page=3&reviewed=(clause-\d+-\d+)#\1$", response["Location"])  # its page, kept


@pytest.mark.parametrize(
    "language, reads, not_reads",
    [
        ("en", "Excluded if pregnant or breastfeeding is “Yes”", "Exclusion: excluded if"),
        ("zh-hans", "排除：怀孕或哺乳为“是”", "排除标准：排除："),
    ],
)
def test_an_exclusion_s_rule_says_excluded_once(admin_client, imported, language, reads, not_reads):
    admin_client.cookies["django_language"] = language
    page = admin_client.get(review_url(imported)).content.decode()
    assert reads in page and not_reads not in page
    assert (
        "Exclusion: for the study team to check" if language == "en" else "排除标准："
    ) in page  # no rule, kind kept


@pytest.mark.parametrize(
    ("language", "before", "after"),
    [
        ("en", "Read, but no question asks it: “", "”, within 1 month."),  # one month, not "1 months"
        ("zh-hans", "已识别，但没有对应的问题：“", "”，1个月以内。"),
    ],
)
def test_a_window_no_question_asks_about_is_one_sentence_quoting_the_registrys_words_whole(
    admin_client, imported, language, before, after
):
    """The walkthrough read "已识别，但没有对应的问题： treated with non-cardioselective blockers 1 以内 months": English
    glued into Chinese, and the ß of "ß-blockers" lost. The line is a whole sentence per language, around the
    registry's own span, every character kept and marked as English."""
    admin_client.cookies["django_language"] = language
    page = admin_client.get(review_url(imported)).content.decode()
    quote = "treated with non-cardioselective ß-blockers in the month preceding the screening visit"
    assert f'{before}<span lang="en">{quote}</span>{after}' in page
    assert "months" not in after and " 以内" not in page


@pytest.mark.parametrize(
    ("language", "read", "said"),
    [
        ("en", {"variable": "window", "upper": 2, "unit": "weeks"}, "”, within 2 weeks."),
        ("en", {"variable": "duration", "lower": 1, "unit": "years"}, "”, at least 1 year."),
        ("en", {"variable": "haemoglobin", "lower": 9, "upper": 12, "unit": "g/dL"}, "”, from 9 g/dL to 12 g/dL."),
        ("en", {"variable": "window", "upper": 24, "unit": "h"}, "”, within 24 hours."),
        ("en", {"variable": "haemoglobin"}, "”."),
        ("zh-hans", {"variable": "window", "upper": 2, "unit": "weeks"}, "”，2周以内。"),
        ("zh-hans", {"variable": "duration", "lower": 1, "unit": "years"}, "”，至少1年。"),
        ("zh-hans", {"variable": "x", "upper": 3, "unit": "count"}, "”，最多3次。"),
    ],
)
def test_each_shape_of_an_unread_bound_is_its_own_sentence_with_plurals(language, read, said):
    from django.utils import translation

    from trials.models import Criterion

    criterion = Criterion(proposal={"unmapped": [{"quote": "the words", **read}]})
    with translation.override(language):
        [(_before, what, after)] = criterion.unread()
    assert what == "the words" and after == said


def clause_section(page: str, criterion) -> str:
    return page.split(f'id="clause-{criterion.clause_start}-{criterion.clause_end}"')[1].split("</section>")[0]


@pytest.mark.parametrize(
    ("language", "button", "note"),
    [
        (
            "en",
            "Approve the 1 of 2 drafts left for the study team (no rule, so no confidence needed)",
            "No rule, so none needed: “approve” leaves it to the study team.",
        ),
        ("zh-hans", "批准2条草稿中留给研究团队核对的1条（没有规则，因此不需要置信度）", "没有规则，因此不需要置信度"),
    ],
)
def test_approve_all_says_it_approves_a_draft_for_the_study_team_not_one_at_80_percent(
    admin_client, imported, language, button, note
):
    """The walkthrough saw "Approve the 1 of 2 drafts at 80% confidence or more" beside confidences 0.50 and "—":
    the one it approves is the draft left to the study team, which has no rule and so no confidence."""
    team = imported.criteria.filter(question=None, status=Criterion.Status.DRAFT).exclude(clause_start=None).first()
    imported.criteria.filter(clause_start=team.clause_start).exclude(pk=team.pk).delete()
    Criterion.objects.create(
        trial=imported,
        kind=team.kind,
        question=Question.objects.get(key="age"),
        min_value=40,
        confidence=0.5,
        clause_start=team.clause_start,
        clause_end=team.clause_end,
        quote=team.quote,
        source_text=team.source_text,
    )
    admin_client.cookies["django_language"] = language
    clause = clause_section(admin_client.get(review_url(imported)).content.decode(), team)
    assert button in clause and note in clause
    assert "80%" not in clause and "0.50" in clause


def test_approve_all_names_both_kinds_when_it_approves_both(admin_client, imported):
    team = imported.criteria.filter(question=None, status=Criterion.Status.DRAFT).exclude(clause_start=None).first()
    imported.criteria.filter(clause_start=team.clause_start).exclude(pk=team.pk).delete()
    for confidence in (0.9, 0.5):
        Criterion.objects.create(
            trial=imported,
            kind=team.kind,
            question=Question.objects.get(key="age"),
            min_value=40,
            confidence=confidence,
            clause_start=team.clause_start,
            clause_end=team.clause_end,
            quote=team.quote,
            source_text=team.source_text,
        )
    clause = clause_section(admin_client.get(review_url(imported)).content.decode(), team)
    assert "Approve 2 of 3 drafts: 1 at 80% confidence or more and 1 left for the study team" in clause
    assert "0.90" in clause and "0.50" in clause


@pytest.mark.parametrize(
    ("language", "reads"), [("en", "for the study team to check, “"), ("zh-hans", "由研究团队核对，“")]
)
def test_a_tried_profiles_rows_for_the_study_team_are_told_apart_by_their_own_words(
    admin_client, imported, language, reads
):
    """The walkthrough's "Try a profile" showed three identical rows "Exclusion | for the study team to check"."""
    team = list(imported.criteria.filter(question=None).exclude(clause_start=None)[:3])
    assert len(team) == 3
    for criterion in team:
        act(admin_client, imported, action="approve", criterion=criterion.pk)
    admin_client.cookies["django_language"] = language
    page = admin_client.get(review_url(imported), {"answers": json.dumps({"age": 60})}).content.decode()
    rows = re.findall(r'<tr class="outcome-study_team"><td>[^<]*</td><td>(.*?)</td>', page)
    assert len(rows) == 3 and len(set(rows)) == 3
    assert all(row.startswith(reads) and '<span lang="en">' in row for row in rows)
    for criterion in team:
        assert any(criterion.source_text[:20] in row for row in rows)


@pytest.mark.parametrize(
    ("words", "shortened"),
    [
        ("Diagnosis of asthma", "Diagnosis of asthma"),
        (
            "Any other condition that in the opinion of the investigator would make participation unsafe",
            "Any other condition that in the opinion of the investigator…",
        ),
    ],
)
def test_a_clauses_words_are_shortened_at_a_whole_word(words, shortened):
    from trials.wording import words_shortened

    assert words_shortened(words) == shortened


@pytest.mark.parametrize(
    "language, judged",
    [
        ("en", "The study team will judge what this means for this study."),
        ("zh-hans", "这对本研究意味着什么，由研究团队判断。"),
    ],
)
def test_a_tried_answer_the_rule_leaves_to_the_study_team_reads_as_the_patients_results_say_it(
    admin_client, seed_trials, language, judged
):
    """Walkthrough 13, finding 9: an answer the rule leaves to the study team (a cancer that ended more than five
    years ago, for the COPD study) is known; "Not known yet" told the reviewer otherwise. The row reads as the
    patient's results do, and an unanswered question still reads "Not known yet"."""
    trial = Trial.objects.get(nct_id="NCT07355868")
    cancer = trial.criteria.filter(question__key="cancer_history").exclude(uncertain_values=[]).get()
    admin_client.cookies["django_language"] = language

    from django.utils.html import escape
    from django.utils.translation import override

    with override(language):
        rule = escape(cancer.rule_in_words())

    def outcome(answers):
        page = admin_client.get(review_url(trial), {"answers": json.dumps(answers)}).content.decode()
        [row] = re.findall(rf'<tr class="outcome-[a-z_]+"><td>[^<]*</td><td>{re.escape(rule)}</td>.*?</tr>', page)
        return re.findall(r"<td>(.*?)</td>", row)[-1]

    assert outcome({"cancer_history": "over_5y"}) == judged
    assert outcome({"cancer_history": None}) == ("Not known yet" if language == "en" else "尚不清楚")

"""A step's database queries do not grow with the number of trials."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.screener.questionnaire.flow import answer, question_url, start
from tests.synthetic import make_trials, patient

pytestmark = pytest.mark.django_db


def queries_per_step(client, trial_count: int) -> dict:
    make_trials(trial_count)
    profile = {**patient(seed=7), "dx": ["cond01"], "age": "60"}  # open to trial 0 in both sizes
    screening_id = start(client)
    client.get(question_url(screening_id, "dx"))  # builds this process's catalogue once
    counts = {}
    for name, call in [
        ("question page", lambda: client.get(question_url(screening_id, "dx"))),
        ("answer", lambda: answer(client, screening_id, "dx", profile["dx"])),
        ("next question page", lambda: client.get(question_url(screening_id, "age"))),
        ("answer 2", lambda: answer(client, screening_id, "age", profile["age"])),
    ]:
        with CaptureQueriesContext(connection) as captured:
            response = call()
        assert response.status_code in (200, 302)
        counts[name] = len(captured)
    return counts


def test_queries_per_step_are_the_same_for_5_and_200_trials(client, django_app_client):
    small = queries_per_step(client, 5)
    from trials.models import Criterion, Trial

    Criterion.objects.all().delete()
    Trial.objects.all().delete()
    large = queries_per_step(django_app_client, 200)
    assert small == large
    # The page: its screening with the catalogue version. An answer: that, then writing the answer.
    assert small == {"question page": 1, "answer": 2, "next question page": 1, "answer 2": 2}


def test_a_step_reads_its_screening_and_the_catalogue_version_in_one_query(client):
    from screener.questionnaire.models import Screening
    from trials.models import CatalogueVersion

    screening = Screening.start()
    owned = [str(screening.pk)]
    with CaptureQueriesContext(connection) as captured:
        found = Screening.objects.owned_for_step(screening.pk, owned)
    assert len(captured) == 1
    assert found == screening and found.answers == {} and found.catalogue_version == CatalogueVersion.current()
    CatalogueVersion.bump()
    with CaptureQueriesContext(connection) as captured:
        found.record_answer("age", "61")
    assert len(captured) == 1
    found.record_answer("diagnoses", ["copd", "ild"])
    found.record_answer("dlco_pct_pred", None)
    again = Screening.objects.owned_for_step(screening.pk, owned)
    assert again.catalogue_version == CatalogueVersion.current() > 0
    assert again.answers == {"age": "61", "diagnoses": ["copd", "ild"], "dlco_pct_pred": None}
    assert again.created_at == screening.created_at < again.updated_at == found.updated_at
    assert Screening.objects.get(pk=screening.pk).answers == again.answers


def test_a_step_finds_nothing_it_does_not_own_or_that_is_gone(client):
    import uuid

    from screener.questionnaire.models import Screening

    mine, theirs = Screening.start(), Screening.start()
    assert Screening.objects.owned_for_step(theirs.pk, [str(mine.pk)]) is None
    gone = uuid.uuid4()
    assert Screening.objects.owned_for_step(gone, [str(mine.pk), str(gone)]) is None

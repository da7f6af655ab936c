"""Staff see which answers the screener worked out, and from what."""

import pytest
from django.urls import reverse

from screener.questionnaire.models import Screening
from screener.referrals.models import Referral
from tests.conftest import CONTACT, log_in_with_second_factor, make_staff
from tests.screener.questionnaire.flow import answer_page, start, walk_to
from tests.trials.profiles import ILD, MATCHES_ILD
from trials.models import Site

pytestmark = pytest.mark.django_db


def test_a_computed_answer_reaches_the_referral_snapshot_and_the_staff_detail(client, seed_trials, django_user_model):
    site = Site.objects.create(
        trial_id=seed_trials_trial_id(), facility="Ruijin Hospital", city="Shanghai", country="China"
    )
    screening_id = start(client)
    walk_to(client, screening_id, MATCHES_ILD, "fvc_pct_pred")  # on the lung function screen
    raw = {"value": "1.9", "unit": "L", "height_cm": "165", "age": "60", "sex": "female", "confirm": "1"}
    assert client.post(reverse("questionnaire:helper", args=[screening_id, "fvc_pct_pred"]), raw).status_code == 302
    # The screen shows the worked-out value; sent back unchanged, it keeps how it was worked out.
    computed = Screening.objects.get(pk=screening_id).answers["fvc_pct_pred"]
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while "/questions/" in response["Location"] or "/screens/" in response["Location"]:
        _keys, response = answer_page(client, response["Location"], {**MATCHES_ILD, "fvc_pct_pred": computed})
        assert response.status_code == 302
    response = client.post(reverse("referrals:refer", args=[screening_id, site.public_id]), CONTACT)
    assert response.status_code == 302, response.content.decode()[:2000]
    row = next(r for r in Referral.objects.get().answers_snapshot if r["key"] == "fvc_pct_pred")
    assert row["source"]["inputs"] == {"value": "1.9", "unit": "L", "height_cm": "165", "age": "60", "sex": "female"}
    assert "GLI Global 2022" in row["source"]["summary"]
    assert not any("source" in r for r in Referral.objects.get().answers_snapshot if r["key"] != "fvc_pct_pred")

    nurse = log_in_with_second_factor(client.__class__(), make_staff(django_user_model, "nurse_ild", site))
    html = nurse.get(reverse("staff:detail", args=[Referral.objects.get().id])).content.decode()
    detail_row = html.split('data-answer="fvc_pct_pred"')[1].split("</tr>")[0]
    assert "Worked out by the screener, not typed by the patient." in detail_row
    assert "FVC 1.9 L, height 165 cm, age 60, female" in detail_row
    # Rebuilt from what was kept in the reader's own language (an English patient, an English page): no mark.
    assert "From FVC 1.9 L, height 165 cm, age 60, female" in detail_row and '<span lang="en">From' not in detail_row
    # A nurse reading in Chinese reads how it was worked out in Chinese, not the patient's English.
    html = nurse.get(reverse("staff:detail", args=[Referral.objects.get().id]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    detail_row = html.content.decode().split('data-answer="fvc_pct_pred"')[1].split("</tr>")[0]
    assert "根据 FVC 1.9 L、身高165厘米、年龄60岁" in detail_row and "From FVC" not in detail_row


def test_a_note_nobody_can_rebuild_stays_as_written_and_marked_with_its_language(seed_trials):
    from screener.staff import snapshots

    rows = [
        {
            "key": "fvc_pct_pred",
            "question": "x",
            "answer": "55%",
            "stored": "55",
            "source": {
                "computed": True,
                "method": "pct_pred",
                "inputs": {"value": "1.9"},
                "summary": "From FVC 1.9 L.",
            },
        }
    ]
    (row,) = snapshots.answer_rows(rows, "en")
    assert row["source"]["summary"] == "From FVC 1.9 L." and "translated" not in row["source"]


def seed_trials_trial_id():
    from trials.models import Trial

    return Trial.objects.get(nct_id=ILD).pk

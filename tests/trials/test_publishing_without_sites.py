"""Publishing a study that lists no hospital (site): the admin is warned on the publish confirmation that patients
cannot be referred to it yet, and may publish all the same; a study with a hospital is published without the
question. In both languages."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.formdata import form_data
from tests.trials.test_publishing_translations import translate_everything
from trials.models import Criterion, Trial

pytestmark = pytest.mark.django_db

RECORDS = Path(__file__).resolve().parent / "registry" / "records"
COPD_STUDY = "NCT03197818"  # its registry record lists no location
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def translated(db):
    """An imported study, every draft approved and every text translated: only its missing sites may stop it."""
    call_command("import_ctgov", str(RECORDS / f"{COPD_STUDY}.json"), stdout=StringIO())
    trial = Trial.objects.get(nct_id=COPD_STUDY)
    trial.criteria.filter(status=Criterion.Status.DRAFT).update(status=Criterion.Status.APPROVED)
    translate_everything(trial)
    return trial


@pytest.mark.parametrize(
    ("headers", "asks", "warning", "button"),
    [
        (
            {},
            "Publish 1 trial that lists no hospital?",
            "patients cannot be referred to it yet",
            "Publish all the same",
        ),
        (ZH, "发布这1项试验吗？有试验没有列出医院。", "暂时无法向它转介患者", "仍然发布"),
    ],
)
def test_publishing_a_study_with_no_site_warns_first_and_may_go_ahead(
    admin_client, translated, headers, asks, warning, button
):
    assert not translated.sites.exists()
    url = reverse("admin:trials_trial_review_action", args=[translated.pk])
    page = admin_client.post(url, {"action": "publish"}, **headers)
    html = page.content.decode()
    assert page.status_code == 200 and asks in html and warning in html and "data-no-site" in html
    assert f'value="{button}"' in html
    assert "data-language-gap" not in html  # every text has its translation: only the sites are asked about
    assert not Trial.objects.get(pk=translated.pk).is_published
    done = admin_client.post(url, {"action": "publish", "confirmed": "yes"}, **headers)
    assert done.status_code == 302 and Trial.objects.get(pk=translated.pk).is_published


def test_a_study_with_a_site_is_published_without_the_warning(admin_client, translated):
    translated.sites.create(
        facility="Ruijin Hospital",
        city="Shanghai",
        country="China",
        facility_zh_hans="瑞金医院",
        city_zh_hans="上海",
        country_zh_hans="中国",
    )
    url = reverse("admin:trials_trial_review_action", args=[translated.pk])
    response = admin_client.post(url, {"action": "publish"}, follow=True)
    assert Trial.objects.get(pk=translated.pk).is_published
    assert "patients cannot be referred to it yet" not in response.content.decode()


def test_ticking_published_in_the_trial_form_says_afterwards_that_it_lists_no_hospital(admin_client, translated):
    url = reverse("admin:trials_trial_change", args=[translated.pk])
    data = form_data(admin_client.get(url).content.decode(), "trial_form")
    data["is_published"] = "on"
    page = admin_client.post(url, data, follow=True).content.decode()
    assert Trial.objects.get(pk=translated.pk).is_published
    assert "patients cannot be referred to it yet" in page

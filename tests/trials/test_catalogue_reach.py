"""Which published trials a patient can reach, from the sites' coordinates (the registry's geoPoint)."""

from decimal import Decimal

import pytest

from tests.trials.profiles import COPD, ILD
from trials import catalogue
from trials.models import Site, Trial

YIWU_SITE = (29.31506, 120.07676)  # the COPD study's site, from its registry record's geoPoint
HANGZHOU = (30.29365, 120.16142)  # ~109 km from it


@pytest.mark.parametrize(
    "km, reachable",
    [(None, None), (50, set()), (108, set()), (110, {COPD}), (300, {COPD})],
    ids=["anywhere", "50 km", "just short", "just far enough", "300 km"],
)
def test_a_trial_is_in_reach_when_one_of_its_sites_is_within_the_distance(seed_trials, km, reachable):
    reach = catalogue.current().in_reach(*HANGZHOU, km)
    assert reach == (None if reachable is None else frozenset(reachable))


def test_a_trial_whose_located_sites_have_stopped_recruiting_is_out_of_reach(seed_trials):
    site = Site.objects.get(trial__nct_id=COPD)
    site.recruitment_status = "COMPLETED"
    site.save()
    assert catalogue.current().in_reach(*YIWU_SITE, 50) == frozenset()


def test_a_trial_that_lists_no_site_is_out_of_reach_of_any_distance_and_in_reach_with_none(seed_trials):
    # The ILD seed study lists no hospital: nobody could be referred to it, however far they travel.
    assert not Site.objects.filter(trial__nct_id=ILD).exists()
    assert ILD not in catalogue.current().in_reach(*HANGZHOU, 20000)
    assert catalogue.current().in_reach(*HANGZHOU, None) is None  # "any distance" narrows nothing


def test_a_trial_whose_sites_have_no_coordinates_stays_in_reach_because_we_cannot_tell(seed_trials):
    Site.objects.create(trial=Trial.objects.get(nct_id=ILD), facility="Somewhere", city="Chengdu", country="China")
    assert ILD in catalogue.current().in_reach(*HANGZHOU, 50)


def test_an_admin_correcting_a_sites_coordinates_moves_it(seed_trials):
    site = Site.objects.get(trial__nct_id=COPD)
    site.latitude, site.longitude = Decimal("30.25"), Decimal("120.17")
    site.save()
    assert COPD in catalogue.current().in_reach(*HANGZHOU, 50)

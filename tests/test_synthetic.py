"""The suite's synthetic trials fit either database at any size (the benchmark goes to 80,000)."""

import pytest

from tests.synthetic import CHUNK, make_trials
from trials.models import Criterion, Site, Trial

pytestmark = pytest.mark.django_db


def test_the_synthetic_trials_fit_either_database_beyond_the_size_that_once_overflowed():
    """`Criterion.order` is a small integer: numbered per trial it never nears 32,767 (it overflowed on
    PostgreSQL at about 2,200 trials), and the trials are written in chunks, not in one giant statement."""
    make_trials(CHUNK + 300)
    assert Trial.objects.published().count() == CHUNK + 300
    assert Site.objects.count() == CHUNK + 300
    assert max(Criterion.objects.values_list("order", flat=True)) < 25
    assert Criterion.objects.count() > 10 * (CHUNK + 300)

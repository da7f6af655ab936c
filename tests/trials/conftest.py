from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from trials.models import Trial

RECORDS = Path(__file__).resolve().parent / "registry" / "records"
COPD_STUDY = "NCT03197818"  # real eligibility text, one line with inline bullets; its record lists no location


@pytest.fixture
def imported(db):
    """The COPD study imported from its registry record, its criteria drafted and waiting for review."""
    call_command("import_ctgov", str(RECORDS / f"{COPD_STUDY}.json"), stdout=StringIO())
    return Trial.objects.get(nct_id=COPD_STUDY)

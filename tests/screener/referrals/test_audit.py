"""Whatever does a thing to a referral writes its access-log record: no view has to remember to."""

import pytest

from screener.referrals.models import AccessLog, Referral
from screener.staff.export import referrals_csv


def actions(user):
    return list(AccessLog.objects.filter(user=user).order_by("pk").values_list("action", "detail"))


def test_opening_a_referral_for_review_records_the_view(referral_a, staff_a):
    opened = Referral.objects.open_for_review(staff_a, referral_a.pk)
    assert opened == referral_a
    assert actions(staff_a) == [("view", "")]


def test_a_referral_of_another_site_is_not_opened_and_nothing_is_recorded(referral_a, staff_b):
    with pytest.raises(Referral.DoesNotExist):
        Referral.objects.open_for_review(staff_b, referral_a.pk)
    assert actions(staff_b) == []


def test_changing_a_status_adding_a_note_and_checking_an_answer_each_record_themselves(referral_a, staff_a):
    referral_a.move_to("contacted", by=staff_a)
    referral_a.add_note("Called in the morning.", by=staff_a)
    referral_a.check_answer("age", "verified", "68 on the ID card", by=staff_a)
    assert actions(staff_a) == [("status", "contacted"), ("note", ""), ("check", "age")]


def test_a_refused_status_change_records_nothing(referral_a, staff_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        referral_a.move_to("enrolled", by=staff_a)
    assert actions(staff_a) == []


def test_exporting_records_the_filters_it_applied(referral_a, staff_a):
    response = referrals_csv(Referral.objects.visible_to(staff_a), by=staff_a, filters="status=new")
    assert referral_a.display_reference in b"".join(response.streaming_content).decode("utf-8-sig")
    assert actions(staff_a) == [("export", "status=new")]

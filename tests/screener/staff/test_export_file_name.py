"""The export's file is named after the day as the nurse's site counts it, the day its rows show."""

import datetime

import time_machine
from django.urls import reverse

LATE_EVENING_UTC = datetime.datetime(2026, 12, 7, 17, 30, tzinfo=datetime.UTC)  # 01:30 on 8 December in Yiwu


def file_name(client) -> str:
    response = client.get(reverse("staff:export"))
    assert response.status_code == 200
    return response["Content-Disposition"]


def test_a_chinese_site_s_export_after_midnight_there_is_named_after_the_chinese_day(staff_a_client, site_a):
    assert str(site_a.zone()) in ("Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "PRC")
    with time_machine.travel(LATE_EVENING_UTC, tick=False):
        assert 'filename="referrals-2026-12-08.csv"' in file_name(staff_a_client)


def test_the_same_export_before_midnight_there_keeps_the_day(staff_a_client, site_a):
    with time_machine.travel(LATE_EVENING_UTC - datetime.timedelta(hours=2), tick=False):  # 23:30 in Yiwu
        assert 'filename="referrals-2026-12-07.csv"' in file_name(staff_a_client)

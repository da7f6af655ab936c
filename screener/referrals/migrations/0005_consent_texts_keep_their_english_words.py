"""Consent wordings written so far are English: copy each into `text_en`, and give the first version its
Chinese words (no Chinese-speaking patient has agreed to a version yet, so none changes under anyone)."""

from django.db import migrations
from django.db.models import F

DEFAULT_VERSION = "2026-11-v1"
DEFAULT_TEXT_ZH_HANS = (
    "我同意把我对这些问题的回答和上面填写的联系方式提供给{site}负责“{study}”这项研究的团队，"
    "以便他们联系我，商谈参加研究的事宜。我明白，这并不表示我已经加入这项研究；"
    "我也可以随时凭我的查询码撤回这个请求。"
)


def copy_to_english(apps, schema_editor):
    ConsentText = apps.get_model("referrals", "ConsentText")
    ConsentText.objects.update(text_en=F("text"))
    ConsentText.objects.filter(version=DEFAULT_VERSION, text_zh_hans__isnull=True).update(
        text_zh_hans=DEFAULT_TEXT_ZH_HANS
    )


class Migration(migrations.Migration):
    dependencies = [("referrals", "0004_consent_per_language_and_its_language_on_referrals")]
    operations = [migrations.RunPython(copy_to_english, migrations.RunPython.noop)]

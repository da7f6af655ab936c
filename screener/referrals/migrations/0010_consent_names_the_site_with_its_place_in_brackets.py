"""A new consent version whose Chinese sentence names the site where Chinese puts it, "提供给负责“{study}”这项研究的
{site}团队" (walk10: "提供给…医院，义乌，中国负责…" read as a list glued into the sentence). Added only where the newest
version is still the first default one: a wording an admin wrote stays the one shown. Patients who agreed to the first
version keep its exact words on their referral; the new one is shown from now on."""

from django.db import migrations

OLD_VERSION = "2026-11-v1"
OLD_TEXT_ZH_HANS = (
    "我同意把我对这些问题的回答和上面填写的联系方式提供给{site}负责“{study}”这项研究的团队，"
    "以便他们联系我，商谈参加研究的事宜。我明白，这并不表示我已经加入这项研究；"
    "我也可以随时凭我的查询码撤回这个请求。"
)
NEW_VERSION = "2026-12-v2"
NEW_TEXT_ZH_HANS = (
    "我同意把我对这些问题的回答和上面填写的联系方式提供给负责“{study}”这项研究的{site}团队，"
    "以便他们联系我，商谈参加研究的事宜。我明白，这并不表示我已经加入这项研究；"
    "我也可以随时凭我的查询码撤回这个请求。"
)


def add_the_second_version(apps, schema_editor):
    ConsentText = apps.get_model("referrals", "ConsentText")
    newest = ConsentText.objects.order_by("-created_at", "-pk").first()
    if newest is None or newest.version != OLD_VERSION or newest.text_zh_hans != OLD_TEXT_ZH_HANS:
        return
    ConsentText.objects.get_or_create(
        version=NEW_VERSION, defaults={"text": newest.text, "text_en": newest.text_en, "text_zh_hans": NEW_TEXT_ZH_HANS}
    )


class Migration(migrations.Migration):
    dependencies = [("referrals", "0009_answer_check_events_keep_their_question_and_state")]
    operations = [migrations.RunPython(add_the_second_version, migrations.RunPython.noop)]

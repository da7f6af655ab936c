"""Registry content as a patient or staff member reads it on a page in their language (issue 22): titles,
sites and names an admin translated, or the registry's English marked `lang="en"` with a note; places and
countries in the page's language; condition browse links from the glossary; times in a site's zone."""

from django import template

register = template.Library()


def _untranslated(obj, field: str) -> bool:
    """Whether a page in another language than English would show `field`'s registry English."""
    from django.conf import settings
    from django.utils.translation import get_language

    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return False
    return not getattr(obj, f"{field}_{language.replace('-', '_')}", None)


@register.simple_tag
def registry_words(obj, field: str, shown: str = ""):
    """A title, site or team name as a patient reads it: in the page's language where an admin translated it;
    otherwise the registry's English, marked `lang="en"`, followed by a short note in the page's language
    that it is the registry's English. Never placed inside a sentence. `shown` names what to show when it is
    not `field` itself (a trial's `title_for_patients`, which falls back to the registry's title)."""
    from django.conf import settings
    from django.utils.html import format_html
    from django.utils.translation import gettext

    value = getattr(obj, shown or field, "") or ""
    if callable(value):
        value = value()
    if not value or not _untranslated(obj, field):
        return value
    return format_html(
        '<span lang="{}">{}</span> <span class="registry-note">{}</span>',
        settings.LANGUAGE_CODE,
        value,
        gettext("(the registry’s English)"),
    )


@register.simple_tag
def criterion_words(criterion):
    """A criterion no question covers, as a patient reads it: the admin's note for patients (its English marked
    `lang="en"` where it has no translation for the page), else the registry's words, marked `lang="en"` and, on a
    page in another language, followed by the same short note as an untranslated title (walkthrough 13: on Chinese
    pages they stood in bare English)."""
    from django.conf import settings
    from django.utils.html import format_html
    from django.utils.translation import gettext

    if criterion.explanation:
        if _untranslated(criterion, "explanation"):
            return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, criterion.explanation)
        return criterion.explanation
    if not _untranslated(criterion, "explanation"):  # an English page
        return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, criterion.source_text)
    return format_html(
        '<span lang="{}">{}</span> <span class="registry-note">{}</span>',
        settings.LANGUAGE_CODE,
        criterion.source_text,
        gettext("(the registry’s English)"),
    )


@register.simple_tag
def site_place(site):
    """A site's city, province and country in the page's language and punctuation ("义乌，浙江，中国"). A name an
    admin did not translate is named from a table where one knows it (a common city: `places.city_name`; a Chinese
    province and a country: the ISO tables), else stays in the language it was written in, marked (`lang="en"` for
    the registry's English; `lang="zh-Hans"` for a name an admin wrote only in Chinese, on an English page)."""
    from django.utils.html import format_html_join
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext

    parts = [(f' lang="{lang}"' if lang else "", value) for lang, value in _place_parts(site)]
    return format_html_join(gettext(", "), "<span{}>{}</span>", ((mark_safe(a), v) for a, v in parts))


def place_names(site) -> list[str]:
    """A site's city, province and country as `site_place` names them, as plain words (for a CSV cell)."""
    return [value for _lang, value in _place_parts(site)]


def _place_parts(site) -> list[tuple[str, str]]:
    """(the language to mark it in, or "" when it is the page's, name) of a site's city, province and country, as
    `site_place` shows them."""
    from django.conf import settings

    from trials import places

    parts = []
    english = {
        field: getattr(site, f"{field}_en", None) or getattr(site, field, "") or "" for field in ("state", "country")
    }
    in_china = places.english_country(english["country"]) == "China"
    for field in ("city", "state", "country"):
        value = getattr(site, field, "") or ""
        if not value:
            parts.extend(_written_in_another_language(site, field))
            continue
        named = None
        if _untranslated(site, field):  # a common city's, a Chinese province's or a country's name from a table
            registry = getattr(site, f"{field}_en", None) or value
            if field == "city":
                named = places.city_name(registry, english["state"])
            elif field == "state":
                named = places.province_name(registry) if in_china else registry
            else:
                named = places.country_name(registry)
            named = named if named != registry else None
        if named:
            parts.append(("", named))
        else:
            parts.append((settings.LANGUAGE_CODE if _untranslated(site, field) else "", value))
    return parts


def _written_in_another_language(site, field: str) -> list[tuple[str, str]]:
    """A name the page's language (and English) lacks but an admin wrote in another: in English from the tables
    where they know it ("义乌" → "Yiwu"), else as written, marked with its language. Empty when none was written."""
    from django.conf import settings
    from django.utils.translation import get_language, to_locale

    from trials import places

    page = get_language() or settings.LANGUAGE_CODE
    for code, _name in settings.LANGUAGES:
        written = getattr(site, f"{field}_{code.replace('-', '_')}", None) if code != page else None
        if not written:
            continue
        if page == "en" and code.startswith("zh"):
            named = places.english_place_name(field, written)
            if named:
                return [("", named)]
        return [(to_locale(code).replace("_", "-") if code.startswith("zh") else code, written)]
    return []


def site_name(site) -> str:
    """A site as plain text in the page's language ("Shanghai Pulmonary Hospital，上海，中国"), named as
    `site_in_sentence` names it but with no mark, for where no markup can go (a list's option). Never
    `Site.__str__`, the registry's English city and country."""
    from django.utils.translation import gettext

    names = [site.facility] if site.facility else []
    names += [value for _lang, value in _place_parts(site)]
    return gettext(", ").join(names)


@register.simple_tag
def site_in_sentence(site):
    """A site named inside a sentence in the page's language, its place in brackets after it, as the consent names
    it (decision 0111): "<span lang="en">Facility</span> (Shanghai, China)", "上海市肺科医院（中国上海）", so a
    facility's own commas ("… Hospital, Capital Medical University, Beijing") never run into its place's. The facility
    as an admin translated it, else the registry's English marked `lang="en"` (no note, which would break the
    sentence); the place as `site_place` names it, a Chinese place from the country down when every part of it is
    Chinese. A Chinese sentence holds it with `|spaced_in_chinese` (a space only where it meets Latin letters). Never
    `Site.__str__`, the registry's English unmarked."""
    from django.utils.html import escape, format_html
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language, gettext

    parts = _place_parts(site)
    if (get_language() or "").startswith("zh") and parts and all(not lang and _is_chinese(v) for lang, v in parts):
        place = format_html("{}", "".join(v for _lang, v in reversed(parts)))
    else:
        place = site_place(site)
    if not site.facility:
        return place
    facility = _in_sentence(site, "facility", site.facility)
    if not parts:
        return facility
    return mark_safe(escape(gettext("%(site)s (%(place)s)")) % {"site": facility, "place": place})  # noqa: S308


def _is_chinese(name: str) -> bool:
    return bool(name) and all("\u4e00" <= ch <= "\u9fff" for ch in name)


@register.simple_tag
def title_in_sentence(trial):
    """A study's title for patients inside a sentence in the page's language: as an admin translated it, else the
    English one (or the registry's title) marked `lang="en"`, without the note, which would break the sentence."""
    return _in_sentence(trial, "patient_title", trial.title_for_patients)


def _in_sentence(obj, field: str, value: str):
    """`value` as a sentence of the page's language holds it: marked `lang="en"` when `field` is untranslated."""
    from django.conf import settings
    from django.utils.html import format_html

    if _untranslated(obj, field):
        return format_html('<span lang="{}">{}</span>', settings.LANGUAGE_CODE, value)
    return format_html("{}", value)


def _browse_link(parameter: str, value: str, shown: str, count: int):
    from urllib.parse import quote, urlencode

    from django.conf import settings
    from django.utils.html import format_html
    from django.utils.translation import gettext

    english = shown == value and (get_language_code() != settings.LANGUAGE_CODE)
    return format_html(
        '<a href="?{}#studies"{}>{}</a>{}',
        urlencode({parameter: value}, quote_via=quote),
        format_html(' lang="{}"', settings.LANGUAGE_CODE) if english else "",
        shown,
        # the space is the translation's: Chinese full-width brackets take none ("中国（9）", not "中国 （9）")
        gettext(" (%(count)s)") % {"count": count},
    )


def get_language_code() -> str:
    from django.conf import settings
    from django.utils.translation import get_language

    return get_language() or settings.LANGUAGE_CODE


@register.simple_tag
def condition_link(name: str, count: int):
    """A browse link for a registry condition, named from the glossary on a Chinese page (the search itself
    keeps the registry's words, which the synonyms table maps back)."""
    from trials import search_terms

    shown = name
    if get_language_code().startswith("zh"):
        shown = search_terms.chinese_name(name) or name
    return _browse_link("q", name, shown, count)


@register.simple_tag
def country_link(name: str, count: int):
    from trials import places

    return _browse_link("place", name, places.country_name(name), count)


def in_zone(value, site, seconds: bool = False) -> str:
    """A moment as staff at `site` read it: in the site's time zone, with the zone shown ("2026-12-06 10:02
    (UTC+8)"), so a nurse in Beijing never reads a UTC time as local."""
    from django.utils.translation import gettext

    if not value:
        return ""
    zone = site.zone() if site is not None else None
    local = value.astimezone(zone) if zone is not None else value
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    zone_name = f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "") if minutes else "UTC"
    return gettext("%(time)s (%(zone)s)") % {
        "time": local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"),
        "zone": zone_name,
    }


@register.filter
def site_time(value, site):
    return in_zone(value, site)


@register.filter
def site_time_seconds(value, site):
    return in_zone(value, site, seconds=True)

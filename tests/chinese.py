"""Helpers for tests of the Simplified Chinese pages: a browser that speaks Chinese, and a search for English."""

from __future__ import annotations

import re
from html.parser import HTMLParser

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9,en;q=0.5"}

# Three or more English words in a row: a sentence or a phrase someone forgot to translate. Proper nouns,
# codes and units are at most two words, or listed here.
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ ,]+[A-Za-z][A-Za-z'’-]*){2,}")
ALLOWED = {"English", "ClinicalTrials.gov"}


class _VisibleText(HTMLParser):
    """The text a reader meets, leaving out what is marked lang="en" (registry quotes, names) and scripts."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # for each open element: is its text to be skipped?
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skipped = (self.stack[-1] if self.stack else False) or tag in ("script", "style", "template")
        if attributes.get("lang", "").lower().startswith("en") and tag != "html":
            skipped = True
        for name in ("aria-label", "title", "placeholder", "alt"):
            if attributes.get(name) and not skipped:
                self.chunks.append(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button") and not skipped:
            self.chunks.append(attributes.get("value", ""))
        if tag not in self.VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.chunks.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.chunks).split())


def english_phrases(html: str) -> list[str]:
    """Runs of three or more English words outside elements marked lang="en"."""
    return [run for run in ENGLISH_RUN.findall(visible_text(html)) if run.strip(" ,") not in ALLOWED]


class _Lines(_VisibleText):
    """The text a reader meets, a line per block (paragraph, list item, cell, heading), with words marked
    lang="en" read as a Latin letter: what Chinese typography is judged on."""

    BLOCKS = {
        "p",
        "li",
        "div",
        "td",
        "th",
        "tr",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "br",
        "option",
        "label",
        "legend",
        "caption",
        "title",
        "blockquote",
        "ul",
        "ol",
        "dl",
        "table",
        "form",
        "main",
        "header",
        "footer",
        "nav",
        "details",
        "summary",
        "fieldset",
        "button",
        "select",
        "textarea",
        "figure",
        "figcaption",
        "article",
        "aside",
        "body",
        "html",
        "head",
    }

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.chunks.append("\n")
        was_skipped = self.stack[-1] if self.stack else False
        super().handle_starttag(tag, attrs)
        if tag not in self.VOID and self.stack[-1] and not was_skipped and tag not in ("script", "style", "template"):
            self.chunks.append("A")  # English words in a Chinese sentence

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if tag in self.BLOCKS:
            self.chunks.append("\n")


HAN = "\u4e00-\u9fff"
# Spaces Chinese typography does not put: between a Chinese character and a number ("40岁 至 80岁", "根据日期
# 2026年9月1日 计算"), before a full-width bracket ("查看结果 （…）"), after one ("不区分种族） 预计值公式"), after
# full-width punctuation ("欢迎， WALKADMIN"). A code that starts with a digit (7YWH-U7FH) is a name, not a number.
CHINESE_SPACING = re.compile(
    rf"[{HAN}] +[0-9](?![0-9]*[A-Za-z])|(?<![A-Za-z0-9.:/-])[0-9][0-9.]* +[{HAN}]|[{HAN}）] +（|） +[{HAN}]|[，：；。、] +\S"
)


# And between two Chinese characters: a name that reads in Chinese set apart in a sentence as if it were Latin ("在
# 杭州 周围", "您已请 浙江大学医学院附属第四医院 的研究团队": decision 0117). Checked on the project's own pages; admin's
# pages hold Django's own catalogue ("在应用程序 %(name)s 中"), not ours.
BETWEEN_CHINESE = re.compile(rf"[{HAN}] +[{HAN}]")


def badly_spaced(html: str, between_chinese: bool = False) -> list[str]:
    """Each place in a page's text where a space stands where Chinese typography puts none, with a little context
    (`between_chinese`: also a space between two Chinese characters)."""
    parser = _Lines()
    parser.feed(html)
    found = []
    patterns = (CHINESE_SPACING, BETWEEN_CHINESE) if between_chinese else (CHINESE_SPACING,)
    for line in "".join(parser.chunks).split("\n"):
        line = " ".join(line.split())
        for pattern in patterns:
            found += [line[max(0, m.start() - 8) : m.end() + 8] for m in pattern.finditer(line)]
    return found

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

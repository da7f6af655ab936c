"""Choices: sex and diagnoses named in a clause or a record's conditions."""

from __future__ import annotations

import re

from .model import Proposal
from .prefilter import WordScan, required_words
from .text import _normalise, _Span

# Diagnoses: (code, pattern). Negated phrases are masked first; specific codes mask their text for later ones.
NEGATED_DIAGNOSIS = re.compile(
    r"non[- ]?(?:cystic fibrosis|cf|ipf|idiopathic|copd|asthma)\w*"
    r"|other than [^,;.]{0,60}|except(?:ing)? [^,;.]{0,60}|excluding [^,;.]{0,60}"
    r"|apart from [^,;.]{0,60}|besides [^,;.]{0,60}|非囊性纤维化|除外[^,;.]{0,30}"
)
DIAGNOSIS_PATTERNS: list[tuple[str, str]] = [
    ("ipf", r"idiopathic pulmonary fibrosis|(?<![a-z])ipf(?![a-z])|特发性肺纤维化|特发性肺间质纤维化"),
    ("cystic_fibrosis", r"cystic fibrosis|(?<![a-z])cf(?![a-z])|mucoviscidosis|囊性纤维化"),
    (
        "pulmonary_hypertension",
        r"pulmonary (?:arterial )?hypertension|hypertension, pulmonary"
        r"|(?<![a-z])pa?h(?![a-z])"
        r"|cteph|pulmonary arterial hypertension|肺动脉高压|肺高压|肺高血压",
    ),
    (
        "copd",
        r"(?<![a-z])copd|chronic obstructive (?:pulmonary|lung|airways?) disease"
        r"|pulmonary disease, chronic obstructive"
        r"|emphysema|chronic bronchitis|bronchitis, chronic|慢阻肺|慢性阻塞性肺疾病|慢性阻塞性肺病|慢性阻塞性肺部疾病|肺气肿"
        r"|慢性支气管炎",
    ),
    (
        "ild",
        r"interstitial lung diseases?|lung diseases?, interstitial|(?<![a-z])ild(?![a-z])|pulmonary fibrosis"
        r"|progressive fibrosing|fibrosing (?:lung|interstitial)|interstitial pneumonia|interstitial pneumonitis"
        r"|(?<![a-z])ppf(?![a-z])|间质性肺疾病|间质性肺病|肺间质纤维化|肺纤维化|间质性肺炎",
    ),
    ("asthma", r"asthma|哮喘"),
    ("bronchiectasis", r"bronchiectasis|支气管扩张"),
    ("sarcoidosis", r"sarcoidosis|结节病"),
    (
        "lung_cancer",
        r"lung (?:cancer|neoplasms?|carcinoma|adenocarcinoma|tumou?rs?)|carcinoma, non-small-cell lung"
        r"|non-small[- ]cell|small[- ]cell lung|(?<![a-z])n?sclc(?![a-z])|肺癌",
    ),
]
_DIAGNOSIS_RES = [(code, re.compile(p)) for code, p in DIAGNOSIS_PATTERNS]
_DIAGNOSIS_SCAN = WordScan([required_words(pattern) for _code, pattern in _DIAGNOSIS_RES])  # tried where they can match
RESPIRATORY_WORDS = re.compile(r"lung|pulmonary|respiratory|bronch|airway|pleura|pneumo|trache|alveol|肺|呼吸|支气管")
DIAGNOSIS_CUE = re.compile(r"diagnos\w*|confirmed|documented|established|history of|诊断|确诊|符合")
DIAGNOSIS_NEGATION = re.compile(r"(?<![a-z])(?:no|not|without|never|absence of|free of|rule[sd]? out|无|非)(?![a-z])")
PATIENTS_WITH = re.compile(
    r"^(?:(?:male|female|men|women)(?: (?:or|and) (?:male|female|men|women))?\s*,?\s*)?"
    r"(?:adult\s+)?(?:patients?|subjects?|participants?|individuals?|adults?|people|persons?|men"
    r"|women)\s+(?:aged [^,;]{0,30}\s+)?(?:with|who have|having|suffering from)\b"
)

AN_EVENT_NOT_A_DIAGNOSIS = re.compile(r"\s*(?:\)\s*)?(?:\w+\s+)?(?:exacerbation|attack|flare|急性加重|加重)")

NOT_ABOUT_SEX = re.compile(
    r"childbearing|child-bearing|contracept\w*|pregnan\w*|lactat\w*|breast|potential|if female"
    r"|sterili[sz]|menopaus(?!al women)|partner|育龄|避孕|妊娠"
)
SEX_FEMALE = re.compile(
    r"(?<![a-z])(?:women|females?|female patients)\s+only|only\s+(?:women|females?)"
    r"|^(?:postmenopausal\s+)?"
    r"(?:women|female (?:patients|subjects|participants))(?![a-z ]*(?:or|and) (?:men|males?))"
    r"|仅限女性|女性患者"
)
SEX_MALE = re.compile(
    r"(?<![a-z])(?:men|males?)\s+only|only\s+(?:men|males?)|^(?:men|male (?:patients|subjects"
    r"|participants))(?![a-z ]*(?:or|and) (?:women|females?))|仅限男性|男性患者"
)
BOTH_SEXES = re.compile(
    r"(?<![a-z])(?:male|men)(?![a-z])[^.;]{0,20}(?:female|women)|(?:female|women)[^.;]{0,20}"
    r"(?<![a-z])(?:male|men)(?![a-z])|男女|男性或女性|女性或男性|性别不限"
)


BARE_FILLER = re.compile(
    r"(?:(?<![a-z])(?:known|current|active|concomitant|a|an|history of|presence of"
    r"|diagnosed|confirmed"
    r"|clinical|established|documented|or|and|and/or|other|significant|primary)(?![a-z])"
    r"|[\s,;.:/()、，；。]"
    r"|合并|患有|有|或|及|和|者)*"
)


def _choice_proposals(n: str, kind: str, span: _Span) -> list[Proposal]:
    proposals: list[Proposal] = []
    if kind == "inclusion" and not BOTH_SEXES.search(n) and not NOT_ABOUT_SEX.search(n):
        for pattern, value in ((SEX_FEMALE, "female"), (SEX_MALE, "male")):
            match = pattern.search(n)
            if match:
                proposals.append(
                    Proposal(
                        kind=kind,
                        variable="sex",
                        values=(value,),
                        quote=span.quote(match.start(), match.end()),
                        confidence=0.7,
                    )
                )
                break
    found = [d for d in _diagnoses_in(n) if not AN_EVENT_NOT_A_DIAGNOSIS.match(n, d[2])]
    if not found:
        return proposals
    cue = DIAGNOSIS_CUE.search(n)
    first = min(a for _code, a, _b in found)
    bare = _bare_diagnosis(n, found)
    if bare:
        quote = span.quote(min(a for _c, a, _b in found), max(b for _c, _a, b in found))
        proposals.append(Proposal(kind=kind, variable="diagnoses", values=bare, quote=quote, confidence=0.6))
        return proposals
    if cue and cue.start() <= first + 40 and abs(first - cue.end()) <= 80:
        if DIAGNOSIS_NEGATION.search(n[max(0, cue.start() - 25) : cue.start()]):
            return proposals
        if kind == "exclusion" and not cue.group().startswith(("diagnos", "诊断", "确诊")):
            return proposals
        quote_start = min(cue.start(), first)
    elif kind == "inclusion" and PATIENTS_WITH.match(n) and first < 100:
        quote_start = first
    else:
        return proposals
    reach = (
        quote_start
        + (cue.end() - cue.start() if cue and cue.start() == quote_start else 0)
        + (80 if kind == "inclusion" else 50)
    )
    near = [(code, a, b) for code, a, b in found if quote_start <= a <= reach]
    codes = tuple(dict.fromkeys(code for code, _a, _b in near))
    if not codes:
        return proposals
    last = max(b for _code, _a, b in near)
    proposals.append(
        Proposal(
            kind=kind,
            variable="diagnoses",
            values=codes,
            quote=span.quote(quote_start, last),
            confidence=0.6 if kind == "inclusion" else 0.5,
        )
    )
    return proposals


def _bare_diagnosis(n: str, found: list[tuple[str, int, int]]) -> tuple[str, ...]:
    """A clause that is nothing but disease names ("Cystic fibrosis", "Known asthma or COPD") is a diagnosis."""
    rest = list(n)
    for _code, a, b in found:
        rest[a:b] = " " * (b - a)
    if not BARE_FILLER.fullmatch("".join(rest)):
        return ()
    return tuple(dict.fromkeys(code for code, _a, _b in found))


def _diagnoses_in(n: str) -> list[tuple[str, int, int]]:
    masked = list(n)
    for match in NEGATED_DIAGNOSIS.finditer(n):
        for i in range(match.start(), match.end()):
            masked[i] = " "
    text = "".join(masked)
    found = []
    candidates = set(_DIAGNOSIS_SCAN.which(text))
    for index, (code, pattern) in enumerate(_DIAGNOSIS_RES):
        if index not in candidates:
            continue
        before = len(found)
        for match in pattern.finditer(text):
            found.append((code, match.start(), match.end()))
        if len(found) > before:  # masked, the text may now hold what another pattern needs: looked for again
            text = pattern.sub(lambda m: " " * len(m.group()), text)
            candidates = set(_DIAGNOSIS_SCAN.which(text))
    return sorted(found, key=lambda item: item[1])


def diagnosis_codes(conditions: list[str], mesh_terms: list[str] = ()) -> tuple[str, ...]:
    """Diagnosis codes for a record's conditions and MeSH terms, in the order first met; ("other",) for other lung
    conditions; () when nothing respiratory is named."""
    try:
        names = [str(name) for name in list(conditions or []) + list(mesh_terms or []) if name]
        codes: list[str] = []
        respiratory = False
        for name in names:
            normalised = _normalise(name, 0, len(name))[0]
            for code, _a, _b in _diagnoses_in(normalised):
                if code not in codes:
                    codes.append(code)
            if name.strip() == "PH" and "pulmonary_hypertension" not in codes:
                codes.append("pulmonary_hypertension")
            respiratory = respiratory or bool(RESPIRATORY_WORDS.search(normalised))
        if not codes and respiratory:
            return ("other",)
        return tuple(codes)
    except Exception:  # the contract: never raise
        return ()

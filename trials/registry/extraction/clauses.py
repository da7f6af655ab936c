"""Clause splitting: the clauses of an eligibility text, each in the list its heading puts it in."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .model import Clause
from .prefilter import may_match, required_words, required_words_folded
from .tables import TABLES
from .text import CJK_CHAR, _clean

MAX_TEXT = 100_000  # characters read from one record, as many as an import accepts (decision 0049); longer text is cut, never an error
MAX_CLAUSES = 2_000  # clauses read from one record (real records have a few hundred at most); the rest is ignored

_HEADING_EMPHASIS = re.compile(r"^[\s#*_>|•●▪◦■►➢◆【〖\[\\-]*")  # "## ", "**", "• ", "【" before a heading
_INCLUSION_HEADING = re.compile(
    r"^(?:(?:\d+|[ivx]+|[a-z])[.)]\s*)?(?:the\s+)?(?:(?:key|main|major|general|principal|primary|additional"
    r"|other|specific|basic|subjects?|patients?|participants?)\s+)?"
    r"(?:(?:inclusion(?:ary)?|eligibility|entry|selection|randomi[sz]ation|enrol+ment)\s+criteri(?:a|on)"
    r"|criteria for (?:inclusion|eligibility|entry|randomi[sz]ation|enrol+ment)"
    r"|crit[eè]res?\s+d['’]\s*(?:inclusion|[ée]ligibilit[ée])|criterios?\s+de\s+inclusi[oó]n|einschlusskriterien"  # French, Spanish, German
    r"|inclusions?(?=\s*[:：\-–|｜]|\s*$)|inclusions?\s+(?:include|are)(?=\s*[:：])"
    r"|(?:(?:people|persons|those|patients)\s+)?(?:who|you)\s+(?:can|may|could)\s+(?:take part|participate|join"
    r"|be included)(?:\s+if)?(?=\s*[:：])"  # "Who can take part: aged 18-40"
    r"|inclusion\s+(?:conditions|factors|requirements)(?=\s*[:：]|\s*$))"
)
_EXCLUSION_HEADING = re.compile(
    r"^(?:(?:\d+|[ivx]+|[a-z])[.)]\s*)?(?:the\s+)?(?:(?:key|main|major|general|principal|primary|additional"
    r"|other|specific|basic|subjects?|patients?|participants?)\s+)?"
    r"(?:(?:exclusion(?:ary)?|excluding|non[- ]?inclusion|ineligibility|non[- ]?eligibility)\s+criteri(?:a|on)"
    r"|criteria for (?:exclusion|non[- ]?inclusion|non[- ]?eligibility|ineligibility)"
    # a French, Spanish or German heading over English items: "CRITÈRES D'EXCLUSION", "Criterios de exclusión"
    r"|crit[eè]res?\s+(?:d['’]\s*exclusion|de\s+non[- ]?inclusion)|criterios?\s+de\s+exclusi[oó]n|ausschlusskriterien"
    r"|(?:exclusions?|non[- ]?inclusion|ineligibility)(?=\s*[:：\-–|｜]|\s*$)|exclusions?\s+(?:include|are)(?=\s*[:：])"
    r"|(?:not\s+eligible|ineligible)(?:\s+if)?(?=\s*[:：])"  # "Not eligible: BMI over 35" (a recruitment page's label)
    r"|(?:(?:people|persons|those|patients)\s+)?(?:who|you)\s+(?:cannot|can ?not|can't|may not|should not)\s+"
    r"(?:take part|participate|join|be included)(?:\s+if)?(?=\s*[:：])"  # "Who cannot take part: …"
    r"|exclusion\s+(?:conditions|factors|requirements)(?=\s*[:：]|\s*$))"
)
# A heading whose list is named before its kind, the whole line: "Cohort 2 exclusion criteria", "Healthy volunteer
# exclusion criteria:", "Part A - Inclusion Criteria", "eye-related inclusion criteria:". The words before it name a
# group, never a verb or a negation ("meets all inclusion criteria", "none of the exclusion criteria" are items).
_QUALIFIED_HEADING = re.compile(
    r"^(?P<lead>(?:[\w'’()/&-]+\s+){0,5}?[\w'’()/&-]+)\s*[-–—:,]?\s+(?:(?:key|main|major|specific|additional)\s+)?"
    r"(?P<kind>inclusion(?:ary)?|exclusion(?:ary)?|non[- ]?inclusion|eligibility|ineligibility)\s+criteri(?:a|on)"
    r"\s*(?:\([^()]{0,40}\)\s*)?[:：]?\s*$"
)
_QUALIFIED_LEAD_NOT = re.compile(
    r"(?<![a-z])(?:not?|none|nor|never|meets?|met|meeting|fulfil\w*|satisf\w*|fail\w*|any|all|other|the|these|those"
    r"|of|per|see|as|under|above|below|listed|defined|protocol|with|without|has|have|had|do|does|did|is|are|was|were"
    r"|be|apply|applies|if|in|on|to|by|all|both|either|and|or)(?![a-z])"
)
# Short labels that stand for a list heading: "Not eligible if:", "Ineligible:", "Eligible if:", "Reasons for
# exclusion", "Who cannot take part", "Who can participate?", "Contraindications:"
_LABEL_HEADING = re.compile(
    r"^(?:(?P<out>(?:not\s+|in)eligible(?:\s+(?:if|when|patients|participants|subjects))?|(?:reasons?|grounds)\s+for\s+"
    r"(?:exclusion|non[- ]?inclusion|ineligibility)|contraindications?"
    r"|you\s+(?:may|might)\s+not\s+(?:qualify|be eligible)(?:\s+if)?"
    r"|(?:(?:people|persons|those|patients|participants)\s+)?who\s+(?:cannot|can ?not|can't|may not|should not)\s+"
    r"(?:take part|participate|join|enrol+|be included))"
    r"|(?P<in>eligible(?:\s+(?:if|when|patients|participants|subjects))?|who\s+(?:can|may|could)\s+(?:take part"
    r"|participate|join|enrol+|be included)|you\s+(?:may|might)\s+(?:qualify|be eligible)(?:\s+if)?))"
    r"\s*(?:\([^()]{0,40}\)\s*)?[?:：]?\s*$"
)
# "Patients must:", "Participants must not have:", "Subjects should not be:" ending in a colon: a list's lead-in
_MUST_HEADING = re.compile(
    r"^(?:to be (?:randomi[sz]ed|enrol+ed|eligible|included)(?: in (?:the|this) (?:study|trial))?,?\s+)?(?:patients|subjects|participants|individuals|candidates|volunteers|children|adults|women|men|you)\s+"
    r"(?:must|should|need to|have to|are required to|shall)(?P<not>\s+not|n[o']t)?(?:\s+[a-z]+){0,3}\s*[:：]\s*$"
)
_SKIP_HEADING = re.compile(
    r"^(?:(?:withdrawal|discontinuation|dropout|drop-out|termination|removal)\s+criteri(?:a|on)"
    r"|criteria for (?:withdrawal|discontinuation|removal))"
)
_INCLUSION_SENTENCE = re.compile(
    r"^(?:(?:the\s+)?(?:patients?|subjects?|participants?|individuals?|candidates?|volunteers?|children|adults?|women"
    r"|men|persons?|people)\s+(?:must|should"
    r"|need to|have to|will|are required to|can be included|may be included|are eligible)\s*(?:be\s+)?(?:meet"
    r"|fulfil?l|satisfy|have|include|eligible|enrolled|included)?[^.]{0,60}(?:following|if|criteria|when)\b"
    r"|the following\b[^.]{0,60}(?:inclu|eligible|enrol)"
    r"|you\s+(?:can|may|could)\s+(?:be able to\s+)?(?:take part|participate|join|be included))"
)
_EXCLUSION_SENTENCE = re.compile(
    r"^(?:(?:the\s+)?(?:patients?|subjects?|participants?|individuals?|candidates?|volunteers?|anyone|those|women|men"
    r"|persons?|people|children|adults?)\b[^.]{0,60}?\s+(?:(?:will|shall"
    r"|may|must|should|are|is|cannot|can not|can't)\s+(?:not\s+be\s+(?:eligible|included|enrolled)"
    r"|(?:to\s+)?be\s+(?:excluded|ineligible)|not\s+eligible|excluded|ineligible)"
    # "Patients who … cannot participate"; "Subjects with Gilbert's syndrome may be enrolled if" lets people in
    r"|(?:cannot|can not|can't)\s+(?:enrol+|be enrolled|participate|take part|join))"
    r"|(?:any|presence|one or more) of the following[^.]{0,40}(?:exclu|not eligible|ineligible)"
    r"|the following\b[^.]{0,60}(?:exclu|not eligible|ineligible|not be (?:included|enrolled))"
    r"|you\s+(?:cannot|can not|can't|may not|should not|will not be able to)\s+(?:take part|participate|join|be included)"
    r"|(?:do not|don't)\s+(?:take part|participate|join|enrol+)\s+if)"
)
# A short Chinese line ending in a colon that introduces a list: "符合下列任何一项者不能入选：", "有下列情况之一者排除："
_CN_SENTENCE_HEADING = re.compile(
    r"^[^:：。;；]{0,24}(?:以下|下列)[^:：。;；]{0,20}(?:[:：]|(?:入选|入组|纳入|排除|参加|参与)[!！。]?)\s*$"
)  # "凡符合下列任何一条者均不能入选" has no colon
_CN_NEGATED = re.compile(r"排除|不能|不可|不得|不宜|不予|不应|不适合|不适宜|不符合|禁止|禁忌")
_CN_INCLUDED = re.compile(r"入选|纳入|入组|参加|参与")
_SENTENCE_HEADING_END = re.compile(r"(?<![a-z])(?:if|when|who|whom|apply|applies|they)\W*$")
_CN_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十\d]+\s*[、.．)）]\s*|[(（][一二三四五六七八九十\d]+[)）]\s*)?"
    r"(?:主要|关键|其他|其它|一般|研究|受试者|患者|病例)?"  # "主要排除标准", "关键纳入标准:", "受试者排除标准"
    r"(不纳入|不入选|不入组|不[得能可予](?:入选|入组|纳入)|纳入|入选|入组|参加|参与|排除|剔除|退出|中止|终止|脱落)(?:病例)?(?:标准|条件)"
)
# "排除：", "入选：年龄…": the list's kind alone before its colon
_CN_BARE_HEADING = re.compile(r"^(不纳入|不入选|不入组|不[得能可予](?:入选|入组|纳入)|纳入|入选|排除)\s*[:：]")
_CN_KIND = {
    "纳入": "inclusion",
    "入选": "inclusion",
    "入组": "inclusion",
    "参加": "inclusion",
    "参与": "inclusion",
    "排除": "exclusion",
    "不纳入": "exclusion",
    "不入选": "exclusion",
    "不入组": "exclusion",
    # "不得入选标准", "不能纳入标准", "不予入组标准": who may not be enrolled
    **{f"不{verb}{kind}": "exclusion" for verb in "得能可予" for kind in ("入选", "入组", "纳入")},
}
# Recruitment pages: "招募对象：", "适合人群：", "不适合人群：", "以下人群不能参加：" (a short line ending in a colon or alone).
_CN_PAGE_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十\d]+\s*[、.．)）]\s*)?(?:您|你)?(?:(不适合人群|不适用人群|不适宜人群|不能参加|不可以参加"
    r"|不可参加|不宜参加|排除人群"
    r"|(?:有)?(?:以下|下列)[^：:]{0,8}(?:不能|不可|不宜|不得)(?:参加|入组|入选|纳入))"
    r"|(招募对象|招募条件|招募要求|招募人群|参加条件|参与条件|报名条件|适合人群|适用人群|适宜人群|入组要求"
    r"|受试者要求"
    # "參與者需符合以下條件︰", "受试者必须满足下列所有条件": the conditions a participant must meet, the inclusion list
    r"|(?:参与者|参加者|受试者|患者|志愿者)?(?:需|须|必须|应当?)?(?:符合|满足|具备)(?:以下|下列|如下)(?:全部|所有|各项)?"
    r"(?:条件|标准|要求)))"
)

# A short Chinese line whose list is named before its kind: "健康受试者排除标准", "A组入选标准：", "队列1排除标准",
# "第二部分 排除标准". The words before it name a group: "符合纳入标准", "不符合入选标准者", "其他排除标准见方案" are items.
_CN_QUALIFIED_HEADING = re.compile(
    r"^(?P<lead>[^:：。;；,，、!！?？]{1,12}?)\s*(?P<kind>不纳入|不入选|不入组|不[得能可予](?:入选|入组|纳入)|纳入|入选|入组|排除)(?:病例)?(?:标准|条件)"
    r"\s*(?:[(（][^()（）]{0,30}[)）]\s*)?[:：]?\s*$"
)
_CN_LABEL_COLON = re.compile(r"[^:：。;；]{0,8}[:：]")
_CN_CAN_JOIN_LABEL = re.compile(r"^(?:您|你)?(?:可以|能够|适合)(?:参加|参与|入组)[^:：。;；]{0,8}[:：]")
_CN_QUALIFIED_LEAD_NOT = re.compile(r"符合|满足|不|未|非|违反|上述|以上|其他|其它|除|任何|任一|见|按|参照|根据|如")
# "哪些人不能参加？", "谁可以参加", "可以参加的条件：": a recruitment page's question or label over a list
_CN_WHO_HEADING = re.compile(
    r"^(?:(?P<who>哪些人|什么人|谁)|(?=.*的?(?:人群|条件|情况|患者|人)\s*[?？:：]?\s*$))"
    r"(?:(?P<out>不能|不可以|不可|不适合|不宜)|(?P<in>可以|能够|能|适合))(?:参加|参与|入组|报名)"
    r"(?:的?(?:人群|条件|情况|患者|人))?\s*[?？:：]?\s*$"
)
# after a bare item number: a Chinese word (or "AD病史") that is no unit or type of the number ("3 个月", "2 型糖尿病")
_BARE_CN_ITEM = r"(?=[A-Za-z]{0,6}[\u4e00-\u9fff])(?![个周天月日岁小分次倍型级度期]|年(?!龄))"
_MARKER = re.compile(
    r"^\s*(?:[*•●▪◦○■□►➢➤✓✔·‣⁃◆◇+-](?=\s)\s*|[•●▪◦■►➢➤◆\uf0b7\uf0a7\uf0d8\uf076]\s*"
    r"|\d{1,2}(?:\.\d{1,2})+\.?\s+(?=[A-Z\u4e00-\u9fff])|\d{1,2}\s*[.)](?![\d])\s*|\d{1,2}\s*[、．]\s*"
    r"|[(（]\s*\d{1,2}\s*[)）]\s*|\d{1,2}\s+"
    + _BARE_CN_ITEM
    + r"|[①-⑳]\s*|[a-zA-Z]\s*[.)](?=\s)\s*|[(（][a-zA-Z][)）]\s*"
    r"|(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii|I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\s*[.)](?=\s)\s*"
    r"|[(（](?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[)）]\s*|[一二三四五六七八九十]{1,3}\s*[、.．]\s*)+"
)
_INLINE_BULLET = re.compile(r"(?<=\s)[*•●▪◦■►➢➤◆](?=\s)|[•●▪◆\uf0b7\uf0a7\uf0d8]")
# after a number glued to its Chinese item ("；2年龄≥40周岁"): a Chinese word that is no unit, type or count of it
_GLUED_CN_ITEM = r"(?=[\u4e00-\u9fff])(?![个周天月日岁小分次倍型级度期项种例名组处位条秒米克升毫支包粒片]|年(?!龄))"
_INLINE_NUMBER = re.compile(
    r"(?:(?<=\s)|(?<=^)|(?<=[.;:。；：,，】〗])|(?<=标准)|(?<=条件))(\d{1,2})"
    r"(?:[.)](?=\s)|[.．](?=[A-Za-z\u4e00-\u9fff\d])|、)|[(（](\d{1,2})[)）]"
    # "1 受试者…; 2 签署…; 3 …": a bare number and a blank before a Chinese item, at the start or after a clause ends;
    # "；3 BMI>35": before a Latin abbreviation after a Chinese clause's end
    + r"|(?:(?<=^)|(?<=[;；。])|(?<=[;；。]\s))(\d{1,2})\s+(?:"
    + _BARE_CN_ITEM
    + r"|(?<=[；。]\d\s)(?=[A-Z]{2,})|(?<=[；。]\d\d\s)(?=[A-Z]{2,}))"
    # "…≥18岁2.签署知情同意书3.…": an item number glued to the end of the item before (the sequence decides)
    + r"|(?<=[\u4e00-\u9fff%％)）])(\d{1,2})(?:[.．](?=[\u4e00-\u9fffA-Z])|、(?=[A-Za-z\u4e00-\u9fff]))"
    # "：1年龄≥40周岁；2签署…", "；4BCLC分期…": a number glued to its item after a clause ends (the sequence decides)
    + r"|(?:(?<=^)|(?<=[;；。:：])|(?<=[;；。]\s))(\d{1,2})(?:"
    + _GLUED_CN_ITEM
    + r"|(?=[A-Z][A-Za-z]))"
    # "… | 1 | 年龄≥18岁 | 2 | 签署…": a table's row numbers between bars in a line whose breaks were lost
    + r"|(?:(?<=[|｜])|(?<=[|｜]\s))(\d{1,2})\s*(?=[|｜])"
)
_GLUED_ITEM_NUMBER = re.compile(r"\d{1,2}(?:" + _GLUED_CN_ITEM + r"|(?=[A-Z][A-Za-z]))")
_NUMBER_MARKER = re.compile(r"^\s*(\d{1,2})(?:\s*(?:[.)、．](?!\d)|[.．](?=\d))|\s+" + _BARE_CN_ITEM + ")")
# " - " between two items of a line; after a number only before a capitalised word ("BMI > 35 - Exacerbation within
# 4 weeks"), since "35 - 70 years" is a range
_INLINE_DASH = re.compile(r"(?<=[^\d\s])\s+-\s+(?=[A-Z])|(?<=\d)\s+-\s+(?=[A-Z][a-z]{2,})")
_INLINE_CIRCLED = re.compile(r"[①-⑳]")
# A heading inside a line whose breaks were lost: it needs its colon ("… consent. Exclusion Criteria: * …") or
# capitals and a list marker after it ("… EXCLUSION CRITERIA 1. …"); "as defined in the inclusion criteria" is not one.
_INLINE_HEADING = re.compile(
    r"(?i:(?<!the)(?<!key)(?<!main)(?<!/)\s+"
    r"|(?<=[.;:。；]))(?=(?i:(?:key\s+|main\s+)?(?:inclusion|exclusion|non-inclusion)\s+criteri(?:a|on)"
    r"(?:\s+(?:for|in|of)\s+[^:：.;*()]{1,40}?|\s+(?:part|cohort|group|arm)\s+[a-z0-9]{1,3}|\s*\([^():：]{1,40}\))?"
    r"(?:\s+(?:are|were|is|will be|include[sd]?))?)\s*[:：])"
    # "… ILD diagnosis Inclusion Criteria for controls: …", "… consent. Exclusion criteria are: …", "… Exclusion
    # Criteria Part A: …", "… Exclusion Criteria (all cohorts): …"
    r"|\s+(?=(?:(?:Key |Main |KEY |MAIN )?(?:INCLUSION|EXCLUSION|Inclusion|Exclusion)|(?:Key|Main) (?:inclusion|exclusion))"
    r" (?:CRITERI(?:A|ON)|Criteri(?:a|on)|criteri(?:a|on))"
    r"\s*(?:[-–*•]|\d{1,2}[.)、]|\(\d))"
    # "… consent. Exclusion: BMI > 40", "… consent. Exclusion criteria include BMI > 40": after a sentence ends
    r"|(?<=[.;])\s+(?=(?:Key |Main )?(?:INCLUSION|EXCLUSION|Inclusion|Exclusion)(?:S|s)?(?:\s+(?:include|are))?\s*:"
    r"|(?:Not eligible|Ineligible|NOT ELIGIBLE)(?:\s+if)?\s*:"
    r"|(?:(?:People|Those|Persons|Patients) w|W|Y)(?:ho|ou) (?:cannot|can not|can't|may not|should not|can|may|could) "
    r"(?:take part|participate|join|be included)(?: if)?\s*:"
    r"|(?:Key |Main )?(?:Inclusion|Exclusion) criteria (?:include[sd]?|are|were)\s)"
    # "… signed consentExclusion Criteria: …": glued to the last word of the list before it
    r"|(?<=[a-z)])(?=(?:Key |Main )?(?:INCLUSION|EXCLUSION|Inclusion|Exclusion) (?:CRITERI(?:A|ON)|Criteri(?:a|on)|criteri(?:a|on))\s*:)"
    # "… consent Exclusion: * BMI …": the kind alone before its colon, a list marker after it
    r"|\s+(?=(?:INCLUSION|EXCLUSION|Inclusion|Exclusion)(?:S|s)?\s*:\s*(?:[-–*•]|\d{1,2}[.)]\s))"
    # "… consent Patients with any of the following will be excluded: * BMI …": a heading sentence, a marker after it
    # "… consent. Patients will be excluded if any of the following apply: 1. …", "… The following patients will not
    # be enrolled: * …", "… Any of the following is a reason for exclusion: * …", "… Not eligible if: * …"
    r"|\s+(?=(?:(?:The following\s+)?(?:Patients|Subjects|Participants|Individuals|People|Those|Women|Men|Children"
    r"|patients|subjects|participants|individuals|people|women|men|children)\s[^.:;*•]{0,60}?"
    r"(?:will|shall|are|must)\s+(?:not\s+be\s+(?:eligible|included|enrolled)|be\s+(?:excluded|ineligible)|excluded"
    r"|not\s+eligible|ineligible)(?:\s+(?:if|when|who|for|in|into|from)\s[^.:;*•]{0,60}?)?"
    r"|(?:Any|One or more) of the following\s[^.:;*•]{0,60}?(?:exclu\w+|not\s+eligible|ineligible)[^.:;*•]{0,40}?"
    r"|(?:Not eligible|Ineligible)(?:\s+if)?"
    r"|(?:(?:People|Those|Persons|Patients) who|Who|You) (?:cannot|can not|can't|may not|should not|can|may|could) "
    r"(?:take part|participate|join|be included)(?: if)?)\s*:\s*(?:[-–*•]|\d{1,2}[.)]\s))"
    r"|(?<=[^\s不])(?<!主要)(?<!关键)(?<!其他)(?<!其它)(?<!一般)(?<!研究)(?<!受试者)(?<!患者)(?<!病例)"
    r"(?<!不得)(?<!不能)(?<!不可)(?<!不予)"  # "不得入选标准" is one heading
    r"(?=(?:不[得能可予](?=入选|入组|纳入))?(?:纳入|入选|排除|剔除)标准\s*(?:[:：]|1\s*[.、．](?!\d)))"  # "…同意书排除标准1、妊娠": its list at 1
    # "… 排除条件：1.…", "… 不纳入标准 1. …": a Chinese heading with its colon or a list marker after it
    # "…年龄18-40岁 不能参加的情况：…", "…。您不能参加，如果：…": a recruitment page's label, its colon after it
    r"|(?<=[。；;.\s])(?=(?:您|你)?(?:不能|不可以|不可|不宜|不适合|可以|能够|适合)(?:参加|参与|入组)[^:：。;；\s]{0,8}[:：])"
    # "… 自愿 排除标准 1 妊娠 2 …": a heading, then a list starting at 1 with bare numbers
    r"|(?<![不\s])\s+(?=(?:主要|关键|其他|其它|研究|受试者|病例)?(?:不纳入|不入选|不入组|不[得能可予](?:入选|入组|纳入)|纳入|入选|入组|排除)(?:标准|条件)"
    r"\s*(?:[:：]|\d{1,2}\s*[.、．)]|[(（]\d"
    r"|1\s+(?=[\u4e00-\u9fff])))"
    # "…签署知情同意书。【排除标准】1.…": a bracketed heading inside the line
    r"|(?<=[。；;.!！|])(?=[【\[〖]\s*(?:主要|关键)?(?:不纳入|不入选|不入组|不[得能可予](?:入选|入组|纳入)|纳入|入选|入组|排除)(?:标准|条件)\s*[】\]〗])"
    r"|(?<![【\[〖])(?=[【〖]\s*(?:主要|关键)?(?:不纳入|不入选|不入组|不[得能可予](?:入选|入组|纳入)|纳入|入选|入组|排除)(?:标准|条件)\s*[】〗])"  # "…岁【排除标准】"
    # "…签署知情同意书；排除：1、妊娠": the kind alone before its colon, after a clause ends
    r"|(?<=[。；;])(?=\s*(?:不纳入|不入选|不入组|不[得能可予](?:入选|入组|纳入)|纳入|入选|排除)\s*[:：])"
    # "… 2.体重指数18~28 排除：1.ALT>2倍ULN": the kind alone after a blank, its list starting at 1
    r"|(?<=[^\s不])\s+(?=(?:不纳入|不入选|不入组|不[得能可予](?:入选|入组|纳入)|纳入|入选|排除)\s*[:：]\s*(?:1\s*[.、．)]|[(（]1[)）]|①))"
    # "…知情同意。排除标准" at the end of a paragraph: a heading glued to the sentence before it, its list on the next lines
    r"|(?<=[。；;])(?=(?:主要|关键|其他|其它|研究|受试者|病例)?(?:不纳入|不入选|不入组|不[得能可予](?:入选|入组|纳入)|纳入|入选|入组|排除)(?:标准|条件)"
    r"\s*(?:[:：]|\d{1,2}\s*[.、．)]|[(（]\d|$))"
)
# "  -  Able to provide informed consent Exclusion Criteria" (its list on the next lines): a heading in capitals glued
# to the end of the last item before it, after a blank, nothing after it but its colon; the word before it is no
# article, preposition or verb that would make it part of the item ("… who meet the Inclusion Criteria", "… any
# Exclusion Criteria", "… listed in Exclusion Criteria")
_LINE_END_HEADING = re.compile(
    r"(?<=\S)\s+([A-Za-z'’-]+)\s+((?:Key |Main |KEY |MAIN )?(?:Inclusion|Exclusion|INCLUSION|EXCLUSION)"
    r" (?:Criteria|Criterion|CRITERIA|CRITERION)\s*[:：]?\s*)$"
)
# "… 签署知情同意书 有下列情况之一者不能入选：1. …", "…。受试者如有以下情况则不能入组：(1)…": a lead-in sentence that names
# its list, after a clause ends or a blank, its list starting at 1; cut before it and after its colon
_INLINE_CN_LEAD = re.compile(
    r"(?:(?<=[。；;])|(?<=[^\s\d.、．)）(（])\s+)([^:：。;；\s\d]{0,24}?(?:以下|下列)[^:：。;；\s]{0,20}?"
    r"(?:排除|不能|不可|不得|不宜|不予|不应|入选|纳入|入组|参加|参与)[^:：。;；\s]{0,6}[:：])(?=\s*(?:1\s*[.、．)]|[(（]1[)）]|①))"
)
_INLINE_HEADING_WORDS = required_words_folded(_INLINE_HEADING)
_INLINE_CN_LEAD_WORDS = required_words(_INLINE_CN_LEAD)
_LOWER_START = re.compile(r"^(?:[a-z](?![A-Z])|\()")  # "mMRC ≥2", "eGFR < 30": an abbreviation starts an item
_DIGIT_UNIT = re.compile(r"\d\s*(?:%|years?|months?|weeks?|days?|mg|kg|ml|m\b)")  # a bound, not a group's name
_VALUE_BEFORE = re.compile(r"(?:[<>≤≥=＜＞]|(?<![a-z])than)\s*$")  # a number right after an operator is a value


def split_clauses(text: str) -> list[Clause]:
    """The clauses of an eligibility text, each in the list (inclusion/exclusion) its section heading puts it in."""
    try:
        if not isinstance(text, str) or not text.strip():
            return []
        text = text[:MAX_TEXT]
        # headings and list cues are read in simplified characters ("排除標準" is "排除标准"); one character for one,
        # so every offset holds and the clauses keep the page's own words
        return _split(text.translate(_TRADITIONAL), text)
    except Exception:  # the contract: never raise
        return []


# "參與者需符合以下條件︰": Hong Kong pages write the colon as a vertical presentation form (NFKC makes it "..")
_TRADITIONAL = str.maketrans({**TABLES.traditional_characters, "︰": "："})


def _split(text: str, original: str | None = None) -> list[Clause]:
    original = text if original is None else original
    clauses: list[list] = []  # [kind, start, end, indent, has_marker, line_no]
    kind: str | None = "inclusion"
    line_no = 0
    last_line_with_clause = -2
    last_number = 0
    seen_heading = False
    top_style = ""  # the marker style of the first numbered list ("1、", "1.", "(1)")
    top_indent = 10_000
    highest = 0
    nested_style = ""  # the marker style of a list nested under an item that ends with a colon
    lines = list(_lines(text))
    token_page = _token_per_line(text, lines)
    form_noise = _form_noise(text, lines)
    bare_item = 0  # on such a page, the last item number that stood alone on its line
    # under an inclusion heading with no exclusion heading anywhere: a numbered list that restarts at 1 at the first
    # list's depth is the exclusion list whose heading was lost; [style, indent, highest, first clause restarting]
    under_inclusion: list | None = None
    exclusion_heading = False
    last_heading: tuple | None = None  # (kind, clauses so far) of a heading with no colon
    columns: tuple | None = None  # (first clause, headings on one line) under a table's two column headings
    three_columns = False  # under a table's headings "criterion | inclusion | exclusion"
    # the item words and the table rules are English; Chinese pages keep their own list rules
    english = not CJK_CHAR.search(text, 0, 2_000)
    glued_lists: list[int] = []  # where each line whose item numbers are glued into it (read by sequence) starts
    washout_until = -1  # the last line of a table of treatments and times under the item before it, kept in that item
    washout_checked = -1  # the last line looked at for such a table: each line is looked at once
    restart_at = -1  # with no heading, where a second numbered list (restarting at 1) took the exclusion list
    glued_highest = 0  # no headings, items numbered by digits glued to them ("1受试者…；2年龄…"): the highest so far
    for line_index, (line_start, line_end) in enumerate(lines):
        if len(clauses) >= MAX_CLAUSES:
            break
        line_no += 1
        line = text[line_start:line_end]
        if not line.strip() or line_index in form_noise:
            continue
        if line_index <= washout_until and clauses:
            clauses[-1][2] = line_start + len(line.rstrip())
            last_line_with_clause = line_no
            continue
        if three_columns:
            row = _row_cells(text, line_start, line_end)
            if row is not None:
                if not _RULE_ROW.fullmatch(line):
                    for row_kind, start, end in _three_column_row(text, row):
                        clauses.append([row_kind, start, end, 0, False, line_no])
                    last_line_with_clause = line_no
                continue
            three_columns = False  # a line with no cell boundary ends the table
        if _three_column_heading(text, line_start, line_end):
            three_columns, kind, seen_heading, exclusion_heading = True, "inclusion", True, True
            under_inclusion, columns, last_heading = None, None, None
            continue
        opened: list = []  # whether the line opens with a list whose numbers are glued into it
        pieces = _pieces(text, line_start, line_end, opened)
        if opened:
            glued_lists.append(len(clauses))
        if not seen_heading and not english and kind == "inclusion":
            glued = _glued_numbers(line)
            # (a first cell whose own numbers the sequence could not prove, "…不限2至少…1cm3ECOG…", is still the
            # inclusion list when this line's glued list is the first one proven)
            if glued and glued[0] == 1 and glued_highest >= 2 and clauses and (not opened or len(glued_lists) == 1):
                # No headings, a second paragraph whose glued numbers start at 1 again (a registry's two cells,
                # inclusion then exclusion, with their line breaks and blanks removed): the exclusion list, its
                # words deciding whether an admin is to check it (as for any restart, below); lists whose glued numbers
                # the sequence proves are read apart by `_glued_restart`
                kind, seen_heading, restart_at = "exclusion", True, len(clauses)
            glued_highest = max([glued_highest, *glued])
            if glued and glued_highest < 2 and _UNSEPARATED_ITEM.search(line):
                glued_highest = 2  # "1理解并…同意书2年龄≥40周岁…": a later item glued to the end of the one before
        for index, (piece_start, piece_end) in enumerate(pieces):
            piece = text[piece_start:piece_end]
            heading_kind, body_offset = _heading(piece)
            if (
                (english or _INNER_BAR.search(piece))  # "入选标准 | 排除标准 |": a Chinese table's headings
                and heading_kind == "inclusion"
                and body_offset is not None
                and _heading(piece[body_offset:]) == ("exclusion", None)
            ):  # "Key inclusion criteria Key exclusion criteria": a table's two column headings on one line
                columns = (len(clauses), True, bool(re.search(r"[|｜]", piece)))
                kind, seen_heading, under_inclusion = "inclusion", True, None
                last_heading = None
                continue
            if (
                english
                and heading_kind == "exclusion"
                and body_offset is None
                and last_heading == ("inclusion", len(clauses))
                and not re.search(r"[:：]\s*$", piece)
            ):  # "Inclusion criteria" then "Exclusion criteria", no colon and nothing between: the columns' headings
                columns = (len(clauses), False, False)
                kind, under_inclusion, last_heading = "inclusion", None, None
                continue
            if heading_kind is None and english and _RECORD_SECTION_ALONE.fullmatch(piece):
                seen_heading, under_inclusion, bare_item = True, None, 0  # a PDQ topic: its items are still entry rules
                continue
            if heading_kind is not None:
                last_heading = (heading_kind, len(clauses)) if not re.search(r"[:：]\s*$", piece) else None
                seen_heading = True
                bare_item = 0  # the list under a heading counts its items from 1 again
                kind = None if heading_kind == "skip" else heading_kind
                exclusion_heading = exclusion_heading or heading_kind != "inclusion"
                under_inclusion = (
                    ["", 10_000, 0, None] if heading_kind == "inclusion" and not exclusion_heading else None
                )
                if body_offset is None:
                    continue
                piece_start += body_offset
                piece = text[piece_start:piece_end]
            if (
                index == 0
                and heading_kind is None
                and clauses
                and last_line_with_clause == line_no - 1
                and (
                    _VALUE_BEFORE.search(text, max(0, clauses[-1][2] - 8), clauses[-1][2])
                    or _OPERATOR_START.match(piece)
                    or _wrapped_quantity(text, clauses[-1][2], piece)
                    or (not _MARKER.match(piece) and _open_bracket(text, clauses[-1][1], clauses[-1][2]))
                )
            ):  # "… aminotransferase <" then "2.5 X ULN" on the next line: the value of a wrapped line, no item 2.5;
                # "Gilbert 病患者应" then "≤3×ULN"; "(在 IIa 期" then "剂量扩展研究中,…)": one clause wrapped
                clauses[-1][2] = piece_start + len(piece.rstrip())
                last_line_with_clause = line_no
                continue
            if token_page and index == 0:
                item = _BARE_ITEM.match(piece)
                if (
                    item
                    and int(item.group(1)) == bare_item + 1
                    and not (item.group(2) and _QUANTITY_UNIT_START.match(piece, item.start(2)))
                    and not (not item.group(2) and _quantity_follows(text, lines, line_index))
                ):
                    bare_item += 1  # "2" alone on its line, the next line not its unit: item 2 starts on the next line
                    if not item.group(2).strip():
                        continue
                elif (
                    heading_kind is None
                    and clauses
                    and last_line_with_clause == line_no - 1
                    and not (_MARKER.match(piece) and _MARKER.match(piece).group().strip())
                ):  # "ALT" / "和" / "AST" / "≤" / "5": one token a line, all one clause until the next item
                    lettered = _LETTERED_BEFORE.search(text, max(clauses[-1][1], clauses[-1][2] - 6), clauses[-1][2])
                    if lettered:  # "TB ≤ 3 × ULN c)" then "肾功能:…": sub-item c) starts on this line
                        clauses[-1][2] = clauses[-1][1] + len(text[clauses[-1][1] : lettered.start()].rstrip())
                    else:
                        clauses[-1][2] = piece_start + len(piece.rstrip())
                        last_line_with_clause = line_no
                        continue
            marker = _MARKER.match(piece)
            numbered = _NUMBER_MARKER.match(piece)
            if (
                numbered
                and piece[numbered.end() : numbered.end() + 1].isdigit()
                and last_number
                and (int(numbered.group(1)) == last_number + 1)
            ):
                marker = numbered  # "4.6分钟步行距离" after item 3 is item 4 on a 6-minute walk, not the number 4.6
            if numbered and marker and marker.end() >= numbered.end():
                last_number = int(numbered.group(1))
                style = re.sub(r"[\d\s]", "", numbered.group()) or "bare"  # "1 受试者…": a bare number
                here = len(piece) - len(piece.lstrip(" \t"))
                if under_inclusion is not None and kind == "inclusion" and under_inclusion[3] is None:
                    item = (piece_start + numbered.end(), piece_end)
                    _restart_under_inclusion(under_inclusion, style, here, last_number, text, clauses, item)
                if (
                    not seen_heading
                    and (index == 0 or style == top_style)  # "1. … 2. … 3. … 1. …" in one line restarts too
                    and kind == "inclusion"
                    and here <= top_indent
                ):
                    # No headings: a second numbered list at the first one's depth (restarting, or in another
                    # style) is the exclusion list
                    restarts = last_number < highest or style != top_style
                    if style == top_style:
                        nested_style = ""
                    if top_style and highest >= 2 and last_number <= 2 and restarts:
                        after_colon = bool(clauses) and _ends_with_colon(text, clauses[-1][1], clauses[-1][2])
                        if after_colon and last_number == 1:
                            nested_style = style  # "8. records show:" then "1) …" "2) …": items of item 8
                        elif style != nested_style:
                            kind = "exclusion"
                            seen_heading = True
                            restart_at = len(clauses)
                    if not top_style:
                        top_style, top_indent = style, here
                    highest = max(highest, last_number)
            has_marker = bool(marker and marker.group().strip())
            body_start = piece_start + (marker.end() if marker else 0)
            body_start += len(text[body_start:piece_end]) - len(text[body_start:piece_end].lstrip())
            body_end = piece_start + len(piece.rstrip())
            if body_end <= body_start:
                continue
            indent = len(piece) - len(piece.lstrip(" \t")) if index == 0 else 0
            follows = bool(clauses) and last_line_with_clause == line_no - 1 and clauses[-1][0] == kind
            if (
                index == 0
                and not has_marker
                and heading_kind is None
                and follows
                and _continues(text, clauses[-1], indent, body_start)
            ):
                clauses[-1][2] = body_end
                last_line_with_clause = line_no
                continue
            if kind is None:
                continue
            clauses.append([kind, body_start, body_end, indent, has_marker, line_no])
            last_line_with_clause = line_no
            if len(clauses) >= MAX_CLAUSES:
                break
        if (
            clauses
            and last_line_with_clause == line_no
            and line_index + 1 < len(lines)
            and "\t" in text[lines[line_index + 1][0] : lines[line_index + 1][1]]
            and line_index + 1 > washout_checked
            and _ends_with_colon(text, clauses[-1][1], clauses[-1][2])
        ):
            washout_until, washout_checked = _washout_rows(text, lines, line_index + 1)
    if under_inclusion is not None and under_inclusion[3] is not None and not exclusion_heading:
        for clause in clauses[under_inclusion[3] :]:
            clause[0] = "exclusion"
    if columns is not None:
        cells = clauses[columns[0] :]
        barred = _bar_cells(text, cells) if columns[2] else None
        clauses[columns[0] :] = barred if barred is not None else _table_cells(text, cells, columns[1])
    unsure: set[int] = set()
    if columns is None and not seen_heading and english:
        unsure = _exclusion_tail(text, clauses)
    if restart_at >= 0 and not _read_apart(text, clauses[:restart_at], clauses[restart_at:]):
        unsure = {id(clause) for clause in clauses}  # the numbering alone split the lists: an admin checks them
    if not seen_heading and len(glued_lists) >= 2:
        unsure = _glued_restart(text, clauses, glued_lists)
    elif not seen_heading and _an_exclusion_list(text, clauses):
        for clause in clauses:
            clause[0] = "exclusion"
    return [
        Clause(kind=c[0], text=_clean(original[c[1] : c[2]]), start=c[1], end=c[2], kind_certain=id(c) not in unsure)
        for c in clauses
        if _clean(original[c[1] : c[2]]) and not _TABLE_DEBRIS.fullmatch(original, c[1], c[2])
    ]


# what a table broken at each cell leaves on lines of its own ("|", "2", "| 3 |"): a bar or a row number, no criterion;
# a bilingual page's language mark ("(EN)") after a heading in another language
_TABLE_DEBRIS = re.compile(r"[\s|｜]*(?:\d{1,2}[\s|｜.、．]*|\((?:EN|FR|ES|DE|ZH)\)\s*)?")


_EXCLUSION_ITEM = re.compile(TABLES.exclusion_item_words or r"(?!x)x")
_INCLUSION_ITEM = re.compile(TABLES.inclusion_item_words or r"(?!x)x")


# a form item's topic before its sentence ("respiratory instability: hospitalization for …", "drug allergy: any …"):
# a few lower-case words and a colon, no number
_TOPIC = re.compile(r"[a-z][a-z /()-]{0,40}?:\s+(?=[a-z])")


def _reads_as(text: str, clause: list) -> str | None:
    """ "exclusion" or "inclusion" when an English item reads as one (the lexicon's item words), else None; an item
    that opens with its topic ("prior treatment of asthma: treatment for …") is read with and without it."""
    item = text[clause[1] : clause[2]].lower().lstrip(" *•-")
    topic = _TOPIC.match(item)
    body = item[topic.end() :] if topic else item
    if _INCLUSION_ITEM.search(item) or (topic and _INCLUSION_ITEM.search(body)):
        return "inclusion"
    return "exclusion" if _EXCLUSION_ITEM.search(item) or (topic and _EXCLUSION_ITEM.search(body)) else None


def _exclusion_tail(text: str, clauses: list[list]) -> set[int]:
    """An English list with no heading that turns into exclusions: after its last item that reads as a requirement
    of entry, from the first item that reads as an exclusion to the end, when two or more items there read as
    exclusions and none as a requirement. The items between the two keep the inclusion list, as before. Returns the
    ids of the items whose list their place alone decides (their own words read as neither), after the last
    requirement: their list is for an admin to check ("fev1 < 60 percent of predicted" between a diagnosis and the
    exclusions, "Height and weight recorded within 5 years" between two exclusions of a flattened table)."""
    readings = [_reads_as(text, clause) for clause in clauses]
    last_inclusion = max((i for i, r in enumerate(readings) if r == "inclusion"), default=-1)
    if last_inclusion < 0:
        return set()
    tail = [i for i in range(last_inclusion + 1, len(clauses)) if readings[i] == "exclusion"]
    if len(tail) < 2:
        return set()
    for clause in clauses[tail[0] :]:
        clause[0] = "exclusion"
    return {id(clauses[i]) for i in range(last_inclusion + 1, len(clauses)) if readings[i] is None}


# a row of two cells side by side: the second starts with a capitalised word after a lower-case word, a number or a
# bracket ("… local regulations Clinical instability (…)", "… ≤ 70% History of intubation …")
_SECOND_CELL = re.compile(r"(?<=[a-z0-9%)])\s+(?=[A-Z][a-z]+(?:[\s/-]+[a-z(]))")


# a table's legend: two or more abbreviations each spelt out ("CF: cystic fibrosis; FEV1: forced expiratory …")
_LEGEND = re.compile(r"\s*(?:[A-Z][A-Za-z0-9-]{0,9}:\s+[a-z][^;:]{0,80};\s+){1,40}[A-Z][A-Za-z0-9-]{0,9}:\s+[a-z]")


_TAB_CELL = re.compile(r"(?<=\S) *\t[ \t]*(?=\S)")  # "Age 40-75 years<TAB>BMI > 35 kg/m2": a tab between two cells


_INNER_BAR = re.compile(
    r"(?<=[^|\s])\s*[|｜]\s*(?=[^|｜\s])"
)  # "| Age 40-80 | Pneumonia … |": the bar between two cells


# where a row's two cells are glued with no blank (a copy that dropped the cell boundary): a word of three or more
# lower-case letters, a number, a percent sign, a closing bracket or a sentence's stop right before a capitalised word
# ("yrsKnown", "≥2Pneumothorax", "analysis)Infection", "dose.Recurrent") or an abbreviation in capitals ("predDL,CO");
# "proBNP", "mmHg", "HbA1c", "i.e.FEV1" are no such place
_GLUED_ROW = re.compile(
    r"(?:(?<=[a-z]{3})|(?<=[\d%)])|(?<=[a-z]{3}[.;]))(?=[A-Z][a-z]{2,})|(?<=[a-z]{4})(?=[A-Z]{2,}(?![A-Za-z]))"
)
# a table's footnote under its rows: "*Applies to …", "†…", "a Defined as …"
_FOOTNOTE = re.compile(r"\s*[*†‡§#¶]")


def _table_cells(text: str, cells: list[list], one_line: bool) -> list[list]:
    """The cells under a table's two column headings (inclusion, then exclusion) run into one list. Rows with their
    two cells side by side on one line (a bar or a tab between them, the two glued with no blank, or the second
    starting with a capitalised word): the first cell is inclusion, the second exclusion, when most rows up to the
    last that splits so do, and nothing but footnotes and a legend carries a list marker. When the table glues its
    cells, a row with one cell after the last row with two is the exclusion column's (it runs longer), unless its
    words read as a requirement. Otherwise each cell is in the list its words read as, inclusion when they say
    neither."""
    # the table's legend under it ("CF: cystic fibrosis; FEV1: forced expiratory volume in 1 s.") is no row
    legend = {id(c) for c in cells if _LEGEND.match(text, c[1], c[2])}
    rows = [c for c in cells if not c[4] and id(c) not in legend]
    splits: dict[int, re.Match | None] = {}
    glued: set[int] = set()
    for c in rows:
        m = _INNER_BAR.search(text, c[1], c[2]) or _TAB_CELL.search(text, c[1], c[2])
        if m is None:
            m = _GLUED_ROW.search(text, c[1], c[2])
            if m is not None:
                glued.add(id(c))
            else:
                m = _SECOND_CELL.search(text, c[1], c[2])
        splits[id(c)] = m
    split_rows = sum(1 for m in splits.values() if m)
    gluing = len(glued) * 2 > split_rows  # the table glues its cells: nothing marks a cell left empty
    # a glued table: the rows up to the last with two cells (exclusion-only rows and footnotes may follow)
    last = max((i for i, c in enumerate(cells) if splits.get(id(c))), default=-1)
    upto = [c for c in cells[: last + 1] if id(c) in splits]
    if one_line and (
        (len(rows) >= 3 and len(rows) + len(legend) == len(cells) and split_rows * 3 >= len(rows) * 2)
        or (
            gluing
            and len(upto) >= 3
            and all(id(c) in splits or id(c) in legend for c in cells[: last + 1])
            and len(glued) * 3 >= len(upto) * 2
        )
    ):
        out = []
        for i, c in enumerate(cells):
            m = splits.get(id(c))
            if m is None:
                reading = _reads_as(text, c)
                trailing = gluing and i > last and id(c) in splits and not _FOOTNOTE.match(text, c[1], c[2])
                if trailing:
                    c[0] = "inclusion" if reading == "inclusion" else "exclusion"
                else:
                    c[0] = "exclusion" if reading == "exclusion" else "inclusion"
                out.append(c)
                continue
            out.append(["inclusion", c[1], m.start(), c[3], c[4], c[5]])
            out.append(["exclusion", m.end(), c[2], c[3], c[4], c[5]])
        return out
    marked = [i for i, c in enumerate(cells) if c[4]]
    if len(marked) == 2 and marked[0] == 0 and marked[1] >= 2 and len(cells) - marked[1] >= 2:
        # "• Aged ≥18" / "Asthma for ≥6 months" / … / "• Any significant disease" / "Pregnancy" / …: the two columns
        # copied one after the other, each opened by a list marker, the other items with none
        for i, c in enumerate(cells):
            c[0] = "exclusion" if i >= marked[1] else "inclusion"
        return cells
    for c in cells:
        c[0] = "exclusion" if _reads_as(text, c) == "exclusion" or _run_of_exclusions(text, c) else "inclusion"
    return cells


def _run_of_exclusions(text: str, cell: list) -> bool:
    """A cell that is a column's items run together on one line ("Age ≤40 years … <30% Severe chronic bronchitis …
    Known diagnosis of … History of …"), read at each capitalised start: two or more read as exclusions, more than
    twice as many as read as requirements."""
    starts = [cell[1]] + [m.end() for m in _SECOND_CELL.finditer(text, cell[1], cell[2])]
    if len(starts) < 3:
        return False
    readings = [_reads_as(text, [None, a, b]) for a, b in zip(starts, [*starts[1:], cell[2]])]
    excluded, included = readings.count("exclusion"), readings.count("inclusion")
    return excluded >= 2 and excluded > 2 * included


_BAR_END = re.compile(r"[|｜]\s*$")
_BAR_START = re.compile(r"\s*[|｜]")
_RULE_ROW = re.compile(r"[\s|｜:：-]*")


def _bar_cells(text: str, cells: list[list]) -> list[list] | None:
    """Under two column headings written with bars ("Inclusion | Exclusion |", "| 入选标准 | 排除标准 |"), the cells in
    the order the bars close them: the first of a row inclusion, the next exclusion, whether a row's cells share a line
    ("| a | b |", cut at the inner bar) or each stands on a line of its own ending in its bar (a copy that broke the
    row at its inner bar). The rule row ("---|---|") is no cell; what follows the last closing bar (a legend) is read
    by its words. None, and nothing changed, when the cells do not close with bars."""
    pieces: list[tuple[list, bool, bool]] = []  # (cell, its bar closes it, it opens a row with its own bar)
    for c in cells:
        if _RULE_ROW.fullmatch(text, c[1], c[2]):
            continue
        start, opens = c[1], bool(_BAR_START.match(text, c[1], c[2]))
        for bar in _INNER_BAR.finditer(text, c[1], c[2]):
            pieces.append(([c[0], start, bar.start(), c[3], c[4], c[5]], True, opens))
            start, opens = bar.end(), False
        closes = bool(_BAR_END.search(text, start, c[2]) or _BAR_START.match(text, c[2], min(len(text), c[2] + 4)))
        pieces.append(([c[0], start, c[2], c[3], c[4], c[5]], closes, opens))
    lines_closed = {cell[5]: closes for cell, closes, _opens in pieces}  # a line closes when its last cell does
    if sum(lines_closed.values()) < (1 if len(pieces) > len(lines_closed) else 2):
        return None  # one row with an inner bar is a table; lines that each close with a bar, two or more
    last_line = max(line for line, bar in lines_closed.items() if bar)
    if not all(bar for line, bar in lines_closed.items() if line <= last_line):
        return None
    last = max(i for i, (_cell, closes, _opens) in enumerate(pieces) if closes)
    column = 0
    for i, (cell, closes, opens) in enumerate(pieces):
        if i > last:
            cell[0] = "exclusion" if _reads_as(text, cell) == "exclusion" else "inclusion"
            continue
        if opens:
            column = 0  # "| a | b |" then "| c …": a row starts with its own bar
        cell[0] = "exclusion" if column else "inclusion"
        if closes:
            column = 1 - column
    # rows with one filled cell after the last row with two ("… | |", "… |"): the exclusion column runs longer (a copy
    # that dropped the empty first cell shifts its cells left), unless the cell's words read as a requirement
    filled: dict[int, int] = {}
    for cell, _closes, _opens in pieces[: last + 1]:
        if text[cell[1] : cell[2]].strip(" \t|｜"):
            filled[cell[5]] = filled.get(cell[5], 0) + 1
    full = [line for line, count in filled.items() if count >= 2]
    if len(full) >= 2:
        for cell, _closes, _opens in pieces[: last + 1]:
            if cell[5] > max(full) and filled.get(cell[5]) == 1:
                cell[0] = "inclusion" if _reads_as(text, cell) == "inclusion" else "exclusion"
    cut = {id(c) for c in cells if not _RULE_ROW.fullmatch(text, c[1], c[2])}
    out = [c for c in cells if id(c) not in cut]  # the rule rows, kept where they were
    out.extend(cell for cell, _closes, _opens in pieces)
    out.sort(key=lambda cell: cell[1])
    return out


_CELL_BOUNDARY = re.compile(r"[|｜\t]")


def _row_cells(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The (start, end) of each cell of a table row written with bars or tabs ("| Age | 40-75 years | |"), blanks left
    out (an empty cell is (p, p)); None for a line with no cell boundary."""
    bounds = [m.start() for m in _CELL_BOUNDARY.finditer(text, start, end)]
    if not bounds:
        return None
    edges = [start - 1, *bounds, end]
    if not text[start : bounds[0]].strip() and text[bounds[0]] != "\t":
        edges = edges[1:]  # "| Age | …": the bar that opens the row (a tab there leaves the first cell empty)
    if len(edges) > 2 and not text[edges[-2] + 1 : end].strip():
        edges = edges[:-1]  # "… | 40-75 years |": the bar that closes it
    cells = []
    for a, b in zip(edges, edges[1:]):
        a += 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        cells.append((a, b))
    return cells


def _three_column_heading(text: str, start: int, end: int) -> bool:
    """A table's heading row "Criterion | Inclusion criteria | Exclusion criteria" (bars or tabs): three cells, the
    second an inclusion heading and the third an exclusion heading, the first naming the rows' topic."""
    if end - start > 200 or not _CELL_BOUNDARY.search(text, start, end):
        return False
    cells = _row_cells(text, start, end)
    if cells is None or len(cells) != 3:
        return False
    inclusion = _heading(text[cells[1][0] : cells[1][1]])
    exclusion = _heading(text[cells[2][0] : cells[2][1]])
    return inclusion == ("inclusion", None) and exclusion == ("exclusion", None)


def _three_column_row(text: str, cells: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """A row under "criterion | inclusion | exclusion": the inclusion cell read with the row's topic before it ("Age |
    40-75 years"), the exclusion cell alone ("younger than 40 or older than 75 years"), or with the topic when the
    inclusion cell between them is empty ("BMI | | > 35 kg/m2")."""
    label = cells[0]
    inclusion = cells[1] if len(cells) > 1 else (label[1], label[1])
    exclusion = cells[2] if len(cells) > 2 else None
    out = []
    if inclusion[1] > inclusion[0]:
        out.append(("inclusion", label[0], inclusion[1]))
    if exclusion is not None and exclusion[1] > exclusion[0]:
        out.append(("exclusion", label[0] if inclusion[1] == inclusion[0] else exclusion[0], exclusion[1]))
    if len(cells) == 1 and label[1] > label[0]:
        out.append(("inclusion", label[0], label[1]))
    return out


def _restart_under_inclusion(
    state: list, style: str, indent: int, number: int, text: str, clauses: list, item: tuple[int, int]
) -> None:
    """Follow the numbered list under an inclusion heading; mark where it restarts at 1 in its own style and depth
    after three or more items, or after two when the new item reads as an exclusion ("1. 妊娠或哺乳期妇女",
    "1. Pregnancy"), unless the item before ends with a colon (then the new list is that item's)."""
    top_style, top_indent, highest, _restart = state
    if not top_style:
        state[0], state[1] = style, indent
    elif (
        style == top_style
        and indent <= top_indent
        and number == 1
        and (highest >= 3 or (highest == 2 and _reads_as_exclusion(text, *item)))
    ):
        # the line before ends with a colon, or is no item of the list (a group's name: "Healthy volunteers"): the new
        # list is that item's or that group's
        if not (clauses and (_ends_with_colon(text, clauses[-1][1], clauses[-1][2]) or not clauses[-1][4])):
            state[3] = len(clauses)
    if style == top_style and indent <= top_indent:
        state[2] = max(highest, number)


# A Chinese list with no heading at all whose items read as exclusions ("…前4周内使用过…者", "妊娠期、哺乳期…",
# "过敏体质者") and none as inclusions ("年龄18~65岁", "签署知情同意书", "诊断为…"): a page's exclusion section.
_CN_EXCLUSION_ITEM = re.compile(
    r"者\s*[;；。.,，|]?\s*[|]?\s*$|妊娠|哺乳|过敏|不能|无法|不愿|滥用|酗酒|献血|失血|研究者(?:认为|判断)|不适合|不宜"
    r"|前\s*\d+\s*(?:个月|周|天|日|年)\s*内|(?:参加|使用|接受|发生|服用)过|移植史|现患|患有|存在|已知"
)
_CN_INCLUSION_ITEM = re.compile(
    r"年龄|岁|知情同意|自愿|(?<!不)诊断为|确诊|符合.{0,20}(?:诊断|标准)|男女不限|体重指数|(?<![不未])(?:能够|愿意)"
)


_CN_EXCLUSION_ITEM_WEAK = re.compile(TABLES.exclusion_item_words_weak or r"(?!x)x")
# A lettered sub-item ("a. 托珠单抗", "(b) 全淋巴照射"): one of the things an item ending in a colon lists
_LETTERED_BEFORE = re.compile(r"(?:^|(?<=[\s|]))(?:[a-zA-Z]\s*[.)）]|[(（][a-zA-Z][)）])\s*$")


def _reads_as_exclusion(text: str, start: int, end: int) -> bool:
    """Whether one item reads as something that keeps a patient out: the English item words, or the Chinese ones
    when no inclusion word is there too."""
    if CJK_CHAR.search(text, start, end):
        item = text[start:end]
        return bool(_CN_EXCLUSION_ITEM.search(item)) and not _CN_INCLUSION_ITEM.search(item)
    return _reads_as(text, [None, start, end]) == "exclusion"


def _an_exclusion_list(text: str, clauses: list[list]) -> bool:
    """Whether a Chinese list with no heading is a page's exclusion section: at least half its items read as
    exclusions, few read as inclusions, and its first item is not an inclusion ("年龄18~65岁" opens an inclusion list
    even when an exclusion list with no heading follows it)."""
    if len(clauses) < 3 or not CJK_CHAR.search(text, 0, 2_000):
        return False

    items = _cn_items(text, clauses)
    if not items:
        return False
    excluded = sum(1 for item in items if _cn_excluding(item))
    included = sum(1 for item in items if _cn_including(item))
    return len(items) >= 3 and excluded * 2 >= len(items) and included * 3 <= excluded and not _cn_including(items[0])


def _cn_including(item: str) -> bool:
    return bool(_CN_INCLUSION_ITEM.search(item)) and not _CN_EXCLUSION_ITEM.search(item)


def _cn_excluding(item: str) -> bool:
    return bool(_CN_EXCLUSION_ITEM.search(item)) or (
        bool(_CN_EXCLUSION_ITEM_WEAK.search(item)) and not _CN_INCLUSION_ITEM.search(item)
    )


def _cn_items(text: str, clauses: list[list]) -> list[str]:
    """The items of a Chinese list, leaving out bars, bare numbers, lettered sub-items and the things an item ending
    in a colon lists."""
    including, excluding = _cn_including, _cn_excluding
    items = []
    listed = False  # under an item ending in a colon ("…前4周内使用过以下系统治疗方法:"): the things it lists follow
    for c in clauses:
        if len(CJK_CHAR.findall(text, c[1], c[2])) < 4:  # "|" rows, bare item numbers: the next item starts
            listed = listed and not re.fullmatch(r"[\s|\d.、．)）]*", text[c[1] : c[2]])
            continue
        if _LETTERED_BEFORE.search(text, max(0, c[1] - 6), c[1]):
            continue  # "a. 托珠单抗": a drug an item lists, no item
        item = text[c[1] : c[2]]
        if listed and not c[4] and not including(item) and not excluding(item):
            continue  # "系统性用中草药或中成药;" under "…使用过以下治疗方法:": one of the things listed, no item
        items.append(item)
        listed = _ends_with_colon(text, c[1], c[2])
    return items


# a table row whose last cell (after a tab) holds a span of time: "小分子靶向药\t＜2周", "Biologics\t≥ 5 half-lives or
# 8 weeks", "化疗\t亚硝基脲：＜6 周"
_WASHOUT_ROW = re.compile(
    r"\t[^\t]*?(?<![\d.])\d{1,3}(?:\.\d)?\s*(?:个\s*月|月|周|天|日|年(?!龄)|小时|weeks?|days?|months?|years?|hours?)(?![a-z])",
    re.IGNORECASE,
)
_ROW_NUMBER_BAR = re.compile(r"\s*\d{1,3}\s*[|｜]")


def _washout_rows(text: str, lines: list, index: int) -> tuple[int, int]:
    """The last line of a table of treatments and times right under an item that ends with a colon ("首次服用前接受了以下
    治疗：" then "治疗类型\t末次治疗时间" / "化疗\t＜6 周" / "小分子靶向药\t＜2周" …; "… within these periods before
    the first dose:" then "Antibiotics\t4 weeks"): the rows are what the item lists, so they stay in it and are read
    with its words. Two or more of the rows (a tab between their cells) end in a span of time; lines between rows
    without a tab and without a list marker (a cell that went on) belong to the table; a blank line, a list marker,
    a heading or a row number before a bar ends it, and a closing bar is its last line. (last line or -1 when there
    is no such table, the last line looked at); looks at 40 lines at most."""
    rows, last, k = 0, -1, index
    for k in range(index, min(len(lines), index + 40)):
        a, b = lines[k]
        line = text[a:b]
        if not line.strip() or _ROW_NUMBER_BAR.match(line) or _heading(line)[0] is not None:
            break
        marker = _MARKER.match(line)
        if "\t" not in line and marker and marker.group().strip():
            break
        if _WASHOUT_ROW.search(line):
            rows += 1
        last = k
        if _BAR_END.search(line):
            break  # "…\t＜4周 |": the bar that closes the numbered row the table sits in
    return (last if rows >= 2 else -1), k


_NAMES_EXCLUSION = re.compile(r"排除|除外|不得|不能|不可|不宜|不予|(?i:exclu\w*|not eligible|ineligib\w*)")


def _read_apart(text: str, first: list[list], second: list[list]) -> bool:
    """Whether two lists a numbering split, with no heading, read as an inclusion list then an exclusion list: the
    first has an item of entry and fewer exclusions than half its items or clearly fewer (a fifth of the items) than
    the second; at least half the second's items read as exclusions, three times as many as read as requirements.
    Chinese items are read by their Chinese words, others by the lexicon's English item words."""
    if CJK_CHAR.search(text, 0, 2_000):
        first_items, second_items = _cn_items(text, first), _cn_items(text, second)
        first_in = sum(1 for item in first_items if _cn_including(item))
        first_out = sum(1 for item in first_items if _cn_excluding(item))
        second_in = sum(1 for item in second_items if _cn_including(item))
        second_out = sum(1 for item in second_items if _cn_excluding(item))
    else:
        first_items, second_items = first, second
        first_readings = [_reads_as(text, clause) for clause in first]
        second_readings = [_reads_as(text, clause) for clause in second]
        first_in, first_out = first_readings.count("inclusion"), first_readings.count("exclusion")
        second_in, second_out = second_readings.count("inclusion"), second_readings.count("exclusion")
    first_share = first_out / max(1, len(first_items))
    second_share = second_out / max(1, len(second_items))
    # "1)目标疾病排除", "1. Exclusions due to prior therapy": the restarted list's first item names what it keeps out
    named = bool(second) and bool(_NAMES_EXCLUSION.search(text, second[0][1], second[0][2]))
    return first_in >= 1 and (
        named
        or (
            (first_out * 2 < len(first_items) or second_share >= first_share + 0.2)
            and second_out * 2 >= len(second_items)
            and second_in * 3 <= second_out
        )
    )


def _glued_restart(text: str, clauses: list[list], starts: list[int]) -> set[int]:
    """Two or more lines with no heading anywhere, each a list whose item numbers are glued into it and restart at 1
    (a registry export that kept its inclusion and exclusion cells as two paragraphs and dropped their headings):
    the second list is the exclusion list. Its words decide how sure that is (`_read_apart`); when the second reads
    as requirements more than as exclusions, nothing moves. Returns the ids of the clauses whose list an admin is to
    check: every list's when they are not read apart, or when a third such list follows."""
    end = starts[2] if len(starts) > 2 else len(clauses)
    first, second = clauses[starts[0] : starts[1]], clauses[starts[1] : end]
    second_items = _cn_items(text, second)
    if sum(1 for item in second_items if _cn_including(item)) > sum(1 for item in second_items if _cn_excluding(item)):
        return set()
    for clause in second:
        clause[0] = "exclusion"
    sure = len(starts) == 2 and _read_apart(text, first, second)
    return set() if sure else {id(clause) for clause in clauses[starts[0] :]}


_OPERATOR_START = re.compile(r"\s*(?:[<>≤≥＜＞]|=<|>=)")


# A page that puts every number, operator and unit on a line of its own ("年龄≥" / "18" / "岁,且≤" / "75" / "岁",
# "≤" / "1.5" / "×" / "ULN"): a line that starts with the unit of the number ending the line before, or that follows
# a times sign, carries on that quantity
_NUMBER_END = re.compile(r"\d\s*$")
_TIMES_END = re.compile(r"(?:\d\s*)?[×xX*]\s*$")
_UNIT_START = re.compile(
    r"\s*(?:周岁|岁|个\s*月|个?星期|周|天|年(?!龄)|小时|分钟|[%％×倍]|[xX]\s*(?:ULN|uln|正常)|ULN|uln|包年|米(?![\u4e00-\u9fff])"
    r"|kg/m|mg|g/|ml|mL|mmol|μmol|umol)"
)
_AFTER_TIMES_START = re.compile(r"\s*(?:ULN|uln|正常|\d)")


_BARE_ITEM = re.compile(r"\s*(\d{1,2})(?![\d.,])(\s*(?![\s\d]).*)?\s*$")
_QUANTITY_UNIT_START = re.compile(_UNIT_START.pattern + r"|\s*(?:分|级|次|至|到|[~-]|mg)")


def _token_per_line(text: str, lines: list) -> bool:
    """A Chinese page that puts each token on its own line: at least a third of its (at least 12) lines are one short
    token ("ALT", "和", "≤", "5", "×", "ULN").
    A table page that puts its bars ("|") and each item's number on lines of their own ("|" / "2" / "|" / "既往…")
    is not such a page: its rows are its items."""
    raw = [line for a, b in lines if (line := text[a:b].strip())]
    if sum(1 for line in raw if line.startswith(("|", "｜")) or line.endswith(("|", "｜"))) * 4 >= len(raw):
        return False
    if len(raw) < 12 or not CJK_CHAR.search(text, 0, 5_000):
        return False
    short = sum(1 for line in raw if len(line) <= 4)
    return short * 3 >= len(raw)


# An eligibility form copied as text (medical-data-models.org): each criterion is a label line, "Item", the criterion,
# its answer type ("boolean") and its concept codes ("C0001779 (UMLS CUI [1])")
_FORM_ITEM = re.compile(r"\s*item\s*$", re.IGNORECASE)
_FORM_TYPE = re.compile(r"\s*(?:boolean|integer|float|text|date|datetime|time|string)\s*$", re.IGNORECASE)
_FORM_CODE = re.compile(r"\s*(?:[A-Z]{1,2}\d{4,8}\s*)?\(UMLS CUI[^()]*\)\s*$")


def _form_noise(text: str, lines: list) -> set[int]:
    """The lines of an eligibility form that are no criterion: on a page with at least two "Item" lines each followed
    by its criterion and an answer type, the label line before each "Item" (it names the criterion, sometimes in its
    very words, and would read it twice), the "Item" and answer-type lines and the concept-code lines."""
    filled = [index for index, (a, b) in enumerate(lines) if text[a:b].strip()]
    items = [k for k, index in enumerate(filled) if _FORM_ITEM.match(text, *lines[index])]
    typed = [k for k in items if any(_FORM_TYPE.match(text, *lines[i]) for i in filled[k + 2 : k + 6])]
    if len(typed) < 2 or len(typed) * 2 < len(items):
        return set()
    noise: set[int] = set()
    for k in items:
        noise.add(filled[k])
        if (
            k > 0
            and not _FORM_TYPE.match(text, *lines[filled[k - 1]])
            and not _FORM_CODE.match(text, *lines[filled[k - 1]])
        ):
            noise.add(filled[k - 1])  # the label
    for index in filled:
        if _FORM_TYPE.match(text, *lines[index]) or _FORM_CODE.match(text, *lines[index]):
            noise.add(index)
    return noise


def _quantity_follows(text: str, lines: list, index: int) -> bool:
    """Whether the next filled line after lines[index] starts with a unit ("14" / "天内"): the number is a value."""
    for a, b in lines[index + 1 : index + 4]:
        if text[a:b].strip():
            return bool(_QUANTITY_UNIT_START.match(text, a, b))
    return False


def _wrapped_quantity(text: str, end: int, piece: str) -> bool:
    before = text[max(0, end - 6) : end]
    if _NUMBER_END.search(before):
        return bool(_UNIT_START.match(piece))
    return bool(_TIMES_END.search(before)) and bool(_AFTER_TIMES_START.match(piece))


def _open_bracket(text: str, start: int, end: int) -> bool:
    """Whether the last 200 characters of a clause leave a bracket open (a line wrapped inside brackets)."""
    start = max(start, end - 200)
    if text.count("(", start, end) + text.count("（", start, end) == 0:
        return False
    depth = 0
    for character in text[start:end]:
        if character in "(（":
            depth += 1
        elif character in ")）":
            depth = max(0, depth - 1)  # "5.2.2) …": an item number's bracket closes nothing
    return depth > 0


def _ends_with_colon(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends with a colon once trailing blanks are left out (no copy of the text)."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end > start and text[end - 1] in ":："


def _lines(text: str):
    """(start, end) of each line; text pasted from a JSON dump with literal "\\n" and no real breaks splits there."""
    breaks = r"\r\n|\r|\n" if "\n" in text or "\\n" not in text else r"\\n"
    start = 0
    for match in re.finditer(breaks, text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _continues(text: str, previous: list, indent: int, body_start: int) -> bool:
    """A line without a marker right under a clause line carries on that clause when it is indented or lower case."""
    if previous[4] and indent > previous[3]:
        return True
    if _OPEN_END.search(text, max(previous[1], previous[2] - 12), previous[2]):
        return True  # "… sleeping medications in the past" then "30 days": a line wrapped inside a phrase
    return bool(_LOWER_START.match(text[body_start : body_start + 2]))


# a line that stops on a word no clause ends with: a preposition, an article, "past"/"last" before their span
_OPEN_END = re.compile(  # lower case: "vitamin A", "Group B" end a line
    r"(?<![A-Za-z])(?:in|within|the|past|last|previous|preceding|prior|of|to|than|for|over|at|least|by|from|a|an)\s*$"
)


# an old NCI record run into one line: its section headings in capitals and the field labels under them, after a blank
_RECORD_SECTION = re.compile(r"(?<=\S)\s+(?=(?:" + (TABLES.record_sections or r"(?!x)x") + r")\s*:)")
# such a heading standing alone ("PATIENT CHARACTERISTICS:"): a topic, not a list; the numbered list under it counts
# from 1 again without being an exclusion list whose heading was lost
_RECORD_SECTION_ALONE = re.compile(r"\s*(?:" + (TABLES.record_sections or r"(?!x)x") + r")\s*:\s*")
_RECORD_FIELD = re.compile(r"(?<=\S)\s+(?=(?:" + (TABLES.record_fields or r"(?!x)x") + r")\s*:)")


# "* Measurable disease. Not eligible: patients with only one lesion …": a label with no list marker after it, inside an
# item of a text that has an exclusion heading of its own, is a note of that item, not the exclusion list's heading
_INLINE_LABEL_NO_MARKER = re.compile(
    r"\s*(?:not\s+eligible|ineligible)(?:\s+if)?\s*:(?!\s*(?:[-–*•]|\d{1,2}[.)]\s))", re.I
)
_EXCLUSION_HEADING_LINE = re.compile(
    r"^[ \t>#*_|]*(?:\d+\s*[.)]\s*)?(?:key\s+|main\s+)?(?:exclusion|non[- ]?inclusion)\s+criteri(?:a|on)\b", re.I | re.M
)


@lru_cache(maxsize=4)
def _has_exclusion_heading_line(text: str) -> bool:
    return _EXCLUSION_HEADING_LINE.search(text) is not None


def _a_note_of_its_item(text: str, line: str, at: int) -> bool:
    return bool(_INLINE_LABEL_NO_MARKER.match(line, at)) and _has_exclusion_heading_line(text)


def _pieces(text: str, line_start: int, line_end: int, opened: list | None = None) -> list[tuple[int, int]]:
    """Cut one line where its lost line breaks were: inline bullets, numbered items in sequence, headings."""
    line = text[line_start:line_end]
    first = len(line) - len(line.lstrip())  # text before a position other than blanks: position > first
    cuts: set[int] = set()
    for match in _INLINE_BULLET.finditer(line):
        if match.start() > first:
            cuts.add(match.start())
    for match in _INLINE_CIRCLED.finditer(line):
        if match.start() > first:
            cuts.add(match.start())
    dashes = list(_INLINE_DASH.finditer(line))
    if len(dashes) >= 2:
        cuts.update(m.start() + len(m.group()) - len(m.group().lstrip()) for m in dashes)
    headings = (
        [match.end() for match in _INLINE_HEADING.finditer(line)]
        if not line.isascii() or may_match(_INLINE_HEADING_WORDS, line.lower())  # most lines name no heading
        else []
    )
    if headings and may_match(("eligible",), line.lower()):
        headings = [at for at in headings if not _a_note_of_its_item(text, line, at)]
    cuts.update(headings)
    tail_heading = (
        _LINE_END_HEADING.search(line) if line.rstrip(" \t:：").lower().endswith(("criteria", "criterion")) else None
    )
    if (
        tail_heading
        and not _QUALIFIED_LEAD_NOT.search(tail_heading.group(1).lower())
        and _heading(line)[0] is None  # "Healthy volunteer exclusion criteria" is one heading
    ):
        cuts.add(tail_heading.start(2))
    if may_match(_INLINE_CN_LEAD_WORDS, line):
        for match in _INLINE_CN_LEAD.finditer(line):
            cuts.update((match.start(1), match.end(1)))
    if "CHARACTERISTICS" in line or "THERAPY" in line:
        sections = [m.end() for m in _RECORD_SECTION.finditer(line)]
        if sections:  # "… No active CNS metastases PATIENT CHARACTERISTICS: Age: 18 and over Hepatic: …"
            cuts.update(sections)
            cuts.update(m.end() for m in _RECORD_FIELD.finditer(line))
    dropped: set[int] = set()  # where a number glued to its item stands: no text of either clause
    for position in sorted(_numbered_sequence(line, first)):
        cuts.add(position)
        glued_number = _GLUED_ITEM_NUMBER.match(line, position)
        if glued_number:  # "；2年龄≥40周岁": the clause is "年龄≥40周岁"
            cuts.add(glued_number.end())
            if not dropped:  # the line's own first item, "1年龄…", numbered the same way, one less
                opening = _GLUED_ITEM_NUMBER.match(line, first)
                if opening and int(opening.group()) + 1 == int(glued_number.group()):
                    cuts.add(opening.end())
                    dropped.add(first)
            dropped.add(position)
    if CJK_CHAR.search(line):  # "1理解…书2年龄≥40周岁…": numbers glued into the line, read by sequence, left out
        chains, opens = _glued_chains(line, first, headings)
        for start, end in chains:
            cuts.update((start, end))
            dropped.add(start)
        if opens and opened is not None:
            opened.append(True)
    glued = [m.end() for m in _GLUED_CELL.finditer(line)]
    if len(glued) >= 2:  # "… aged 40–75 yrsMale/female subjects aged 40–75 yrs, who …": table cells run together
        cuts.update(glued)
    # a cut with nothing but blanks and bars before it ("| 1 | 年龄…", the bar opening the row) cuts off no clause
    opening = len(line) - len(line.lstrip(" \t|｜"))
    bounds = [0] + sorted(c for c in cuts if opening < c < len(line)) + [len(line)]
    return [
        (line_start + a, line_start + b)
        for a, b in zip(bounds, bounds[1:])
        if line[a:b].strip() and not (a in dropped or (a == 0 and first in dropped and not line[a:first].strip()))
    ]


# where a table's cell runs into the next with no blank: a word or a number glued to a capitalised word ("yrsMale",
# "0.7Baseline", "pack-yrs#Current"); a line needs two such places ("AstraZeneca" alone is a name)
_GLUED_CELL = re.compile(
    r"(?:(?<=(?<![A-Za-z])[A-Z][a-z]{2})|(?<=(?<![A-Za-z])[a-z]{3})|(?<=[a-z]{4})|(?<=[\d%]))#?(?=[A-Z][a-z]{3,})"
)


# a later item's number glued to the end of the item before, with or without a mark ("…同意书2年龄…", "…治疗。3受试者…")
_UNSEPARATED_ITEM = re.compile(r"(?<=[\u4e00-\u9fff)）。；;])[2-9]" + _GLUED_CN_ITEM)


def _glued_numbers(line: str) -> list[int]:
    """The item numbers glued to their Chinese items in one line ("1受试者…；2年龄≥40周岁；3…"), the line's opening
    number first; [] when the line does not open with one."""
    first = len(line) - len(line.lstrip())
    opening = _GLUED_ITEM_NUMBER.match(line, first)
    if not opening:
        return []
    numbers = [int(opening.group())]
    for position in sorted(_numbered_sequence(line, first)):
        glued = _GLUED_ITEM_NUMBER.match(line, position)
        if glued and position > first:
            numbers.append(int(glued.group()))
    return numbers


def _numbered_sequence(line: str, first: int = 0) -> list[int]:
    """Where "1. … 2. … 3." items start in one line: numbers in the same style counting up by one (or restarting
    at 1 after a heading); a lone "(Group 1)" or a decimal "1.5" is not an item. Linear in the line's length:
    brackets are counted as the matches go, and a restart looks at the next three numbers only. ``first`` is the
    offset of the line's first non-blank character."""
    styles: dict[str, list[tuple[int, int]]] = {}
    opened = closed = counted_to = 0
    for match in _INLINE_NUMBER.finditer(line):
        if _VALUE_BEFORE.search(line, max(0, match.start() - 8), match.start()):
            continue  # "BIL < 1.25 ULN; ALT < 2.5 ULN": values after an operator, not items 1 and 2
        style = (
            match.group()[-1]
            if match.group(1) or match.group(4)
            else " "
            if match.group(3) or match.group(5)
            else "|"
            if match.group(6)
            else "()"
        )
        if style in ".．":  # "1. a 2. b" and "1.a；2.b" are two styles; "1.5" can only be the second
            style += " " if line[match.end() : match.end() + 1].isspace() else "x"
        if style == ")":
            opened += line.count("(", counted_to, match.start())
            closed += line.count(")", counted_to, match.start())
            counted_to = match.start()
            if opened > closed:
                continue
        styles.setdefault(style, []).append((match.start(), int(next(g for g in match.groups() if g))))
    positions: list[int] = []
    for candidates in styles.values():
        run: list[tuple[int, int]] = []
        for index, (position, number) in enumerate(candidates + [(-1, -1)]):
            if run and number == run[-1][1] + 1:
                run.append((position, number))
                continue
            later = [m for _p, m in candidates[index + 1 : index + 4]]
            restart = (
                number in (1, 2)
                and (not run or number + 1 in later[:3])
                and (not run or run[-1][1] + 1 not in later[:1])
            )
            if number != -1 and run and not restart:
                continue  # "visit 1." inside item 2: not an item number, the list goes on
            if len(run) >= 2 or (run and run[0][0] <= first):
                positions.extend(p for p, _n in run if p > first)
            run = [(position, number)] if number in (1, 2) or 0 <= position <= first else []
    return positions


def _heading(piece: str) -> tuple[str | None, int | None]:
    """(section kind or "skip", offset of text after the heading on the same piece, or None) or (None, None)."""
    lead = _HEADING_EMPHASIS.match(piece).end()
    rest = unicodedata.normalize("NFKC", piece[lead:]).lower()
    if len(rest) != len(piece) - lead:  # NFKC changed length: map through the plain lower-cased text instead
        rest = piece[lead:].lower()
    headings = ((_SKIP_HEADING, "skip"), (_EXCLUSION_HEADING, "exclusion"), (_INCLUSION_HEADING, "inclusion"))
    bulleted = bool(re.search(r"(?<![*_\\])[*•●▪◦■►➢◆-](?![*_\\])", piece[:lead]))  # "**Exclusion criteria**": emphasis
    for pattern, kind in headings:
        match = pattern.match(rest)
        if match:
            tail = rest[match.end() :].strip(" \t*_")
            if bulleted and tail and tail[0] not in ":：-–—(":
                return None, None  # "* Exclusion criteria of the parent study apply" is a clause
            return kind, _after_heading(piece, lead + match.end())
    match = _CN_HEADING.match(rest)
    if match:
        kind = _CN_KIND.get(match.group(1), "skip")
        return kind, _after_heading(piece, lead + match.end())
    match = _CN_BARE_HEADING.match(rest)
    if match:
        return _CN_KIND[match.group(1)], _after_heading(piece, lead + match.end())
    match = _CN_PAGE_HEADING.match(rest)
    if match and (len(rest.strip()) <= 20 or _CN_LABEL_COLON.match(rest, match.end())):  # "不能参加的情况：BMI>30"
        return ("exclusion" if match.group(1) else "inclusion"), _after_heading(piece, lead + match.end())
    match = _CN_CAN_JOIN_LABEL.match(rest)
    if match:  # "您可以参加，如果：年龄18-40岁": only with its colon (a short item may say who can take part)
        return "inclusion", _after_heading(piece, lead + match.end())
    stripped = rest.strip()
    if len(stripped) <= 80 and not bulleted:
        qualified = _QUALIFIED_HEADING.match(stripped)
        if qualified and not _QUALIFIED_LEAD_NOT.search(qualified.group("lead")) and not _DIGIT_UNIT.search(stripped):
            return ("exclusion" if re.match(r"ex|non|inel", qualified.group("kind")) else "inclusion"), None
        label = _LABEL_HEADING.match(stripped)
        if label:
            return ("exclusion" if label.group("out") else "inclusion"), None
        must = _MUST_HEADING.match(stripped)
        if must:
            return ("exclusion" if must.group("not") else "inclusion"), None
    if len(stripped) <= 24:
        qualified = _CN_QUALIFIED_HEADING.match(stripped)
        if qualified and not _CN_QUALIFIED_LEAD_NOT.search(qualified.group("lead")):
            return _CN_KIND[qualified.group("kind")], None
        who = _CN_WHO_HEADING.match(stripped)
        if who:
            return ("exclusion" if who.group("out") else "inclusion"), None
    if _CN_SENTENCE_HEADING.match(rest.strip()):
        if _CN_NEGATED.search(rest):
            return "exclusion", None
        if _CN_INCLUDED.search(rest):
            return "inclusion", None
    stripped = rest.strip()
    if len(stripped) > 200:
        return None, None
    kind = (
        "exclusion"
        if _EXCLUSION_SENTENCE.match(stripped)
        else "inclusion"
        if _INCLUSION_SENTENCE.match(stripped)
        else None
    )
    if kind == "inclusion" and re.search(r"(?<![a-z])(?:not|no|none|neither)(?![a-z])", stripped):
        kind = "exclusion"  # "Patients must not have any of the following:"
    if kind and (stripped.endswith((":", "：")) or "following" in stripped or _SENTENCE_HEADING_END.search(stripped)):
        return kind, None  # "Subjects will be excluded if": a heading; a sentence that goes on is a clause
    return None, None


def _after_heading(piece: str, offset: int) -> int | None:
    tail = piece[offset:]
    colon = re.match(r"[^:：\n]{0,60}?[:：]", tail)  # "Inclusion criteria (Part A):"
    dash = re.match(r"\s*[-–—]+(?:\s|$)", tail)  # "Inclusion criteria - "
    if colon and len(colon.group().split()) <= 6:
        offset += colon.end()
    elif dash:
        offset += dash.end()
    remainder = piece[offset:]
    remainder = remainder.lstrip(" \t*_#|)）】〗").rstrip()
    if not remainder or not re.search(r"[^\W_]", remainder):
        return None
    return len(piece) - len(piece[offset:].lstrip(" \t*_#|)）】〗"))


# the end of an exclusion item that lists its exceptions under it ("Use of systemic steroids, except:", "… with the
# following exceptions:", "恶性肿瘤病史，以下情况除外："): the lexicons' exception_lead_words before the colon
_EXCEPTION_LEAD = re.compile(r"(?<![a-z])(?:" + (TABLES.exception_lead_words or r"(?!x)x") + r")\s*[:：]\s*$")


def an_exception(clause: Clause, original: str) -> bool:
    """Whether an exclusion clause is one of the exceptions nested under an exclusion item that ends "except:": it
    stays in the exclusion list (it is part of that item), but the people it describes are let in, so it bounds
    nothing, neither as an exclusion nor as an inclusion."""
    if clause.kind != "exclusion":
        return False
    parent = _parent_text(clause, original)
    return bool(parent) and bool(_EXCEPTION_LEAD.search(parent.lower()))


def _parent_text(clause: Clause, original: str) -> str:
    """The nearest line above a nested clause that is indented less and ends with a colon: its context."""
    line_start = original.rfind("\n", 0, clause.start) + 1
    own_line = original[line_start : clause.start]
    indent = len(own_line) - len(own_line.lstrip(" \t"))
    if indent == 0:
        return ""
    position = line_start - 1
    for _ in range(40):
        if position <= 0:
            return ""
        previous_start = original.rfind("\n", 0, position) + 1
        previous = original[previous_start:position]
        previous_indent = len(previous) - len(previous.lstrip(" \t"))
        if previous.strip() and previous_indent < indent:
            return previous.strip() if previous.rstrip().endswith((":", "：")) else ""
        position = previous_start - 1
    return ""


# A Chinese line whose item numbers run into the text with no mark at all ("1理解并自愿签署知情同意书2年龄≥40周岁…",
# a registry export that removed every blank and line break inside a list): the numbering is read by sequence. Each
# next number is a run of digits that is that number, not a value: no operator, decimal point, range sign, bracket or
# "第" before it, no decimal after it, and an item's word after it (a Chinese word that is no unit, a Latin name, or
# the item's own "2." mark). A longer run holds the number only where the sequence proves it: at its start when the
# rest is a count with a Chinese unit ("183个月内…" after item 17: item 18, "3个月内"), at its end when an item's word
# follows and the digits before it end a value ("≤32kg/m24慢阻肺" after item 3: "…m2", item 4; "0或14预期…": "1", item 4).
_DIGIT_RUN = re.compile(r"\d+")
_RUN_NOT_AFTER = re.compile(r"[<>≤≥＜＞=~～\-–—/×*^.,．，:：%％第(（\[]$")
_RUN_ITEM_WORD = re.compile(
    r"[\u4e00-\u9fff](?<![个周天月日年岁小分次倍型级度期项种例名组处位条秒米克升毫支包粒片])|年龄|组织"
    r"|[A-Z][A-Za-z]|[.．、](?=[\u4e00-\u9fffA-Za-z])"
)
_RUN_COUNT_UNIT = re.compile(r"(?:个?月|周|天|日|年(?!龄)|岁|周岁|小时|次|[%％倍])|[.．、](?=[\u4e00-\u9fff])")
_LATIN_WORD = re.compile(r"[A-Z][A-Za-z]")
_RUN_EXPONENT = re.compile(r"(?<![A-Za-z])(?:m|kg/m|/m|mm|cm|dm)$")  # "kg/m2", "mm3": a unit whose power is a digit


_HEADING_COLON = re.compile(r"[^:：]{1,16}[:：]\s*")  # "入选标准：" before the list's "1"


def _glued_chains(line: str, first: int, headings: list[int]) -> tuple[list[tuple[int, int]], bool]:
    """(start, end) of every item number of the lists glued into a Chinese line: from the line's start and from each
    heading inside it ("入选标准：1签署…2年龄…排除标准：1妊娠…2…"), each list opening with "1" glued to its item, right
    at its start or after its heading's colon; and whether the line itself opens with such a list (no heading)."""
    starts = sorted({first, *headings})
    spans: list[tuple[int, int]] = []
    opens = False
    for i, at in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else len(line)
        begin = at
        if not _GLUED_ITEM_NUMBER.match(line, at):
            lead = _HEADING_COLON.match(line, at, stop)
            if not lead or line[lead.end() : lead.end() + 1] != "1" or _heading(line[at : lead.end()])[0] is None:
                continue
            begin = lead.end()
        chain = _glued_chain(line, begin, stop)
        spans.extend(chain)
        opens = opens or (bool(chain) and begin == first)
    return spans, opens


def _glued_chain(line: str, first: int, stop: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each item number 1, 2, 3, … of a list glued into a Chinese line from ``first`` (where its "1"
    stands, glued to its item) to ``stop``, by sequence; [] unless the sequence reaches 3. Linear in the line: each
    run of digits is looked at a bounded number of times (a later clean candidate is looked for only up to the next
    number's first candidate, and within an item's reach)."""
    opening = _GLUED_ITEM_NUMBER.match(line, first)
    if not opening or opening.group() != "1":
        return []
    runs = [(m.start(), m.end()) for m in _DIGIT_RUN.finditer(line, opening.end(), len(line) if stop is None else stop)]
    found: list[tuple[int, int]] = []
    index, number = 0, 2
    while index < len(runs) and number < 100:
        choice = _next_item_number(line, runs, index, number)
        if choice is None:
            break
        index, span = choice
        found.append(span)
        number += 1
    return [(opening.start(), opening.end()), *found] if len(found) >= 2 else []


def _candidate(line: str, run: tuple[int, int], number: int) -> tuple[int, int, bool] | None:
    """(start, end, clean) of item ``number`` inside one run of digits, or None."""
    start, end = run
    digits, wanted = line[start:end], str(number)
    if not digits.startswith(wanted) and not digits.endswith(wanted):
        return None
    before = line[max(0, start - 6) : start]
    if _RUN_NOT_AFTER.search(before) or re.match(r"[.,．]\d", line[end : end + 2]):
        return None
    if line[end : end + 1] in ")）]":
        return None  # "（4）": a sub-item's number, "(2)" a reference
    latin_before = bool(re.search(r"[A-Za-z]$", before))
    if digits == wanted:
        if latin_before and _RUN_EXPONENT.search(before) and _LATIN_WORD.match(line, end):
            return start, end, False  # "病灶最长径>1cm3ECOG评分": "1cm", item 3 (no unit has a power before a word)
        if latin_before or not _RUN_ITEM_WORD.match(line, end):
            return None
        return start, end, True
    rest = digits[len(wanted) :]
    if digits.startswith(wanted) and rest[0] != "0" and _RUN_COUNT_UNIT.match(line, end):
        return start, start + len(wanted), False  # "183个月内": item 18, "3个月内"
    if digits.endswith(wanted) and _RUN_ITEM_WORD.match(line, end):
        lead = digits[: -len(wanted)]
        if not latin_before or (_RUN_EXPONENT.search(before) and lead in ("2", "3")):
            return end - len(wanted), end, False  # "m24慢阻肺": "m2", item 4
    return None


_ITEM_REACH = 3_000  # characters after a glued candidate looked at for a clean one: longer than any item, and bounded


def _next_item_number(line: str, runs: list, index: int, number: int) -> tuple[int, tuple[int, int]] | None:
    """(index of the next run to look at, (start, end)) of item ``number`` from runs[index:]: the first clean
    candidate, or a glued one before it when the next number shows up before any clean candidate does."""
    glued = None
    for i in range(index, len(runs)):
        if glued is not None and (
            runs[i][0] - glued[1][0] > _ITEM_REACH or _candidate(line, runs[i], number + 1) is not None
        ):
            break  # item number + 1 (or nothing within an item's reach) before any clean item number: the glued one
        found = _candidate(line, runs[i], number)
        if found is None:
            continue
        if found[2]:
            return i + 1, found[:2]
        if glued is None:
            glued = (i, found[:2])
    if glued is None:
        return None
    i, span = glued
    # the run holding item ``number`` may hold the next number's start too ("183个月" holds no 19), never twice
    return i + 1, span

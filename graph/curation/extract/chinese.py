"""Chinese sentences: names known by their Chinese aliases, organisations by their suffixes,
people by the role before them, and the common move words."""

from __future__ import annotations

import re

from graph.curation.extract.dates import find_dates
from graph.curation.extract.mentions import KnownEntity, Mention, Registry
from graph.curation.extract.signals import Findings, Signal
from graph.curation.extract.text import Sentence

CHINESE_LEAVE = re.compile(r"(?P<t>离职|离开|出走|辞职|卸任|告别)")
CHINESE_JOIN = re.compile(r"(?P<t>加入|加盟|入职|投奔|跳槽(?:至|到|去)?|转投|回归)")
CHINESE_VENTURE = re.compile(r"创业|自立门户|创办")
CHINESE_SURNAME_CHARS = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐韩冯邓曹彭曾肖田董潘袁蔡蒋余杜"
    "叶程魏苏吕丁任姚沈钟金付傅薄严钱秦石戴范方孔雷龙毛孟莫倪欧邱邵谭万温熊薛尹詹邹侯"
    "贾白崔段郝康赖牛齐陶夏向易翟常楚顾洪华纪景"
)
# A name after a role word ("负责人周启明") or opening a clause ("王磊离开…"), up to a verb or
# punctuation.
CHINESE_PERSON = re.compile(
    r"(?:负责人|研究员|科学家|工程师|总监|总裁|首席[\u4e00-\u9fff]{1,4}官|创始人|主管|专家|"
    r"博士|教授|经理|CEO|CTO|负责|主任|^|[，,。；;])"
    f"(?P<name>[{CHINESE_SURNAME_CHARS}][\u4e00-\u9fff]{{1,2}}?)"
    r"(?=已|在|于|将|正|从|曾|也|表示|称|透露|离|加|跳|出|投|创|，|,|。|、|（|\s)"
)
CHINESE_ORG = re.compile(
    r"[\u4e00-\u9fffA-Za-z0-9]{2,14}?(?:公司|集团|实验室|大学|研究院|研究所|团队|科技|智能)"
)
# Where an organisation's name cannot start: after a verb or a function word.
CHINESE_ORG_BREAK = re.compile(
    r"加入|加盟|离开|离职|入职|投奔|跳槽|转投|担任|正式|已经|近日|在|于|从|向|和|与|的|是|已|将|原|据|曾"
)
CHINESE_BLOCKERS = re.compile(r"否认|传闻|据传|或将|可能|考虑|接触|拟|有望|邀请|传言")


def read_chinese(sentence: Sentence, registry: Registry, findings: Findings) -> None:
    """Chinese sentences: names known by their Chinese aliases, organisations by their
    suffixes (公司, 实验室, 团队, …), people by the role before them (负责人周启明), and
    the common move words (离职, 加入, 跳槽, 出走, 投奔, 创业)."""
    text = sentence.text
    if CHINESE_BLOCKERS.search(text):
        return  # a denial, a rumour, an approach: no move
    names = _chinese_names(sentence, registry)
    findings.mentions.extend((m, sentence) for m in names)
    for pattern, kind in ((CHINESE_LEAVE, "leave"), (CHINESE_JOIN, "join")):
        for match in pattern.finditer(text):
            at = sentence.start + match.start()
            people = [m for m in names if m.kind == "person" and m.end <= at]
            if not people:
                continue
            before = [m for m in names if m.kind == "org" and m.end <= at]
            after = [
                m for m in names if m.kind == "org" and m.start >= sentence.start + match.end()
            ]
            dates = find_dates(text, sentence.start)
            signal = Signal(
                people[-1], kind, sentence, match.group("t"), 0.7, date=dates[0] if dates else None
            )
            if kind == "leave":
                near = after and after[0].start - (sentence.start + match.end()) < 3
                signal.origin = after[0] if near else (before[-1] if before else None)
                if CHINESE_VENTURE.search(text[match.start() :]):
                    signal.kind, signal.venture = "move", True
            else:
                if not after:
                    continue
                signal.destination = after[0]
                if before and "从" in text[before[-1].end - sentence.start : match.start()]:
                    signal.origin, signal.kind = before[-1], "move"
            findings.signals.append(signal)


def _chinese_names(sentence: Sentence, registry: Registry) -> list[Mention]:
    """The people and organisations of a Chinese sentence, in order."""
    text = sentence.text
    names: list[Mention] = []

    def add(start: int, end: int, kind: str, cue: str, entity: KnownEntity | None = None) -> None:
        if any(m.start <= sentence.start + start < m.end for m in names):
            return
        found = Mention(
            text[start:end], sentence.start + start, sentence.start + end, kind, cue=cue
        )
        if entity is not None:
            found.known, found.name = entity.id, entity.label
        names.append(found)

    for name, entity in registry.chinese_names:
        for match in re.finditer(re.escape(name), text):
            add(match.start(), match.end(), entity.kind, "registry", entity)
    for match in CHINESE_ORG.finditer(text):
        cut = max((m.end() for m in CHINESE_ORG_BREAK.finditer(match.group(0))), default=0)
        if match.end() - (match.start() + cut) >= 3:
            add(match.start() + cut, match.end(), "org", "an organisation suffix")
    for match in CHINESE_PERSON.finditer(text):
        add(match.start("name"), match.end("name"), "person", "after a role")
    return sorted(names, key=lambda m: m.start)

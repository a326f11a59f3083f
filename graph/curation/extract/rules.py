"""The extraction rules: move, job, unit, investment and study signals in each sentence, then
one pass over the document that links them into candidate facts.

A sentence gives *signals*: somebody left an organisation, joined one, was hired by one, holds
or held a job, studied somewhere. The document pass resolves pronouns and "the company" to the
names before them, and joins a person's signals in order: "he left Tencent" followed by "he
joined JD's academy" is one move; a departure with no origin in its sentence takes the person's
job stated elsewhere in the article. A move needs its origin: a join with no known origin is a
job, not a move (the project's rule: an origin is never invented).

Nothing is proposed from invitations and offers, speculation ("could", "may", "is expected
to", "rumoured"), negations, questions, headlines, or lines that are not article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from graph.curation.extract.dates import StatedDate, find_dates
from graph.curation.extract.lexicon import DETERMINERS, FUNCTION_WORDS, NOT_NAMES, ROLE_WORDS
from graph.curation.extract.mentions import KnownEntity, Mention, Registry, find_mentions
from graph.curation.extract.text import Sentence, is_chinese, split_sentences, tokenize

# Verbs and nouns that signal a move, by what they say.
LEAVE = re.compile(
    r"\b(?:has |have |had )?(?:just |recently |now |officially |quietly |abruptly )?"
    r"(?P<t>left|leaves|leaving|leave|departed|departs|departing|depart|quit|quits|quitting|"
    r"exited|exits|exiting|resigned|resigns|resigning|stepped down|steps down|stepping down|"
    r"step down|parted ways with|walked away from|bowed out of|is no longer (?:at|with))\b"
)
JOIN = re.compile(
    r"\b(?P<t>joined|joins|joining|join|rejoined|rejoins|moved to|moves to|moving to|move to|"
    r"switched to|switches to|switching to|jumped to|jumps to|jumped ship to|defected to|"
    r"defects to|went to|headed to|returned to|returns to|return to|signed on with|signed with|"
    r"landed at|lands at|decamped to|took (?:up )?a (?:role|job|position|post) at|"
    r"explored a role at|is now at|now works at|now at|arrived at|arrives at|came to|"
    r"comes to|came over to|surfaced at|resurfaced at|ended up at|turned up at|landed a role at)\b"
)
HIRE = re.compile(
    r"\b(?P<t>hired|hires|hiring|recruited|recruits|poached|poaches|poaching|lured|lures|"
    r"luring|brought on|brings on|brought in|tapped|taps|snapped up|snaps up|nabbed|nabs|"
    r"appointed|appoints|named|names|onboarded|acqui-?hired)\b"
)
LEAVE_NOUN = re.compile(r"\b(?P<t>departure|exit|resignation|defection|ouster)\b")
MOVE_NOUN = re.compile(r"\b(?P<t>move|switch|jump|defection|return) to\b")
FOUND = re.compile(r"\b(?P<t>founded|co-founded|cofounded|launched|started|set up|established)\b")
OWN_VENTURE = re.compile(
    r"\b(?:own|new)\s+(?:[\w-]+\s+){0,3}?(?:venture|startup|start-up|company|business|firm|"
    r"endeavou?rs?|lab|project)s?\b|\b(?:venture|startup|start-up|company|business|firm)s? of "
    r"(?:his|her|their) own\b|\b(?:found|start|launch|co-found|set up|build)(?:ed)? (?:a|an) "
    r"(?:[\w-]+ ){0,2}?(?:venture|startup|start-up|company|business|firm|lab)\b"
)
TO_NEXT = re.compile(
    r"\b(?:for|to join|and joined|and join|and has joined|to become\b[^,;]{0,50}?\b(?:at|of)|"
    r"to work (?:at|for)|to head|to lead|to run|to take (?:up )?(?:a|an|the) [\w\s-]{0,30}?"
    r"(?:at|with)|before joining|then joined|to (?:co-?)?found|to start|to launch|to set up|"
    r"and (?:co-?)?founded|and started|and launched)\b"
)
NEAR = 45  # characters: how far after a departure its destination may be stated
FROM_WORD = re.compile(r"\b(?:from|away from|formerly of|formerly at|previously at)\b")
ANNOUNCED = re.compile(
    r"\b(?:is|are|was|were) (?:set|slated|poised|due|scheduled) to\b|\bwill\b|\bis to\b|"
    r"\b(?:plans?|planning|intends?|agreed) to\b|\b(?:is|are) (?:leaving|joining|departing|"
    r"moving|stepping down|exiting|returning)\b|\bset to\b|\bimpending\b|\bupcoming\b|"
    r"\bplanned\b|\bwill be\b"
)
SPECULATION = re.compile(
    r"\b(?:could|might|would|should|may(?! \d)|(?:is|are|was|were) (?:expected|likely|rumou?red|"
    r"said|believed|thought|tipped) to|likely|reportedly (?:in talks|considering|weighing|"
    r"mulling)|in talks|considering|weighing|mulling|rumou?rs?|rumou?red|speculat\w*|"
    r"possibl[ey]|potential(?:ly)?|whether|if|unless|tried to|trying to|attempts? to|"
    r"wants? to|hopes? to|seeks? to)\b"
)
NEGATION = re.compile(r"\b(?:not|never|n't|no|denied|denies|declined|refused|rejected)\b")
DENIAL = re.compile(
    r"\b(?:denied|denies|deny|dismissed|refuted|rumou?rs?|rumou?red|speculation|"
    r"unconfirmed|reports? that|according to (?:a|one) report)\b"
)
# Seats that are not jobs: "will join X's board", "joined the advisory board of X".
BOARD_SEAT = re.compile(r"^[^.;]{0,40}?\b(?:board|advisory council|advisers?|advisors?)\b")
INVITATION = re.compile(
    r"\b(?:invit\w*|offer(?:ed|s|ing)?|extend\w* an? (?:open )?(?:invitation|offer)|"
    r"welcome to join|reach out|courting|courted|wooing|wooed|urg\w*|encourag\w*|"
    r"call(?:ed|ing)? on|asked|asking)\b"
)
# Jobs: "X, head of Y", "Y's chief scientist X", "X, who led Y", "former Y researcher X", ...
JOB_BEFORE_ORG = re.compile(
    r"(?P<role>(?:(?:a|an|the|its|their|his|her)\s+)?(?:[\w-]+\s+){0,6}?)"
    r"(?P<prep>at|of|with|for|in)\s+(?:[a-z][\w-]*\s+){0,3}$"  # "the founder of data firm X"
)
LED = re.compile(
    r"\b(?P<t>(?:previously |formerly |once |also )?(?:led|leads|leading|oversaw|oversees|"
    r"overseeing|headed|heads|heading|ran|runs|running|managed|manages|co-led|co-founded|"
    r"cofounded|founded|built|worked (?:at|for)|works (?:at|for)|was (?:at|with)|"
    r"served (?:at|as [\w\s-]{1,40}? (?:at|of))|spent [\w\s-]{1,40}? (?:at|with)|"
    r"was appointed as [\w\s-]{1,50}? (?:at|of)|was named [\w\s-]{1,50}? (?:at|of)))\b"
)
PAST_JOB = re.compile(
    r"\b(?P<t>veteran of|background at(?: both)?|alumnus of [\w\s]{0,10}?(?=\b)|member of|"
    r"(?:brief |short |long )?stint (?:at|with)|"
    r"after [\w-]+ years? (?:at|with)|spent [\w-]+ years? (?:at|with)|formerly (?:of|at|with)|"
    r"previously (?:at|with|of)|former|ex-)\b"
)
STUDY = re.compile(
    r"\b(?P<t>graduat\w+(?: with [^.;]{0,80}?)? from|(?:phd|ph\.d\.?|doctorate|master'?s|"
    r"bachelor'?s|degree)\b[^.;]{0,50}? (?:from|at)|studied (?:[\w-]+ ){0,3}at|"
    r"(?:alumnus|alumna|alumni|graduate) of)\b"
)
INVEST = re.compile(
    r"\b(?P<t>invested in|invests in|investing in|an investor in|investor in|backed|backs|"
    r"backing|funded|funds|led (?:a|the) [\w\s$.-]{0,30}?(?:round|investment) in|"
    r"(?:a |the )?stake in)\b"
)
PART_OF = re.compile(
    r"\b(?P<t>(?:a|an|the) (?:[\w-]+ ){0,2}(?:unit|division|subsidiary|arm|lab|laboratory|"
    r"affiliate|branch|department|business) (?:of|under|at)|owned by|the owner of|"
    r"which owns|parent (?:company )?of)\b"
)
# Between a subject and its verb: an aside between commas, auxiliaries, adverbs.
SUBJECT_GAP = re.compile(
    r"(?:\s*,(?![^,;]*\b(?:and|who)\b)[^,;]{1,120},)?"
    r"\s*,?\s*(?:(?:both|all|each) of whom\s+|who\s+)?"
    r"(?:(?:has|have|had|is|was|will|would|recently|also|now|just|officially|quietly|"
    r"reportedly|abruptly|finally|has been|been|set|to)\s+)*"
)
# "a leading AI talent", "one senior engineer": a person the article has not named yet.
UNNAMED_PERSON = re.compile(
    r"\b(?:a|an|one)\s+(?:[\w-]+\s+){0,3}?(?:talent|engineer|researcher|scientist|executive|"
    r"leader|expert|founder|veteran|specialist|figure|star|employee|developer|head|director)\s+"
    r"(?:(?:is|was|has|had|has been|now|also|reportedly)\s+)*$"
)
MOVE_VERB = re.compile(
    "|".join(f"(?:{pattern.pattern.replace('?P<t>', '')})" for pattern in (LEAVE, JOIN))
    + r"|\b(?:was|were|has been|had been) (?:hired|recruited|poached|lured|named|appointed)\b"
)
PRONOUNS = {
    "he": "subject",
    "she": "subject",
    "him": "object",
    "his": "possessive",
    "her": "possessive",
}
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


@dataclass
class Signal:
    """What one sentence says about a person's move."""

    person: Mention
    kind: str  # leave, join or move
    sentence: Sentence
    trigger: str
    confidence: float
    origin: Mention | None = None
    destination: Mention | None = None
    venture: bool = False
    status: str = "completed"
    date: StatedDate | None = None
    position: int = 0  # where the trigger is in the document


@dataclass
class Job:
    """What one sentence says about a person's job."""

    person: Mention
    org: Mention
    sentence: Sentence
    trigger: str
    confidence: float
    role: str = ""
    current: bool | None = None
    start: str | None = None
    end: str | None = None
    rank: int = 2  # how directly it names the job: 0 "from X", 1 a role, 2 a background


@dataclass
class Fact:
    """Any other fact: a unit of an organisation, an investment, a study."""

    kind: str  # part_of, investment, alumnus
    subject: Mention
    object: Mention
    sentence: Sentence
    trigger: str
    confidence: float


@dataclass
class Findings:
    """Everything the sentences of one document say, in order."""

    signals: list[Signal] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    mentions: list[tuple[Mention, Sentence]] = field(default_factory=list)
    # Moves told before the person is named (``person`` is then the origin).
    unnamed: list[Signal] = field(default_factory=list)


class _Document:
    """The state of reading one document: who and what was named last."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.people: dict[str, Mention] = {}  # a word of a name (lower case) -> the full name
        self.org_names: dict[str, Mention] = {}  # an organisation's first word -> its name
        self.names: dict[str, Mention] = {}  # a later word of a name of unknown kind -> it
        self.kinds: dict[str, tuple[str, int]] = {}  # a name -> its kind, by the strongest cue
        self.last_person: Mention | None = None
        self.orgs: list[Mention] = []
        self.previous: list[Mention] = []  # the organisations the last sentence named

    def resolve(self, sentence: Sentence) -> list[Mention]:
        """The sentence's names, with pronouns, short names and "the company" resolved."""
        self.sentence_text, self.sentence_start = sentence.text, sentence.start
        mentions = find_mentions(sentence.text, sentence.start, self.registry)
        tokens = tokenize(sentence.text, sentence.start)
        resolved: list[Mention] = []
        taken = [(m.start, m.end) for m in mentions]
        extra = []
        for index, token in enumerate(tokens):
            if any(s <= token.start < e for s, e in taken):
                continue
            if token.lower in PRONOUNS:
                extra.append(Mention(token.text, token.start, token.end, "person", cue="pronoun"))
            elif index == 0 and token.lower in self.people and token.text.islower():
                extra.append(_as(self.people[token.lower], token.start, token.end, token.text, 0.9))
        sentence_orgs: list[Mention] = []
        for mention in sorted([*mentions, *extra], key=lambda m: m.start):
            if mention.cue == "pronoun":  # the person named last, in this sentence or before
                named = [m for m in resolved if m.kind == "person" or _person_like(m)]
                target = named[-1] if named else self.last_person
                if target is not None and target.kind == "name":
                    target.kind = "person"
                    self.promote(target)
                if target is None:
                    continue
                mention = _as(target, mention.start, mention.end, mention.text, 0.85)
            if mention.anaphor:
                target = self._antecedent(mention, sentence_orgs)
                if target is None:
                    continue
                mention = _as(target, mention.start, mention.end, mention.text, 0.9)
                mention.anaphor = True
            elif mention.owner is not None and mention.owner.anaphor and not mention.known:
                target = self._antecedent(mention.owner, sentence_orgs)
                if target is None:
                    continue
                owner = mention.owner
                mention.owner = _as(target, owner.start, owner.end, owner.text, 0.9)
                mention.name = f"{target.name} {mention.phrase}"
                mention.parent = target.known or target.name
            if mention.kind == "org" and not mention.known:
                written = (
                    f"{mention.owner.text} {mention.phrase}" if mention.owner else mention.name
                )
                for name in (written, mention.name):
                    words = tokenize(name, 0)
                    known = self.registry.match(words, 0)
                    if known and known[0] == len(words) and known[1].kind == "org":
                        mention.known, mention.name = known[1].id, known[1].label
                        break
            typed = self.kinds.get(mention.name.lower())
            if typed is not None and typed[1] > mention.strength and not mention.known:
                mention.kind = typed[0]  # as a stronger cue typed it elsewhere
            if mention.kind in ("person", "name") and len(mention.text.split()) == 1:
                full = self.people.get(mention.text.lower()) or self.names.get(mention.text.lower())
                if full is not None:
                    mention = _as(full, mention.start, mention.end, mention.text, 0.95)
            if mention.kind == "name" and 2 <= len(mention.name.split()) <= 4:
                for word in mention.name.split()[1:]:  # "Lindqvist" for "Amara Lindqvist"
                    self.names.setdefault(word.lower(), mention)
            if (
                mention.kind in ("org", "name")
                and mention.strength < 3
                and len(mention.text.split()) == 1
            ):
                longer = self.org_names.get(mention.text.lower())
                if longer is not None and longer.name != mention.name:
                    mention = _as(longer, mention.start, mention.end, mention.text, 0.95)
            if (
                mention.kind == "org"
                and mention.owner is None
                and len(mention.name.split()) > 1
                and mention.confidence_scale == 1.0
            ):
                first = mention.name.split()[0].lower()
                if first not in NOT_NAMES:  # "Nimbus" later stands for "Nimbus Labs"
                    self.org_names.setdefault(first, mention)
            if mention.kind == "person" and mention.confidence_scale == 1.0:
                self.promote(mention)
            if mention.kind in ("person", "org") and mention.strength > typed_strength(typed):
                self.kinds[mention.name.lower()] = (mention.kind, mention.strength)
            if mention.kind == "org":
                sentence_orgs.append(mention)
            resolved.append(mention)
        people = [m for m in resolved if m.kind == "person"]
        if people:
            self.last_person = next((m for m in people if m.confidence_scale == 1.0), people[0])
        named = [o for o in sentence_orgs if not o.anaphor]
        self.orgs.extend(named)
        self.previous = named or self.previous
        return resolved

    def main_org(self) -> Mention | None:
        """The company the article has named most often so far."""
        counts: dict[str, int] = {}
        latest: dict[str, Mention] = {}
        for mention in self.orgs:
            if mention.owner is None and not self._is_unit(mention):
                key = mention.known or mention.name.lower()
                counts[key] = counts.get(key, 0) + 1
                latest[key] = mention
        if not counts:
            return None
        return latest[max(counts, key=lambda key: (counts[key], list(latest).index(key)))]

    def text_between(self, first: Mention, second: Mention) -> str:
        """The sentence's text between two of its mentions."""
        return self.sentence_text[
            first.end - self.sentence_start : second.start - self.sentence_start
        ]

    def promote(self, person: Mention) -> None:
        """Take ``person`` as a person from now on: its words name it, pronouns point at it."""
        for word in person.name.split():
            self.people.setdefault(word.lower(), person)
        self.people.setdefault(person.name.lower(), person)
        if typed_strength(self.kinds.get(person.name.lower())) < 2:
            self.kinds[person.name.lower()] = ("person", 2)

    def _antecedent(self, anaphor: Mention, sentence_orgs: list[Mention]) -> Mention | None:
        """The organisation an anaphor stands for: for "its" and "it" the sentence's first
        one; for "the company" the last company named in the sentence, else in the sentence
        before, else the one the article named most often."""
        if anaphor.text.lower() == "us":  # "joins us": the company the article speaks for
            return self.main_org()
        companies = [m for m in sentence_orgs if m.owner is None and not self._is_unit(m)]
        if anaphor.text.lower() in ("its", "it"):
            in_clause = [m for m in companies if "," not in self.text_between(m, anaphor)]
            if in_clause:
                return in_clause[-1]  # "return to Meta to join its lab"
            if companies:
                return companies[0]  # "Kuaishou, a rival of ByteDance, saw its leader…"
        elif companies:
            return companies[-1]
        previous = [m for m in self.previous if m.owner is None and not self._is_unit(m)]
        if previous:
            return previous[-1]
        candidates = [m for m in self.orgs if m.owner is None and not self._is_unit(m)]
        if not candidates:
            return None
        counts: dict[str, int] = {}
        latest: dict[str, Mention] = {}
        for mention in candidates:
            key = mention.known or mention.name.lower()
            counts[key] = counts.get(key, 0) + 1
            latest[key] = mention
        return latest[max(counts, key=lambda key: (counts[key], list(latest).index(key)))]

    def _is_unit(self, mention: Mention) -> bool:
        entity = self.registry.by_id.get(mention.known or "")
        return entity is not None and entity.parent is not None


def _person_like(mention: Mention) -> bool:
    """A name of unknown kind that reads like a person's: two or three capitalised words."""
    return (
        mention.kind == "name"
        and mention.cue == "two to four name-like words"
        and (2 <= len(mention.name.split()) <= 3)
    )


def typed_strength(typed: tuple[str, int] | None) -> int:
    """The strength of a remembered kind (0 when none is remembered)."""
    return typed[1] if typed else 0


def _as(target: Mention, start: int, end: int, text: str, scale: float) -> Mention:
    """A mention at ``start``–``end`` that stands for ``target`` (a pronoun, a short name)."""
    copy = Mention(
        text=text,
        start=start,
        end=end,
        kind=target.kind,
        known=target.known,
        name=target.name,
        cue=f"refers to {target.name}",
        parent=target.parent,
    )
    copy.confidence_scale = scale * target.confidence_scale
    return copy


def read_document(text: str, registry: Registry) -> Findings:
    """Every signal, job and fact the article text states, sentence by sentence."""
    document = _Document(registry)
    findings = Findings()
    sentences = split_sentences(text)
    title = next((s for s in sentences if s.article), None)
    for sentence in sentences:
        if not sentence.article:
            continue
        if is_chinese(sentence.text):
            _chinese(sentence, registry, findings)
            continue
        if _headline(sentence.text, first=sentence is title) or sentence.text.rstrip().endswith(
            "?"
        ):
            continue
        mentions = document.resolve(sentence)
        reader = _Sentence(sentence, mentions, findings, document.main_org())
        reader.read()
        # In the order the sentence tells them: "who joined X …, will step down to join Y".
        findings.signals[reader.first_signal :] = sorted(
            findings.signals[reader.first_signal :], key=lambda s: s.position
        )
        for signal in findings.signals[reader.first_signal :]:
            if signal.person.kind == "name":  # the subject of a move is a person
                signal.person.kind = "person"
                document.promote(signal.person)
                document.last_person = signal.person
        findings.mentions.extend((m, sentence) for m in mentions if m.kind in ("person", "org"))
    return findings


def _headline(text: str, *, first: bool = False) -> bool:
    """Title Case lines ("Alibaba Loses Top AI Engineer Zhou Chang") are headlines, and so is
    an article's first line when it does not end like a sentence."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    if text.rstrip()[-1:] in ".!":
        return False
    if first and len(text) < 160:
        return True
    if len(words) < 3:
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    return capitalised / len(words) >= 0.7


class _Sentence:
    """The rules applied to one sentence."""

    def __init__(
        self,
        sentence: Sentence,
        mentions: list[Mention],
        findings: Findings,
        document_org: Mention | None = None,
    ) -> None:
        self.sentence = sentence
        self.document_org = document_org  # the organisation the article is most about
        self.text = sentence.text.replace("’", "'")
        self.lower = self.text.lower()
        self.mentions = mentions
        self.findings = findings
        self.dates = find_dates(sentence.text, sentence.start)
        self.first_signal = len(findings.signals)
        for mention in mentions:  # "Lindqvist joined …": a name that is a move's subject
            if mention.kind == "name" and 1 <= len(mention.name.split()) <= 4:
                rest = self.lower[self._at(mention)[1] :]
                gap = SUBJECT_GAP.match(rest)
                if gap and MOVE_VERB.match(rest, gap.end()):
                    mention.kind = "person"

    # --- positions -------------------------------------------------------------------------

    def _at(self, mention: Mention) -> tuple[int, int]:
        return mention.start - self.sentence.start, mention.end - self.sentence.start

    def people_before(self, position: int) -> list[Mention]:
        """People named before ``position``, the clause's subject first.

        The subject is the nearest name, unless that name sits in an aside between commas
        after another name ("Zhou Chang, a key figure behind X's Y, is set to depart").
        """
        found = [
            m
            for m in self.mentions
            if self._at(m)[1] <= position
            and (m.kind == "person" or self._subject_name(m, position))
        ]
        found.sort(key=lambda m: -m.end)
        for index, nearest in enumerate(found[:-1]):
            earlier = found[index + 1]
            aside = self.lower[self._at(earlier)[1] : self._at(nearest)[0]]
            closing = self.lower[self._at(nearest)[1] : position]
            relative = re.match(r"\s*,?\s*(?:who|whose|both of whom|all of whom)\b", closing)
            if "," in aside and "," in closing and earlier.name != nearest.name and not relative:
                found.insert(0, found.pop(index + 1))
                break
        return found

    def _subject_name(self, mention: Mention, position: int) -> bool:
        """A name of unknown kind right before the verb is its subject, hence a person
        ("Dana Reyes has left", "Dana Reyes, who led X, joined")."""
        if mention.kind != "name" or not 2 <= len(mention.name.split()) <= 4:
            return False
        gap = self.lower[self._at(mention)[1] : position]
        return bool(SUBJECT_GAP.fullmatch(gap))

    def person_after(self, position: int, *, within: int = 60) -> Mention | None:
        """The first person named after ``position``, within ``within`` characters (a name of
        unknown kind too, when it is the first name there: "recruited Hana Sato")."""
        for mention in self.mentions:
            start = self._at(mention)[0]
            if not position <= start <= position + within:
                continue
            if mention.kind == "person":
                return mention
            if mention.kind == "name" and 2 <= len(mention.text.split()) <= 4:
                gap = self.lower[position:start].split()
                if all(
                    word in DETERMINERS
                    or word in ("former", "ex-")
                    or word.strip(",") in ROLE_WORDS
                    for word in gap
                ):
                    return mention
        return None

    def org_before(self, position: int) -> Mention | None:
        """The organisation named last before ``position``."""
        found = [
            m for m in self.mentions if m.kind in ("org", "name") and self._at(m)[1] <= position
        ]
        return found[-1] if found else None

    def object_at(self, position: int, *, words: int = 3) -> Mention | None:
        """The organisation right after ``position``: only determiners and such in between."""
        for mention in self.mentions:
            start = self._at(mention)[0]
            if start < position or mention.kind not in ("org", "name"):
                continue
            gap = re.findall(r"[\w.'-]+|[^\w\s]", self.lower[position:start])
            # Determiners, and lower-case descriptions: "data-labeling rival Cinder Data".
            described = all(
                word in DETERMINERS
                or (re.fullmatch(r"[a-z][a-z-]+", word) and word not in FUNCTION_WORDS)
                for word in gap
            )
            if len(gap) <= words and described:
                return mention
            return None
        return None

    def org_after_pattern(self, pattern: re.Pattern[str], position: int) -> Mention | None:
        """The organisation right after the first match of ``pattern`` at or after ``position``
        (not inside a phrase about studies: "a PhD from X")."""
        studies = [m.span() for m in STUDY.finditer(self.lower)]
        for match in pattern.finditer(self.lower, position):
            if any(start <= match.start() < end for start, end in studies):
                continue
            found = self.object_at(match.end())
            if found is not None:
                return found
        return None

    def invited_near(self, start: int) -> bool:
        """An invitation or an offer in the clause before ``start`` ("invited X to join")."""
        return (
            INVITATION.search(re.split(r"[;:]", self.lower[max(0, start - 70) : start])[-1])
            is not None
        )

    def blocked(self, start: int, end: int) -> bool:
        """Speculation or negation in the clause before the trigger, or a denial or a rumour
        anywhere before it in the sentence ("denied reports that X was leaving")."""
        before = self.lower[max(0, start - 45) : start]
        clause = re.split(r"[,;:]", before)[-1]
        if SPECULATION.search(clause) or NEGATION.search(clause):
            return True
        return DENIAL.search(self.lower[:start]) is not None

    def status(self, start: int, end: int) -> str:
        """``announced`` when the clause says the move is to come ("is set to", "will",
        "is leaving"), else ``completed``."""
        clause = re.split(r"[,;:]", self.lower[max(0, start - 40) : end])[-1]
        return "announced" if ANNOUNCED.search(clause + " ") else "completed"

    def date_near(self, start: int) -> StatedDate | None:
        after = [d for d in self.dates if d.start - self.sentence.start >= start]
        before = [d for d in self.dates if d.end - self.sentence.start <= start]
        if after:
            return after[0]
        return before[-1] if before else None

    # --- rules ----------------------------------------------------------------------------

    def read(self) -> None:
        self._jobs()
        self._leaves()
        self._joins()
        self._hires()
        self._nouns()
        self._founding()
        self._studies()
        self._investments()
        self._units()

    def together(self, person: Mention) -> list[Mention]:
        """The person and those named with it as one subject ("X and Y have left")."""
        group = [person]
        for mention in reversed([m for m in self.mentions if m.end <= person.start]):
            gap = self.lower[self._at(mention)[1] : self._at(group[-1])[0]]
            if mention.kind in ("person", "name") and re.fullmatch(r"\s*(?:,|,?\s*and)\s*", gap):
                group.append(mention)
            else:
                break
        return group

    def org_subject_before(self, position: int) -> Mention | None:
        """The organisation that is the clause's subject before ``position`` (the nearest, or
        the one before an aside: "Orbital AI, the startup that closed its Series B, hired")."""
        found = [
            m for m in self.mentions if m.kind in ("org", "name") and self._at(m)[1] <= position
        ]
        if not found:
            return None
        nearest = found[-1]
        for earlier in reversed(found[:-1]):
            aside = self.lower[self._at(earlier)[1] : self._at(nearest)[0]]
            closing = self.lower[self._at(nearest)[1] : position]
            if aside.lstrip().startswith(",") and "," in closing:
                return earlier
        return nearest

    def _signal(
        self, person: Mention, kind: str, match: re.Match[str], confidence: float, **values: object
    ) -> Signal:
        signal = Signal(
            person=person,
            kind=kind,
            sentence=self.sentence,
            trigger=match.group("t"),
            confidence=round(confidence * person.confidence_scale, 2),
            status=self.status(match.start(), match.end()),
            date=self.date_near(match.end()),
            position=self.sentence.start + match.start(),
        )
        for name, value in values.items():
            setattr(signal, name, value)
        self.findings.signals.append(signal)
        for other in self.together(person)[1:]:  # "X and Y have left": a move each
            self.findings.signals.append(replace(signal, person=other))
        return signal

    def _destination(self, position: int) -> tuple[Mention | None, bool]:
        """Where somebody went, said soon after ``position``: an organisation, or an own
        venture."""
        rest = self.lower[position:]
        to_match = TO_NEXT.search(rest)
        if to_match and to_match.start() > NEAR:
            to_match = None
        found = self.org_after_pattern(TO_NEXT, position + to_match.start()) if to_match else None
        if found is not None:
            return found, False
        venture = OWN_VENTURE.search(rest[: NEAR + 40])
        if venture and re.search(r"\b(?:to|and|for)\b", rest[: venture.start()]):
            return None, True
        return None, False

    def _leaves(self) -> None:
        for match in LEAVE.finditer(self.lower):
            start, end = match.span("t")
            if self.blocked(start, end):
                continue
            people = self.people_before(start)
            if not people:
                self._unnamed_leave(match)
                continue
            origin = self.object_at(end, words=4)
            if origin is None and re.match(r"\s+from\b", self.lower[end:]):
                origin = self.org_after_pattern(re.compile(r"\bfrom\b"), end)
            if origin is not None and origin.cue.startswith("refers to"):
                # "X, the lead behind the Qwen models, has left the company": the company
                # the sentence ties the person to, rather than the one named last.
                tied = [
                    m
                    for m in self.mentions
                    if m.kind in ("org", "name")
                    and self._at(people[0])[1] < self._at(m)[0]
                    and self._at(m)[1] <= start
                    and not m.cue.startswith("refers to")
                ]
                origin = tied[-1] if tied else origin
            if match.group("t") in (
                "resigned",
                "resigns",
                "resigning",
                "stepped down",
                "steps down",
                "stepping down",
                "step down",
            ):
                origin = origin or self.org_after_pattern(
                    re.compile(r"\bas [\w\s-]{1,40}? (?:of|at)\b|\bfrom\b"), end
                )
            origin_end = self._at(origin)[1] if origin is not None else end
            destination, venture = self._destination(max(end, origin_end))
            self._signal(
                people[0],
                "leave" if destination is None and not venture else "move",
                match,
                0.9 if origin else 0.75,
                origin=origin,
                destination=destination,
                venture=venture,
            )

    def _unnamed_leave(self, match: re.Match[str]) -> None:
        """ "a leading AI talent leaving Alibaba to pursue his own venture": an article's lead
        often tells a move before it names the person; kept to join a named move later."""
        start, end = match.span("t")
        if not UNNAMED_PERSON.search(self.lower[max(0, start - 60) : start]) or self.blocked(
            start, end
        ):
            return
        origin = self.object_at(end, words=4)
        if origin is None:
            return
        destination, venture = self._destination(self._at(origin)[1])
        if destination is None and not venture:
            return
        self.findings.unnamed.append(
            Signal(
                origin,
                "move",
                self.sentence,
                match.group("t"),
                0.6,
                origin=origin,
                destination=destination,
                venture=venture,
            )
        )

    def _joins(self) -> None:
        for match in JOIN.finditer(self.lower):
            start, end = match.span("t")
            if self.invited_near(start) or self.blocked(start, end):
                continue
            before = self.lower[max(0, start - 4) : start]
            people = self.people_before(start)
            if not people:
                continue
            if re.match(r"\s+(?:them\s+)?from\b", self.lower[end:]):
                # "Kuroda joins from Apple": where from; where to, another sentence says
                origin = self.org_after_pattern(FROM_WORD, end)
                if origin is not None:
                    self._signal(people[0], "came", match, 0.85, origin=origin)
                continue
            destination = self.object_at(end, words=4)
            if destination is None and re.match(r"\s+as\b", self.lower[end:]):
                destination = self.document_org  # a release: "Tan joins as head of product"
            if destination is None:
                continue
            if BOARD_SEAT.match(self.lower[end:]):
                continue  # a board seat, not a job
            if before.endswith("to ") and any(
                s.sentence is self.sentence and s.person.name == people[0].name and s.kind != "join"
                for s in self.findings.signals
            ):
                continue  # "left A to join B": the departure already says where to
            origin = self.org_after_pattern(FROM_WORD, self._at(destination)[1])
            self._signal(
                people[0],
                "join" if origin is None else "move",
                match,
                0.9 if origin else 0.8,
                origin=origin,
                destination=destination,
            )

    def _hires(self) -> None:
        for match in HIRE.finditer(self.lower):
            start, end = match.span("t")
            if self.invited_near(start) or self.blocked(start, end):
                continue
            passive = re.search(
                r"\b(?:was|were|been|being|is|are|got|has been|have been)\s+(?:\w+\s+)?$",
                self.lower[max(0, start - 20) : start],
            )
            if passive or self.lower[end:].startswith(" by"):
                people = self.people_before(start)
                hirer = self.org_after_pattern(re.compile(r"\bby\b"), end)
                if not people or hirer is None:
                    continue
                person = people[0]
            else:
                found = self.person_after(end)
                hirer = self.org_subject_before(start)
                if found is None or hirer is None or self._at(hirer)[1] < start - 200:
                    continue
                person = found
            origin = self.org_after_pattern(FROM_WORD, end)
            # An appointment alone is a job; it is a move only when the article says where
            # the person came from (here or in another sentence).
            self._signal(
                person,
                "join" if origin is None else "move",
                match,
                0.85,
                origin=origin,
                destination=hirer,
            )

    def _nouns(self) -> None:
        for match in LEAVE_NOUN.finditer(self.lower):
            start, end = match.span("t")
            if self.blocked(start, end):
                continue
            person = self._possessor(start) or self.person_after(end, within=12)
            if person is None:
                continue
            origin = self.org_after_pattern(re.compile(r"\bfrom\b"), end)
            if origin is not None and self._at(origin)[0] - end > 40:
                origin = None
            destination, venture = self._destination(end)
            self._signal(
                person,
                "leave" if destination is None and not venture else "move",
                match,
                0.85 if origin else 0.6,
                origin=origin,
                destination=destination,
                venture=venture,
            )
        for match in MOVE_NOUN.finditer(self.lower):
            start, end = match.span("t")
            person = self._possessor(start)
            destination = self.object_at(end, words=3)
            if person is None or destination is None or self.blocked(start, end):
                continue
            origin = self.org_after_pattern(re.compile(r"\bfrom\b"), start)
            self._signal(
                person,
                "join" if origin is None else "move",
                match,
                0.8,
                origin=origin,
                destination=destination,
            )

    def _possessor(self, position: int) -> Mention | None:
        """The person in "X's departure", "his exit", "X, whose own departure"."""
        before = self.lower[:position]
        whose = re.search(r",\s*whose\s+(?:[\w-]+\s+){0,2}$", before)
        if whose:
            people = self.people_before(whose.start())
            return people[0] if people else None
        for mention in self.people_before(position):
            gap = before[self._at(mention)[1] :]
            if re.fullmatch(r"(?:'s|')?\s*(?:[\w-]+\s+){0,2}", gap) and not re.search(
                r"\b(?:of|and|with)\b", gap
            ):
                return mention
            break
        return None

    def _founding(self) -> None:
        for match in FOUND.finditer(self.lower):
            start, end = match.span("t")
            people = self.people_before(start)
            founded = self.object_at(end, words=4)
            if (
                not people
                or founded is None
                or self.blocked(start, end)
                or founded.kind == "person"
            ):
                continue
            leaving = [
                s
                for s in self.findings.signals
                if s.sentence is self.sentence
                and s.person.name == people[0].name
                and s.kind == "leave"
            ]
            if leaving:
                leaving[-1].destination, leaving[-1].kind = founded, "move"
            self._job(people[0], founded, match.group("t"), role="founder", current=True, rank=1)

    def _jobs(self) -> None:
        """Jobs stated by apposition, possession, relative clauses and past markers."""
        for person in [m for m in self.mentions if m.kind == "person"]:
            p_start, p_end = self._at(person)
            # "X, a senior member of Y's team," / "X, head of Y" / "X, the tech lead of Y"
            after = self.lower[p_end:]
            apposition = re.match(r"\s*,\s*([^,;()]{0,80}?)(?=,|\)|;|$| has| is| was| who)", after)
            if apposition:
                self._role_phrase(person, p_end + apposition.start(1), p_end + apposition.end(1))
            # "Y's chief scientist X", "its LLM project leader X", "former Y researcher X"
            head = self.lower[max(0, p_start - 60) : p_start]
            for org in reversed(
                [
                    m
                    for m in self.mentions
                    if m.kind in ("org", "name")
                    and self._at(m)[1] <= p_start
                    and self._at(m)[1] >= p_start - 60
                ]
            ):
                gap = self.lower[self._at(org)[1] : p_start]
                role = re.fullmatch(r"(?:'s|')?\s*((?:[\w-]+\s+){0,4}?[\w-]*?),?\s*", gap)
                owned = org.kind == "org" or gap.startswith(("'s", "'"))
                if owned and role and (set(role.group(1).split()) & _role_words(role.group(1))):
                    past = bool(
                        re.search(
                            r"\b(?:former|ex-|onetime)\s*$",
                            self.lower[max(0, self._at(org)[0] - 10) : self._at(org)[0]],
                        )
                    )
                    self._job(
                        person,
                        org,
                        "role before the name",
                        role=role.group(1).strip(),
                        current=not past,
                        rank=1,
                    )
                break
            del head
        for person in [m for m in self.mentions if m.kind == "person"]:
            # "Hannah Cho (ex-OpenAI)", "Lee (formerly of Baidu)"
            aside = re.match(
                r"\s*\(\s*(?:ex-|formerly(?: of| at)?|previously(?: at)?)\s*",
                self.lower[self._at(person)[1] :],
            )
            bracketed = (
                self.object_at(self._at(person)[1] + aside.end(), words=0) if aside else None
            )
            if bracketed is not None:
                self._job(person, bracketed, "in brackets after the name", current=False, rank=1)
        for pattern, rank, current in ((LED, 1, None), (PAST_JOB, 2, False)):
            for match in pattern.finditer(self.lower):
                start, end = match.span("t")
                if self.blocked(start, end):
                    continue
                people = self.people_before(start)
                if not people and start < 12:  # "After eight years at X, Grace Kim moved…"
                    subject = self.person_after(
                        self.lower.find(",", end) + 1 if "," in self.lower[end:] else end, within=40
                    )
                    people = [subject] if subject else []
                orgs = self._orgs_listed(end) or self._org_in_clause(end)
                if not people or not orgs:
                    continue
                word = match.group("t")
                if word in ("former", "ex-"):
                    continue  # handled with the role before the name
                now = (
                    current
                    if current is not None
                    else not re.search(
                        r"\b(?:previously|formerly|once|led|oversaw|headed|ran|managed|co-led|worked|was|served|spent)\b",
                        word,
                    )
                )
                since = re.match(
                    r"\s*since\s+((?:19|20)\d{2})", self.lower[self._at(orgs[-1])[1] :]
                )
                for org in orgs:
                    self._job(
                        people[0],
                        org,
                        word,
                        role=_role_of(word),
                        current=now,
                        rank=rank,
                        start=since.group(1) if since else None,
                    )

    def _org_in_clause(self, position: int) -> list[Mention]:
        """The first organisation in the rest of the clause ("led the vision team at X")."""
        clause = re.match(r"[^,;()]{0,60}", self.lower[position:])
        limit = position + (clause.end() if clause else 0)
        for mention in self.mentions:
            start = self._at(mention)[0]
            if mention.kind in ("org", "name") and position <= start < limit:
                return [mention]
        return []

    def _role_phrase(self, person: Mention, start: int, end: int) -> None:
        """ "a senior member of Y's development team" after a name: a job at Y."""
        phrase = self.lower[start:end]
        if re.match(r"\s*(?:who|which|said|says)\b", phrase):
            return
        for org in self.mentions:
            o_start, o_end = self._at(org)
            if org.kind not in ("org", "name") or not start <= o_start < end:
                continue
            role = JOB_BEFORE_ORG.search(self.lower[start:o_start])
            if role is None:
                # "a former Apple researcher", "an OpenAI co-founder": the role after the name
                lead = self.lower[start:o_start].split()
                trailing = self.lower[o_end:end].split()
                if trailing[:1] in (["'s"], ["'"]):  # "Vireo's head of data"
                    trailing = trailing[1:]
                if (
                    all(
                        w in ("a", "an", "the", "former", "ex-", "onetime", "longtime")
                        for w in lead
                    )
                    and trailing
                    and set(trailing[:4]) & _role_words(" ".join(trailing[:4]))
                ):
                    past = "former" in lead or "ex-" in lead or "onetime" in lead
                    self._job(
                        person,
                        org,
                        "described after the name",
                        role=" ".join(trailing[:4]),
                        current=not past,
                        rank=1,
                    )
                return
            words = role.group("role").strip()
            past = bool(
                re.search(r"\b(?:former|previously|formerly|ex-)\b", phrase[: o_start - start])
            )
            marked = re.match(
                r"(?:previously|formerly|former|now|currently|most recently)\b", words
            )
            if not words or not (marked or set(words.split()) & _role_words(words)):
                return
            words = re.sub(r"^(?:previously|formerly|now|currently|most recently)\s+", "", words)
            self._job(
                person,
                org,
                "described after the name",
                role=re.sub(r"^(?:a|an|the)\s+", "", words),
                current=not past,
                rank=1,
            )
            return

    def _orgs_listed(self, position: int) -> list[Mention]:
        """The organisation right after ``position`` and any listed with it ("X and Y")."""
        first = self.object_at(position, words=3)
        if first is None:
            return []
        found = [first]
        cursor = self._at(first)[1]
        while True:
            joint = re.compile(r"\s*(?:,\s*and|,|and|&)\s*").match(self.lower, cursor)
            nxt = self.object_at(joint.end(), words=0) if joint else None
            if nxt is None or nxt in found:
                return found
            found.append(nxt)
            cursor = self._at(nxt)[1]

    def _job(self, person: Mention, org: Mention, trigger: str, **values: object) -> None:
        if org.kind == "person" or person.name == org.name:
            return
        for other in self.together(person)[1:]:  # "X, Y and Z, all formerly of A"
            self._job(other, org, trigger, **values)
        job = Job(
            person=person,
            org=org,
            sentence=self.sentence,
            trigger=trigger,
            confidence=round(0.8 * person.confidence_scale, 2),
        )
        for name, value in values.items():
            setattr(job, name, value)
        self.findings.jobs.append(job)

    def _studies(self) -> None:
        for match in STUDY.finditer(self.lower):
            start, end = match.span("t")
            people = self.people_before(start)
            school = self.object_at(end, words=2)
            if people and school is not None and not self.blocked(start, end):
                self.findings.facts.append(
                    Fact("alumnus", people[0], school, self.sentence, match.group("t"), 0.8)
                )

    def _investments(self) -> None:
        for match in INVEST.finditer(self.lower):
            start, end = match.span("t")
            if self.blocked(start, end):
                continue
            if self.lower[end:].startswith(" by"):
                investor = self.org_after_pattern(re.compile(r"\bby\b"), end)
                investee = self.org_before(start)
                pairs = [(investor, investee)] if investor and investee else []
            else:
                investor = self.org_before(start)
                listed = self._orgs_listed(end) or self._orgs_after_colon(end)
                pairs = [(investor, org) for org in listed] if investor else []
            for investor_, investee_ in pairs:
                if (
                    investor_ is not None
                    and investee_ is not None
                    and investor_.name != investee_.name
                ):
                    self.findings.facts.append(
                        Fact(
                            "investment",
                            investor_,
                            investee_,
                            self.sentence,
                            match.group("t"),
                            0.75,
                        )
                    )

    def _orgs_after_colon(self, position: int) -> list[Mention]:
        colon = self.lower.find(":", position)
        if colon < 0 or colon - position > 40:
            return []
        return [m for m in self.mentions if m.kind in ("org", "name") and self._at(m)[0] > colon]

    def _units(self) -> None:
        for mention in self.mentions:
            if mention.kind == "org" and mention.owner is not None and mention.parent:
                self.findings.facts.append(
                    Fact("part_of", mention, mention.owner, self.sentence, "'s", 0.7)
                )
        for match in PART_OF.finditer(self.lower):
            start, end = match.span("t")
            word = match.group("t")
            if word in ("the owner of", "which owns") or word.startswith("parent"):
                owner = self.org_before(start)
                single = self.object_at(end, words=5)
                units = self._orgs_listed(end) or ([single] if single is not None else [])
                for unit in units:
                    if owner is not None:
                        self.findings.facts.append(
                            Fact("part_of", unit, owner, self.sentence, word, 0.7)
                        )
            else:
                member = self.org_before(start)
                parent = self.object_at(end, words=2)
                if member is not None and parent is not None and member.name != parent.name:
                    self.findings.facts.append(
                        Fact("part_of", member, parent, self.sentence, word, 0.75)
                    )


def _role_words(words: str) -> set[str]:
    """The role words among ``words`` ("senior member", "project leader")."""
    return {word for word in words.split() if word in ROLE_WORDS}


def _role_of(trigger: str) -> str:
    if re.search(
        r"\b(?:led|leads|leading|oversaw|oversees|overseeing|headed|heads|heading|ran|runs|running|managed|manages|co-led)\b",
        trigger,
    ):
        return "head"
    if "founded" in trigger:
        return "founder"
    if trigger.startswith("member"):
        return "member"
    return ""


def _chinese(sentence: Sentence, registry: Registry, findings: Findings) -> None:
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

    for name, entity in registry.chinese_names():
        for match in re.finditer(re.escape(name), text):
            add(match.start(), match.end(), entity.kind, "registry", entity)
    for match in CHINESE_ORG.finditer(text):
        cut = max((m.end() for m in CHINESE_ORG_BREAK.finditer(match.group(0))), default=0)
        if match.end() - (match.start() + cut) >= 3:
            add(match.start() + cut, match.end(), "org", "an organisation suffix")
    for match in CHINESE_PERSON.finditer(text):
        add(match.start("name"), match.end("name"), "person", "after a role")
    return sorted(names, key=lambda m: m.start)

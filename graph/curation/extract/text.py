"""Sentences and tokens with their character offsets, for English and Chinese text.

Sentences end at ``.``, ``!`` or ``?`` followed by white space and a capital letter, digit or
quote (not after an abbreviation or an initial), at Chinese ``。！？；``, and at line breaks.
Lines that are not article text (link teasers such as "Read also: …", bylines, tags) are
marked, so that nobody named only there is proposed.

>>> [s.text for s in split_sentences("Dr. Ann Lee left Acme Inc. in May. She joined Beta.")]
['Dr. Ann Lee left Acme Inc. in May.', 'She joined Beta.']
>>> [s.text for s in split_sentences("林俊旸离职。他加入了腾讯！")]
['林俊旸离职。', '他加入了腾讯！']
>>> [(t.text, t.start) for t in tokenize("Tencent’s Hunyuan team", 0)]
[('Tencent', 0), ('’s', 7), ('Hunyuan', 10), ('team', 18)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.curation.extract.lexicon import ABBREVIATIONS

# Lines that are not the article's own text: link teasers, bylines, captions, tags.
NON_ARTICLE_LINE = re.compile(
    r"^\s*(?:read\s+(?:also|more|next)|also\s+read|related(?:\s+\w+)?|see\s+also|recommended|"
    r"more\s+from|you\s+may\s+also\s+like|by|written\s+by|reporting\s+by|reported\s+by|"
    r"editing\s+by|edited\s+by|author|reporter|editor|photo|image|picture|caption|source|"
    r"credit|tags?|keywords|viral\s+phrases|share|follow\s+us|sign\s+up|subscribe)\b"
    r"\s*(?::|\||-|–|—|\bby\b|$)",
    re.IGNORECASE,
)
# Chinese bylines and teasers: "本报记者 王晓雯", "责任编辑：…", "相关阅读：…".
CHINESE_NON_ARTICLE = re.compile(
    r"^\s*(?:本报)?(?:记者|责任编辑|编辑|相关阅读|延伸阅读|推荐阅读|原标题)"
)
# "By Jane Doe" / "By Jane Doe and John Roe, Reuters" without a colon.
BYLINE = re.compile(r"^\s*[Bb]y\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*(?:,|and)\s*.*)?$")
# Longer "sentences" (a page with no punctuation) are cut, so the rules stay fast.
MAX_SENTENCE = 1500
# How far before a dot an abbreviation is looked for: one more than the longest, so that a
# longer word, cut to this, is none of them.
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS)) + 1
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TOKEN = re.compile(r"ex-(?=[A-Z])|[’']s\b|\w+(?:[-.&]\w+|[’'](?!s\b)\w+)*|[^\w\s]")
_END = re.compile(
    r"[.!?]+[\"'”’)\]]*(?=\s+(?:[-–•*]\s+)?[\"'“‘(\[]?[A-Z0-9\u3400-\u9fff])|[。！？；]+[”’」』]*"
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the document: its text, where it sits, and whether it is article text."""

    text: str
    start: int
    end: int
    article: bool = True


@dataclass(frozen=True)
class Token:
    """A word, a possessive ``'s`` or a punctuation mark, with its offsets in the document."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        """The token in lower case, with a curly apostrophe made straight."""
        return self.text.lower().replace("’", "'")


def is_chinese(text: str) -> bool:
    """Whether ``text`` is mostly Chinese (more CJK characters than Latin letters).

    >>> is_chinese("阿里巴巴的通义实验室"), is_chinese("Alibaba's Tongyi Lab")
    (True, False)
    """
    cjk = len(_CJK.findall(text))
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    return cjk > latin


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, with offsets into ``text``."""
    sentences: list[Sentence] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        article = not (
            NON_ARTICLE_LINE.match(body) or BYLINE.match(body) or CHINESE_NON_ARTICLE.match(body)
        )
        start = 0
        for found in _END.finditer(body):
            end = found.end()
            if body[found.start()] == "." and _abbreviation_before(body, found.start()):
                continue
            _add(sentences, body, start, end, offset, article)
            start = end
        _add(sentences, body, start, len(body), offset, article)
        offset += len(line)
    return sentences


def tokenize(text: str, offset: int) -> list[Token]:
    """The tokens of ``text``, their offsets shifted by ``offset`` (the text's own start)."""
    return [
        Token(match.group(0), offset + match.start(), offset + match.end())
        for match in _TOKEN.finditer(text)
    ]


def _abbreviation_before(body: str, dot: int) -> bool:
    # Looked for just before the dot: over the whole line, a line of many dots took seconds.
    word = re.search(r"([\w.]+)$", body[max(0, dot - _LONGEST_ABBREVIATION) : dot])
    if word is None:
        return False
    text = word.group(1)
    return text.lower() in ABBREVIATIONS or (len(text) == 1 and text.isupper())


def _add(
    sentences: list[Sentence], body: str, start: int, end: int, offset: int, article: bool
) -> None:
    while end - start > MAX_SENTENCE:  # no sentence runs on for pages: cut at a space
        cut = body.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add(sentences, body, start, cut, offset, article)
        start = cut
    piece = body[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    first = offset + start + lead
    sentences.append(Sentence(stripped, first, first + len(stripped), article))

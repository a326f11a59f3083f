"""What sentences say, before the document pass links it: signals of moves, jobs, and other
facts, with the sentence each comes from."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.curation.extract.dates import StatedDate
from graph.curation.extract.mentions import Mention
from graph.curation.extract.text import Sentence


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
    noun: bool = False  # told by a noun ("her departure"), not by a verb


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

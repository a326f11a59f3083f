"""Adding an article to a workspace: the document, its source entry, and draft candidates.

``add_article`` stores the article's text as ``documents/<id>.txt``, registers it in
``sources.yaml``, and writes the extracted candidates as draft claims (``review: pending``) in
``claims/<id>.yaml``, with the names the registry does not know as pending entities. The same
document added twice is refused with the id it already has. Nothing is written unless every
file can be: the previous files are put back if one fails.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.curation.article import Article, read_article
from graph.curation.drafts import (
    add_entities,
    claim_key,
    claims_text,
    draft_claims,
    slug,
    unique_id,
)
from graph.curation.extract import KnownEntity, extract
from graph.curation.extract.text import is_chinese
from graph.curation.files import replace_text
from graph.curation.imports.files import taken_ids
from graph.curation.seeds import (
    UNKNOWN,
    Seeds,
    bad_language,
    is_inside,
    is_language_tag,
    read_seeds,
    source_date_problem,
    url_problem,
)
from graph.curation.yamlfile import yaml_scalar
from graph.dates import parse_stated_date
from graph.errors import CurationError, InputError, Problem


@dataclass
class Added:
    """What adding an article wrote: its id, how many candidates of each kind, and the
    problems the files it wrote have now (a candidate with a problem is not shown in review)."""

    source: str
    candidates: Counter[str]
    entities: int
    files: list[Path]
    problems: list[Problem] = field(default_factory=list)


def add_article(
    seeds: Path,
    source: str,
    *,
    title: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
    url: str | None = None,
    language: str | None = None,
) -> Added:
    """Add the article at ``source`` (a file or a URL) to the seeds folder ``seeds``.

    The options override what the article's own metadata says.
    """
    # What the user gives must be right (checked before any fetch); what a page says of itself
    # is dropped when it is not.
    for name, value in (("date", date), ("language", language), ("url", url)):
        if value is not None and (problem := _bad_metadata(name, value)):
            raise InputError(problem)
    article = read_article(source)
    if not article.text.strip():
        raise InputError(f"{source}: no text in it; an article needs the text it reports")
    current = _readable_seeds(seeds)
    _refuse_duplicate(current, article, url or article.url)
    source_id = _new_id(title or article.title or article.original_name, current)
    document = article.text if article.text.endswith("\n") else article.text + "\n"
    page_date = article.date if article.date and not _bad_metadata("date", article.date) else None
    page_language = article.language
    if page_language and _bad_metadata("language", page_language):
        page_language = None
    metadata: dict[str, str] = {
        "original_name": article.original_name,
        "title": title or article.title or UNKNOWN,
        "publisher": publisher or article.publisher or UNKNOWN,
        "date": date or page_date or UNKNOWN,
        "language": language or page_language or ("zh" if is_chinese(document) else "en"),
    }
    link = url or (article.url if article.url and not _bad_metadata("url", article.url) else None)
    if link:
        metadata["url"] = link
    candidates = extract(document, known=known_entities(current))
    drafts = draft_claims(
        candidates,
        known=known_entities(current, rejected=True),
        taken=set(current.entities) | set(current.draft_entities),
    )
    paths = {
        "document": seeds / "documents" / f"{source_id}.txt",
        "claims": seeds / "claims" / f"{source_id}.yaml",
        "sources": seeds / "sources.yaml",
        "entities": seeds / "entities.yaml",
    }
    refuse_links_out(seeds, paths.values())
    before = {name: path.read_bytes() if path.exists() else None for name, path in paths.items()}
    try:
        paths["document"].parent.mkdir(parents=True, exist_ok=True)
        paths["claims"].parent.mkdir(parents=True, exist_ok=True)
        replace_text(paths["document"], document)
        header = (
            f"# Candidates extracted from documents/{source_id}.txt: each waits for review "
            "(talentgraph review, or edit by hand: delete a 'review: pending' line to accept)."
        )
        replace_text(
            paths["claims"], claims_text(drafts.claims, header=header) if drafts.claims else "[]\n"
        )
        _append_source(paths["sources"], source_id, metadata)
        if drafts.entities:
            add_entities(paths["entities"], drafts.entities)
    except BaseException:
        for name, path in paths.items():
            saved = before[name]
            if saved is None:
                path.unlink(missing_ok=True)
            else:
                replace_text(path, saved)
        raise
    kinds = Counter(claim["kind"] for claim in drafts.claims)
    files = [paths["document"], paths["claims"]]
    return Added(source_id, kinds, len(drafts.entities), files, _problems_in(seeds, paths))


def extract_again(seeds: Path, source_id: str) -> Added:
    """Extract a source's document again and add only candidates not seen before (accepted,
    pending or rejected)."""
    current = _readable_seeds(seeds)
    if source_id not in current.sources:
        raise InputError(f"no source '{source_id}' in {seeds / 'sources.yaml'}")
    candidates = extract(current.sources[source_id].text, known=known_entities(current))
    seen = {claim_key(c) for c in [*current.claims, *current.drafts] if c.source == source_id}
    drafts = draft_claims(
        candidates,
        known=known_entities(current, rejected=True),
        taken=set(current.entities) | set(current.draft_entities),
        seen=seen,
    )
    path = seeds / "claims" / f"{source_id}.yaml"
    refuse_links_out(seeds, [path, seeds / "entities.yaml"])
    if drafts.claims:
        existing = _without_empty_list(path.read_text(encoding="utf-8") if path.exists() else "")
        replace_text(
            path,
            existing.rstrip("\n")
            + ("\n\n" if existing else "")
            + claims_text(drafts.claims, header=""),
        )
    if drafts.entities:
        add_entities(seeds / "entities.yaml", drafts.entities)
    kinds = Counter(c["kind"] for c in drafts.claims)
    touched = {"claims": path, "entities": seeds / "entities.yaml"}
    return Added(source_id, kinds, len(drafts.entities), [path], _problems_in(seeds, touched))


def _without_empty_list(text: str) -> str:
    """A claims file's text without its ``[]`` line when the list is empty (its comments
    kept), so that claims can be appended; ``""`` when nothing else is left."""
    lines = text.splitlines(keepends=True)
    content = [
        i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")
    ]
    if len(content) == 1 and re.fullmatch(r"\[\s*\]\s*(?:#.*)?", lines[content[0]].strip()):
        del lines[content[0]]
    elif content:
        return text
    kept = "".join(lines)
    return kept if kept.strip() else ""


def refuse_links_out(seeds: Path, paths: Iterable[Path]) -> None:
    """Raise ``InputError`` unless every path in ``paths``, and its folder, lies in the seeds
    folder once links are followed: nothing is written through a link out of it."""
    for path in paths:
        for target in (path.parent, path):
            problems: list[Problem] = []
            display = target.relative_to(seeds).as_posix()
            if not is_inside(seeds, target, display, problems):
                raise InputError(f"{seeds / display}: {problems[0].message}; nothing was written")


def known_entities(seeds: Seeds, *, rejected: bool = False) -> list[KnownEntity]:
    """The registry as the extractor sees it (accepted and pending entities alike); with
    ``rejected``, the rejected entities too, as the drafts name them: a name a curator
    rejected keeps its id, so that the claims rejected with it are not proposed again."""
    return [
        KnownEntity(e.id, e.kind, e.label, tuple(a.text for a in e.aliases), e.parent)
        for e in [*seeds.entities.values(), *seeds.draft_entities.values()]
        if rejected or e.review != "rejected"
    ]


def _readable_seeds(seeds: Path) -> Seeds:
    """The seeds as they are; refused only when a file cannot be read at all."""
    problems: list[Problem] = []
    current = read_seeds(seeds, problems)
    if current.unreadable - {"entities.yaml", "sources.yaml"} or (
        "sources.yaml" in current.unreadable and (seeds / "sources.yaml").exists()
    ):
        raise CurationError([p for p in problems if p.file in current.unreadable])
    return current


def _problems_in(seeds: Path, paths: dict[str, Path]) -> list[Problem]:
    """The problems the seeds have now in the files at ``paths``."""
    problems: list[Problem] = []
    read_seeds(seeds, problems)
    names = {path.relative_to(seeds).as_posix() for path in paths.values()}
    return sorted(problem for problem in problems if problem.file in names)


def _bad_metadata(name: str, value: str) -> str | None:
    """What is wrong with a source's ``date``, ``language`` or ``url``, by the rules of
    sources.yaml."""
    if name == "url":
        problem = url_problem(value)
        return f"url {value!r} {problem}" if problem else None
    if name == "language":
        return None if is_language_tag(value) else f"language {bad_language(value)}"
    if value == UNKNOWN:
        return None
    try:
        stated = parse_stated_date(value)
    except ValueError as error:
        return f"date: {error}"
    problem = source_date_problem(stated)
    return f"date {value!r}: {problem}" if problem else None


def _refuse_duplicate(seeds: Seeds, article: Article, url: str | None) -> None:
    digest = _digest(article.text)
    for source in seeds.sources.values():
        if _digest(source.text) == digest:
            raise InputError(f"this document was already added, as source '{source.id}'")
        if url and source.url == url:
            raise InputError(f"{url} was already added, as source '{source.id}'")
    # A document whose source entry has a problem is not among the sources: compare the files.
    documents = seeds.root / "documents"
    for path in sorted(documents.glob("*.txt")) if documents.is_dir() else []:
        if path.stem in seeds.sources or not is_inside(seeds.root, path, path.name, []):
            continue
        if _digest(path.read_text(encoding="utf-8", errors="replace")) == digest:
            raise InputError(f"this document was already added, as documents/{path.name}")


def _digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _new_id(title: str, seeds: Seeds) -> str:
    base = (
        "-".join(
            slug(Path(title).stem if title.endswith((".txt", ".md", ".html")) else title).split(
                "-"
            )[:6]
        )
        or "article"
    )
    return unique_id(base, set(seeds.sources) | taken_ids(seeds.root))


def _append_source(path: Path, source_id: str, metadata: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    text = re.sub(r"^\{\}\s*$", "", text, flags=re.MULTILINE).rstrip("\n")
    lines = [f"{source_id}:"] + [
        f"  {name}: {yaml_scalar(value)}" for name, value in metadata.items()
    ]
    replace_text(path, (text + "\n\n" if text else "") + "\n".join(lines) + "\n")

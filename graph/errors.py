"""The exceptions raised by the library; the command line turns them into ``Error: …``."""

from __future__ import annotations

from dataclasses import dataclass


class TalentGraphError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(TalentGraphError):
    """A file or folder the command needs is missing or unreadable."""


class WorkspaceNotFound(InputError):
    """No workspace here: no seeds folder was given and none was found upwards."""


class WorkspaceExists(InputError):
    """A new workspace would overwrite files that are already there."""


class NoBuildError(InputError):
    """The graph has not been built (no published build in the out folder)."""


class StaleBuildError(InputError):
    """The seeds changed since the published build was made from them."""


class OutputError(TalentGraphError):
    """An output of the build could not be made: the build wrote a term that RDF refuses, or
    the process writing the RDF files failed."""


class OutFolderError(TalentGraphError):
    """The out folder cannot be replaced: it is a file, or a folder a build did not write."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the curated input, located at ``file:line``."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class CurationError(TalentGraphError):
    """The curated seeds (sources, entities, claims) have one or more problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the seeds:\n{lines}")


class ShapeError(TalentGraphError):
    """The built RDF does not conform to the SHACL shapes (``ontology/shapes.ttl``)."""


class UnknownNameError(InputError):
    """No person or organisation has that name; the message lists the closest names."""


class AmbiguousNameError(InputError):
    """More than one person or organisation has that name; the message lists them."""


class RenderError(TalentGraphError):
    """The HTML pages could not be rendered or written."""


class QueryError(TalentGraphError):
    """A SPARQL query is malformed, refused, or failed while running."""


class QueryTimeout(QueryError):
    """A SPARQL query ran longer than its time limit and was stopped."""


class ServiceRefused(QueryError):
    """A query asks for SERVICE (a request to another server), which was not allowed."""


class EndpointError(TalentGraphError):
    """A SPARQL server (remote, or the one ``serve`` starts) refused a request or failed."""

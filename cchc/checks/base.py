"""What a check is and what it may consult: the `Check` protocol and the per-file `Context`.

A check module defines `CODE`, `NAME`, `SEVERITY`, a docstring (its documentation) and
`check(plan, ctx)`; a check that can repair text also defines `fixer(values)`. The runner builds
one `Context` per file. What several checks derive from the same file (its text scalars, its
agency mentions with their places) is computed once, on first use, and lives on that file's
context: nothing is remembered between files or between calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from cchc.errors import Problem, Severity
from cchc.plan.model import Plan
from cchc.plan.scalars import TextValue, scan

if TYPE_CHECKING:
    import yaml

    from cchc.agencies.located import Located
    from cchc.agencies.registry import Registry


class Check(Protocol):
    """A check module, as the runner and the docs generator use it (yamllint's rule modules)."""

    __name__: str
    __doc__: str | None
    CODE: str
    NAME: str
    SEVERITY: Severity

    def check(self, plan: Plan, ctx: Context) -> Iterator[Problem]: ...


class Fixer(Check, Protocol):
    """A check whose problems `cchc validate --fix` can repair in the text."""

    def fixer(self, values: Sequence[TextValue]) -> Callable[[str], str]: ...


@dataclass(frozen=True)
class Context:
    """What checks may consult besides the plan: the day, and the file the plan was read from.

    `text` and `tree` are the file's text and node tree as the loader read them (a plan built
    from the cache has no tree: it is composed again from `text` when a check asks). `given` is a
    registry to use instead of the one beside the plan (tests, embedding code).
    """

    plan: Plan
    today: date | None = None
    text: str | None = None
    tree: yaml.Node | None = None
    given: Registry | None = None

    @cached_property
    def scalars(self) -> tuple[TextValue, ...]:
        """Every wording scalar of the file with its exact place (the text checks walk them)."""
        if self.text is None:
            from cchc.files import read_bytes
            from cchc.plan.loader import decode

            return scan(decode(read_bytes(self.plan.path), self.plan.path), self.plan.path)
        return scan(self.text, self.plan.path, self.tree)

    @cached_property
    def registry(self) -> Registry:
        """The agency registry the plan's names are read with: the one given, else the one beside
        it, as the plan's issuer reads it (a commune's `UBND xã` is its own committee)."""
        from cchc.agencies.registry import for_issuer, registry_for

        return for_issuer(self.given if self.given is not None else registry_for(self.plan.path), self.plan)

    @cached_property
    def agency_cells(self) -> tuple[Located, ...]:
        """Every agency mention an item writes itself, with its place (the A1xx checks walk them)."""
        from cchc.agencies.located import own_cells

        return tuple(own_cells(self.plan, self.registry))

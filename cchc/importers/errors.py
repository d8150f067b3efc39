"""The one way an importer says "cannot go on": a located `CchcError` with code `I…` (exit 2)."""

from __future__ import annotations

from cchc.errors import CchcError, Loc


def fail(code: str, message: str, path: str, hint: str | None = None) -> CchcError:
    return CchcError.single(code, message, Loc(path), hint)

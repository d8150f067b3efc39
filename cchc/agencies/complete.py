"""Shell completion of agency names for `--agency` (typer `autocompletion=`).

Kept cheap: only registries are read (the national base and `plans/*/agencies.yaml` under the
current folder), never plans. Matching is on the fold key, so `so tu` offers `Sở Tư pháp`.
"""

from __future__ import annotations

from pathlib import Path

from cchc.agencies.normalize import key
from cchc.text import fold


def agency_names(root: Path = Path("plans")) -> list[str]:
    """Canonical names and aliases known to the registries under `root` (deduplicated)."""
    from cchc.agencies.registry import REGISTRY_NAME, load_registry
    from cchc.errors import CchcError

    files = sorted(root.glob(f"*/{REGISTRY_NAME}")) if root.is_dir() else []
    names: dict[str, None] = {}
    for path in [None, *files]:
        try:
            registry = load_registry((path,) if path else ())
        except CchcError:  # a broken registry must not break the shell
            continue
        for agency in registry:
            names.update(dict.fromkeys(agency.names))
    return list(names)


def complete_agency(incomplete: str) -> list[str]:
    """Names whose fold key has a word starting with what was typed so far."""
    wanted = key(incomplete)
    out: dict[str, None] = {}
    for name in agency_names():
        k = key(name)
        if not wanted or k.startswith(wanted) or f" {wanted}" in f" {k}":
            out[name] = None
    typed = fold(incomplete)
    # Names as typed first (`so tu` → `Sở Tư pháp` before `Các sở …`), then key matches.
    return sorted(out, key=lambda n: (not fold(n).startswith(typed), not key(n).startswith(wanted), n))


def complete_agency_param(ctx: object, param: object, incomplete: str) -> list[str]:
    """`shell_complete=` form of `complete_agency`.

    Typer's `autocompletion=` keeps only values that start with the typed text, which would
    drop `Sở Tư pháp` for `so tu`; the click-level hook returns the fold-key matches as they are.
    """
    return complete_agency(incomplete)

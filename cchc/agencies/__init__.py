"""Agencies: the registry (names, aliases, groups, validity, successors), name normalisation,
and reading agency cells into mentions. See docs/agencies.md.

Modules: `normalize` (display form and lookup key), `registry` (the registry files),
`mentions` (agency cells → mentions), `timing` (an item's due date), `usage` (counts and task
rows for `cchc agencies`/`cchc tasks`), `located` (mentions with file positions, for checks),
`complete` (shell completion). Kept empty so `--agency` completion stays cheap to import.
"""

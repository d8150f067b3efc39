"""The plan: its file format, the immutable model with a source position on every value, and
reading and writing plan files.

Owns `spec` (the format `cchc-plan/1`, declared once), `model` (Plan, Section, Item, Entry),
`loader` (YAML text → model, every problem located), `writer` (the round-trip rewrite that keeps
comments), `scalars` (the wording scalars of a file with their places), `schema` (JSON Schema)
and `cache` (parsed plans and check results kept between runs). Knows nothing of deadlines,
agencies, checks or output.
"""

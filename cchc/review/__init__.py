"""Reviewing plan edits: what changed item by item (`compare`), plans at git revisions and the
diff driver set-up (`git`), the change as text, Markdown or JSON (`view`), and the one-line-per-
item text `git diff` compares (`textconv`).
"""

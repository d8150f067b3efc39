"""Answers to a staff member's questions, as data and as views: what is due (`due`, `due_view`),
which agencies the plans name and what each leads or coordinates (`usage`).

Combines "when" (`cchc.schedule`) with "who" (`cchc.agencies`); commands print what it returns.
"""

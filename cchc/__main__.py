"""`python -m cchc` entry point."""

from cchc.cli import run

run()

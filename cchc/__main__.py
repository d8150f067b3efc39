"""`python -m cchc` entry point."""

from cchc.cli import main

raise SystemExit(main())

"""Presentation for the terminal: the console and tables (`console`, the only user of rich
besides the command layer), problems as compiler-style lines, JSON or GitHub annotations
(`problems`), and a plan or item as short text (`show`). Used by `cchc.commands` only.
"""

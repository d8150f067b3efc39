"""Hostile input given to the command line: each case runs cchc in a child process under a time and memory limit."""

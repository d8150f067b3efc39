"""Recording progress in plans: `cchc done` and `cchc progress` (`record`), and merging the
progress workbooks agencies send back (`merge`, over what `cchc.importers.progress` reads).

Every change is a `cchc.plan.edit.ProgressEdit` applied through the round-trip writer, so a plan
file changes only on the lines of the progress recorded; nothing here writes until the command
has shown what will change and every check has passed.
"""

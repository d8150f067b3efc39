"""What `make test` tests is what the lock pins: every install is from the lock, with hashes.

The Makefile installs `requirements-dev.lock` with `--require-hashes --no-deps` and the project
without build isolation; these tests prove the recipe says so and that the environment running
them is exactly the lock (no package more, none at another version).
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ("requirements.lock", "requirements-dev.lock")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.M)


def pins(name: str) -> dict[str, str]:
    return {canonicalize_name(n): v for n, v in PIN.findall((ROOT / name).read_text(encoding="utf-8"))}


def test_every_pin_carries_hashes() -> None:
    for name in LOCKS:
        entries = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / name).read_text(encoding="utf-8"))
        pinned = [e for e in entries if PIN.match(e)]
        assert pinned, name
        for entry in pinned:
            assert "--hash=sha256:" in entry, f"{name}: {entry.splitlines()[0]} has no hash"


def test_makefile_installs_from_the_lock_with_hashes_only() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile[makefile.index("$(STAMP): $(LOCK)") :].split("\n\n")[0]
    assert "install --require-hashes --no-deps -r $(LOCK)" in recipe
    assert "install --no-deps --no-build-isolation -e ." in recipe
    assert "LOCK   := requirements-dev.lock" in makefile
    assert re.search(r"^upgrade:.*\n(\t.*\n)*\t.*--upgrade", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_this_environment_is_exactly_the_dev_lock() -> None:
    locked = pins("requirements-dev.lock")
    installed = {
        canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions() if d.metadata["Name"]
    }
    installed.pop("cchc")
    assert installed == locked


def test_locks_cover_pyproject_and_agree() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    for spec in project["dependencies"]:
        req = Requirement(spec)
        assert req.specifier.contains(runtime[canonicalize_name(req.name)]), spec
    for spec in project["optional-dependencies"]["dev"]:
        req = Requirement(spec)
        assert req.specifier.contains(dev[canonicalize_name(req.name)]), spec
    assert {name: dev[name] for name in runtime} == runtime  # the same versions in both locks
    build = Requirement(tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"][0])
    assert build.specifier.contains(dev[canonicalize_name(build.name)])

"""Programs some tests need from the machine: skip without one, or fail under CI.

A developer's machine may lack Debian's chromium, nginx or openssl: the tests that need
them skip and say how to install them. ``.ci/run`` installs them, so under CI a missing
one fails the test instead, and a green run never hides tests that did not run.
"""

from __future__ import annotations

import os
import shutil

import pytest

__all__ = ["require_executable", "running_under_ci"]


def running_under_ci() -> bool:
    """Whether ``CI`` is set to anything but empty, ``0`` or ``false`` (as in .ci/run)."""
    return os.environ.get("CI", "").strip() not in {"", "0", "false", "False", "FALSE"}


def require_executable(name: str, reason: str, *, path: str | None = None) -> str:
    """Path of the program ``name`` on PATH (or on ``path``, in the same form); without it
    skip the test with ``reason``, or fail it under CI."""
    executable = shutil.which(name, path=path)
    if executable is not None:
        return executable
    if running_under_ci():
        pytest.fail(f"{reason}: under CI these tests must run, not skip", pytrace=False)
    pytest.skip(reason)

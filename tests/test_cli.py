from __future__ import annotations

import subprocess
import sys

from legalaid import __version__
from legalaid.cli import main


def test_version(capsys) -> None:  # type: ignore[no-untyped-def]
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert capsys.readouterr().out.strip() == f"legalaid {__version__}"


def test_console_script_help() -> None:
    out = subprocess.run([sys.executable, "-m", "legalaid.cli", "--help"],
                         capture_output=True, text=True, check=True).stdout
    assert "usage: legalaid" in out and "stage" in out

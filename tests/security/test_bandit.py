"""bandit over the application: no high-severity finding (justify a false positive with `# nosec BXXX: why`)."""
from __future__ import annotations

import json
import subprocess  # nosec B404: runs the bandit executable of this virtualenv, no shell
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BANDIT = Path(sys.executable).with_name("bandit")


@pytest.mark.skipif(not BANDIT.exists(), reason="bandit is not installed in this virtualenv")
def test_bandit_finds_nothing_of_high_severity():
    result = subprocess.run(  # nosec B603: fixed arguments
        [str(BANDIT), "-r", str(ROOT / "ivzflow"), "-f", "json", "-q"],
        capture_output=True, text=True, timeout=300, check=False)
    report = json.loads(result.stdout)
    assert not report["errors"], report["errors"]
    high = [f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}"
            for r in report["results"] if r["issue_severity"] == "HIGH"]
    assert not high, "bandit, high severity:\n  " + "\n  ".join(high)
    assert report["metrics"]["_totals"]["loc"] > 5000  # it really scanned the application

"""The layers are checked, not hoped: import-linter runs the contracts in setup.cfg."""
import configparser
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_the_import_contracts_hold():
    result = subprocess.run([str(pathlib.Path(sys.executable).with_name("lint-imports")), "--no-cache"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout and "KEPT" in result.stdout


def test_every_view_module_is_covered_by_the_views_contract():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    listed = set(config["importlinter:contract:views"]["forbidden_modules"].split())
    views = {".".join(path.relative_to(ROOT).with_suffix("").parts)
             for path in (ROOT / "ivzflow").rglob("*views.py")}
    assert views <= listed, f"add to [importlinter:contract:views] forbidden_modules: {sorted(views - listed)}"

"""The layers are checked, not hoped: import-linter runs the contracts in setup.cfg."""
import configparser
import pathlib
import subprocess
import sys

import grimp

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


def test_no_module_imports_itself_back():
    """No import cycle between modules, counting the imports inside functions too (grimp sees them all); the
    acyclic contract looks within one package only. Left out: ivzflow/__init__, the app factory, which loads
    the whole app when called (and the copy command asks it for a second app)."""
    graph = grimp.build_graph("ivzflow", cache_dir=None)
    for imported in graph.find_modules_directly_imported_by("ivzflow"):
        graph.remove_import(importer="ivzflow", imported=imported)
    closing = sorted((a, b) for a in graph.modules for b in graph.find_modules_directly_imported_by(a)
                     if graph.chain_exists(importer=b, imported=a))
    assert not closing, "\n".join(f"{a} -> {' -> '.join(graph.find_shortest_chain(importer=b, imported=a))}"
                                   for a, b in closing)

"""Loading workflow definitions: clear rejections, versions, and states still in use."""
import copy
import json
from pathlib import Path

import pytest

from ivzflow.extensions import db
from ivzflow.workflows import definition, loader

SOURCE = json.loads((Path(__file__).resolve().parents[2] / "ivzflow/workflows/dvo_voorstel.json").read_text())


def changed(change) -> dict:
    data = copy.deepcopy(SOURCE)
    change(data)
    return data


def _add_state(data, **extra):
    data["states"].append({"name": "extra", "label": {"nl": "Extra", "en": "Extra"}, **extra})


def _add_transition(data, **spec):
    data["transitions"].append({"name": "extra_stap", "label": {"nl": "Stap", "en": "Step"}, "roles": ["secretariat"],
                                "from": "concept", "to": "ingediend", **spec})


@pytest.mark.parametrize("change, message", [
    (lambda d: d["states"].append(copy.deepcopy(d["states"][0]) | {"initial": False}), "'concept' komt twee keer voor"),
    (lambda d: d["states"][1].update(initial=True), "precies één begintoestand"),
    (lambda d: d["states"][0].update(initial=False), "precies één begintoestand"),
    (lambda d: _add_state(d), "'extra' is vanuit de begintoestand niet bereikbaar"),
    (lambda d: _add_transition(d, to="nergens"), "onbekende toestand 'nergens'"),
    (lambda d: _add_transition(d, **{"from": "afgerond"}), "eindtoestand 'afgerond' kan geen uitgaande overgang"),
    (lambda d: _add_transition(d, guards=["maanstand"]), "onbekende voorwaarde 'maanstand'"),
    (lambda d: _add_transition(d, effects=["vuurwerk"]), "onbekend effect 'vuurwerk'"),
    (lambda d: _add_transition(d, roles=["koning"]), "onbekende rollen koning"),
    (lambda d: d["transitions"].append(copy.deepcopy(d["transitions"][0])), "'indienen' komt twee keer voor"),
    (lambda d: d["states"][0]["label"].pop("en"), "Engels label"),
])
def test_loader_rejects_bad_definitions_with_clear_messages(ctx, change, message):
    with pytest.raises(loader.DefinitionRejected) as refused:
        loader.load(changed(change))
    assert any(message in problem for problem in refused.value.problems), refused.value.problems


def test_malformed_json_is_explained():
    with pytest.raises(ValueError, match="Geen geldige JSON"):
        definition.parse('{"key": "x",')


def test_the_shipped_definition_is_valid(app):  # against the guards and effects the app registers
    assert definition.problems(SOURCE) == []


def test_a_change_makes_a_new_version(ctx):
    first = loader.load(SOURCE)
    second = loader.load(changed(lambda d: d["states"][1]["label"].update(nl="Ingediend")))
    db.session.commit()
    assert (first.number, second.number) == (1, 2)
    assert loader.latest("dvo_voorstel").id == second.id
    assert json.loads(loader.export(second))["states"][1]["label"]["nl"] == "Ingediend"

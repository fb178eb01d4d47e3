"""The benchmark at its smallest size, so it never rots: valid data, and the JSON's shape.

No timing is asserted: benchmarks report, tests do not judge speed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.figure_redraw import FIGURES, figure_states, time_redraws
from benchmarks.generate import generate
from benchmarks.run import RATIOS, STAGES
from graph.load import load_dataset, validate
from tests.test_dashboard import charts, component_data

REPO = Path(__file__).resolve().parents[1]
RUN = REPO / "benchmarks" / "run.py"
SMALLEST = 100


def run_script(
    script: Path, *args: str, tmp_path: Path, timeout: float = 120
) -> tuple[subprocess.CompletedProcess[str], dict]:
    """Run a benchmark script with ``--json`` into ``tmp_path``; its output and the JSON.
    Fails the test, with the script's stderr, if the script fails."""
    output = tmp_path / "out.json"
    done = subprocess.run(
        [sys.executable, str(script), *args, "--json", str(output)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done, json.loads(output.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def small_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(SMALLEST, seed=0, out=tmp_path_factory.mktemp("bench") / "data")


def test_generated_data_is_valid(small_data: Path) -> None:
    assert validate(small_data) == []


def test_generated_data_has_the_asked_size_and_structure(small_data: Path) -> None:
    dataset = load_dataset(small_data)
    relations = dataset.relations

    assert len(relations) == SMALLEST
    assert len(dataset.actors) == SMALLEST // 10
    assert relations["sign"].nunique() == 3
    assert relations["start"].dropna().str.len().nunique() == 3  # year, month, day
    pairs = relations.groupby([relations["source"], relations["target"]])["relation"]
    assert pairs.nunique().max() >= 2  # several relation types between one pair


def test_generation_is_seeded(tmp_path: Path, small_data: Path) -> None:
    again = generate(SMALLEST, seed=0, out=tmp_path / "again")
    other = generate(SMALLEST, seed=1, out=tmp_path / "other")

    table = "relations.csv"
    assert (again / table).read_bytes() == (small_data / table).read_bytes()
    assert (other / table).read_bytes() != (small_data / table).read_bytes()


@pytest.mark.parametrize("bad", [0, 9, True, 2.5])
def test_generate_refuses_bad_sizes(tmp_path: Path, bad: object) -> None:
    with pytest.raises(ValueError, match="n_relations"):
        generate(bad, out=tmp_path)  # type: ignore[arg-type]


def test_run_writes_json_in_the_issue_shape(tmp_path: Path) -> None:
    done, document = run_script(RUN, "--sizes", str(SMALLEST), "--repeat", "1", tmp_path=tmp_path)
    assert list(document) == ["sizes"]
    [entry] = document["sizes"]
    assert list(entry) == ["relations", "actors", "stages", "ratios"]
    assert (entry["relations"], entry["actors"]) == (SMALLEST, SMALLEST // 10)
    assert list(entry["stages"]) == list(STAGES)
    assert list(entry["ratios"]) == list(RATIOS)
    for key, value in entry["stages"].items():
        expected = int if key.endswith("_bytes") else float
        assert isinstance(value, expected), key
        assert value > 0 or key == "layout_cached_s", key
    assert all(isinstance(v, float) and v > 0 for v in entry["ratios"].values())
    assert "PAGE EXCEPTION" not in done.stdout


def test_a_page_past_its_timeout_is_reported_not_waited_for(tmp_path: Path) -> None:
    done, document = run_script(
        RUN, "--sizes", str(SMALLEST), "--repeat", "1", "--page-timeout", "0.01",
        tmp_path=tmp_path,
    )  # fmt: skip
    [entry] = document["sizes"]
    assert entry["stages"]["page_rerun_s"] is None
    assert entry["stages"]["figure_build_s"] > 0
    assert "page stopped after 0.01 s" in done.stdout


@pytest.mark.parametrize("option", ["--page-timeout", "--budget"])
def test_run_refuses_a_non_positive_setting(option: str) -> None:
    done = subprocess.run(
        [sys.executable, str(RUN), option, "0"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "must be positive" in done.stderr


def test_the_event_benchmark_runs_at_its_smallest_size(tmp_path: Path) -> None:
    _, document = run_script(
        REPO / "benchmarks" / "events.py", "--sizes", "3000", "--rows-per-file", "1000",
        "--repeat", "1", "--scratch", str(tmp_path), tmp_path=tmp_path,
    )  # fmt: skip
    [entry] = document["sizes"]
    assert (entry["rows"], entry["files"]) == (3000, 3)
    for key in ("import_s", "floor_read_s", "dyads_year_s", "dyads_all_s"):
        assert entry[key] > 0, key
    assert entry["store_bytes"] > 0
    assert entry["dyads_all"] >= entry["dyads_year"] > 0
    assert 0 < entry["import_peak_rss_bytes"] < 2**32


def test_page_latency_refuses_the_story_on_generated_data(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from benchmarks.page_latency import main as page_latency

    with pytest.raises(SystemExit) as stopped:
        page_latency(["--relations", "100", "--only", "type", "next"])
    assert stopped.value.code == 2
    assert "--only next needs the shipped data" in capsys.readouterr().err


def test_figure_redraw_builds_two_states_of_each_page_figure(small_data: Path) -> None:
    states = figure_states(small_data)
    assert sorted(states) == sorted(FIGURES)
    for name, found in states.items():
        first, second = json.loads(found["a"]), json.loads(found["b"])
        assert found["a"] != found["b"], name  # one relation type fewer
        assert found["traces"] == max(len(first["data"]), len(second["data"])) > 0
        assert found["bytes"] == max(len(found["a"]), len(found["b"]))


@pytest.mark.parametrize("redraws", [0, -1, True, 1.5])
def test_figure_redraw_refuses_a_non_positive_count(redraws: object) -> None:
    with pytest.raises(ValueError, match="is not a positive whole number"):
        time_redraws(None, {}, redraws)  # type: ignore[arg-type]


def _figures(at) -> list[dict]:
    """The specs of a page's figures (ui.figure), in page order."""
    return [json.loads(component_data(c)["spec"]) for c in charts(at)]


def test_the_figures_page_draws_the_explore_pages_three_figures() -> None:
    """benchmarks/figures_page.py times our figures alone: they must be the page's own."""
    from streamlit.testing.v1 import AppTest

    figures_page = AppTest.from_file(
        str(REPO / "benchmarks" / "figures_page.py"), default_timeout=60
    )
    explore = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    drawn, expected = _figures(figures_page.run()), _figures(explore.run())
    assert not figures_page.exception
    assert not explore.exception
    assert len(drawn) == 3
    assert drawn == expected

    [types] = figures_page.sidebar.multiselect
    left_out = types.value[0]
    figures_page = types.unselect(left_out).run()
    network = _figures(figures_page)[0]
    shown = {t.get("legendgroup") for t in network["data"] if t.get("showlegend") is not False}
    assert left_out not in shown
    assert figures_page.markdown[-1].value.endswith(" relations")


def test_the_figures_page_loads_plotly_from_the_apps_static_folder() -> None:
    """Streamlit serves the folder beside the script it runs: benchmarks/static is the app's."""
    assert (REPO / "benchmarks" / "static").resolve() == (REPO / "static").resolve()

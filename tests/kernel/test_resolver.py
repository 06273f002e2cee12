"""The notebook's resolver against every emulated Kaggle layout, and its loud failures."""
import json
import os
import shutil
import sys
import time

import pytest

from kernel import utility_script, wheels
from kernel.layouts import lay_out, layouts


@pytest.fixture(scope="module")
def script(tmp_path_factory):
    """The built utility script file."""
    return utility_script.build(tmp_path_factory.mktemp("utility"))


@pytest.fixture(scope="module")
def marker_only(tmp_path_factory):
    """A wheels folder with its marker and metadata but no wheels (the resolver only needs to find it)."""
    folder = tmp_path_factory.mktemp("wheels")
    wheels.build(folder, dry_run=True)
    return folder


@pytest.mark.parametrize("name", ["input", "nested"])
def test_package_and_wheels_found_in_input_layouts(core, tmp_path, script, marker_only, name):
    layout = layouts()[name]
    kaggle = lay_out(layout, tmp_path, script, marker_only)
    assert core.find_package() == str(kaggle / layout.package)
    assert core.find_wheels() == str(kaggle / layout.wheels)


def test_utility_script_file_on_sys_path_writes_the_package(core, tmp_path, script, marker_only, monkeypatch):
    layout = layouts()["usr-lib"]
    kaggle = lay_out(layout, tmp_path, script, marker_only)
    monkeypatch.setattr(sys, "path", [str(kaggle / layout.sys_path), *sys.path])  # as Kaggle puts it there
    folder = core.find_package()
    assert folder == core.RUNTIME_DIR
    shipped = utility_script.shipped_paths()
    assert {p.relative_to(tmp_path / "runtime" / "svgllm").as_posix()
            for p in (tmp_path / "runtime" / "svgllm").rglob("*") if p.is_file()} == shipped


def test_utility_script_file_found_by_search_without_sys_path(core, tmp_path, script, marker_only):
    lay_out(layouts()["usr-lib"], tmp_path, script, marker_only)
    assert core.find_package() == core.RUNTIME_DIR


def test_nothing_attached_names_the_utility_script(core, tmp_path):
    (tmp_path / "kaggle" / "input").mkdir(parents=True)
    with pytest.raises(core.SetupError, match=core.UTILITY_SCRIPT):
        core.find_package()


def test_missing_wheels_fail_import_runtime_naming_them(core, tmp_path, script, marker_only):
    lay_out(layouts()["no-wheels"], tmp_path, script, marker_only)
    assert core.find_wheels() is None
    with pytest.raises(core.SetupError, match=f"{core.WHEELS_DATASET} is not attached.*cairosvg"):
        core.import_runtime()


def test_search_is_bounded(core, tmp_path):
    deep = tmp_path / "kaggle" / "input" / "a" / "b" / "c" / "d" / "e" / "f"
    (deep / "svgllm").mkdir(parents=True)
    (deep / "svgllm" / "__init__.py").write_text("")
    assert core.search(core.PACKAGE_MARKER) == []
    shallow = tmp_path / "kaggle" / "input" / "datasets" / "alice" / "x"
    (shallow / "svgllm").mkdir(parents=True)
    (shallow / "svgllm" / "__init__.py").write_text("")
    assert core.search(core.PACKAGE_MARKER) == [str(shallow)]


def test_failed_install_names_the_modules(core, tmp_path):
    folder = tmp_path / "wheels"
    folder.mkdir()
    (folder / core.WHEELS_MARKER).write_text(json.dumps(
        {"requirements": ["svgllm-no-such-package==1.0"], "imports": ["svgllm_no_such_module"]}))
    with pytest.raises(core.SetupError, match="pip could not install svgllm_no_such_module"):
        core.install_dependencies(str(folder))


def test_present_modules_are_not_reinstalled_and_are_imported(core, tmp_path):
    folder = tmp_path / "wheels"
    folder.mkdir()
    (folder / core.WHEELS_MARKER).write_text(json.dumps({"requirements": ["x==1"], "imports": ["json", "csv"]}))
    assert core.install_dependencies(str(folder)) == []
    assert "csv" in sys.modules


def test_kagglehub_is_asked_only_inside_a_kaggle_session(core, monkeypatch):
    monkeypatch.setattr(core, "KAGGLE_ROOT", "/")
    monkeypatch.delenv("KAGGLE_KERNEL_RUN_TYPE", raising=False)
    assert not core.on_kaggle() and core.kagglehub_folder("dataset", core.WHEELS_DATASET) is None
    monkeypatch.setenv("KAGGLE_KERNEL_RUN_TYPE", "Batch")
    monkeypatch.setenv("KAGGLE_DATA_PROXY_URL", "http://proxy.invalid")
    assert core.on_kaggle()


def test_deadline_and_projection_come_from_the_nine_hour_budget(core):
    assert core.planned_deadline() == 45.0 == core.CONFIG["deadline_s"]
    assert 900 + 500 * 45.0 <= 0.75 * 9 * 3600
    assert core.planned_deadline(startup_s=60, count=1000) == 20.0
    line = core.projection(100.0, 2.0, 45.0)
    assert "0.31 h" in line and "6.28 h" in line and "fits" in line
    assert "DOES NOT FIT" in core.projection(0.0, 1.0, 70.0)


def test_llm_placement_is_passed_only_with_an_llm(exported_core, monkeypatch):
    import svgllm

    assert exported_core.make_config(svgllm).llm.device == "auto"  # no LLM: nothing is placed
    monkeypatch.setitem(exported_core.CONFIG, "llm_model", "/kaggle/input/some-model")
    config = exported_core.make_config(svgllm)
    assert (config.llm.device, config.llm.dtype, config.backends[0]) == ("cuda:0", "float16", "llm")
    from svgllm.backends.llm.loading import parse_device, plan_device

    kind, gpu = parse_device(config.llm.device)
    plan = plan_device(kind == "cuda", (7, 5), dtype=config.llm.dtype, gpu=gpu)  # a T4
    assert plan.device_map == {"": 0}  # the whole model on one GPU, never split over both


def test_image_backend_is_switched_on_by_the_notebook_config(exported_core, monkeypatch):
    import svgllm
    from svgllm.backends.image.options import ImageOptions

    assert "image" not in exported_core.make_config(svgllm).extra  # off by default
    handle = "someone/ssd-1b/diffusers/default/1"
    monkeypatch.setitem(exported_core.CONFIG, "backends", ["image", "composer", "palette"])
    monkeypatch.setitem(exported_core.CONFIG, "candidates", 8)
    monkeypatch.setitem(exported_core.CONFIG, "image", {"model": handle, "family": "ssd-1b", "images": 8})
    config = exported_core.make_config(svgllm)
    assert (config.backends, config.candidates) == (("image", "composer", "palette"), 8)
    options = ImageOptions.from_dict(config.extra["image"])
    assert (options.model, options.family, options.images) == (handle, "ssd-1b", 8)
    monkeypatch.setitem(exported_core.CONFIG, "image", {"modle": handle})  # a typo is an error, not a no-op
    with pytest.raises(ValueError, match="modle"):
        ImageOptions.from_dict(exported_core.make_config(svgllm).extra["image"])


class FakeKagglehub:
    """Stands in for kagglehub inside a Kaggle session: resolves handles to folders, or fails, or hangs."""

    def __init__(self, folders, hang_s=0.0):
        self.folders, self.hang_s, self.asked = folders, hang_s, []

    def _resolve(self, handle):
        self.asked.append(handle)
        time.sleep(self.hang_s)
        if handle not in self.folders:
            raise ValueError(f"{handle} is not attached")
        return self.folders[handle]

    dataset_download = notebook_output_download = _resolve


@pytest.fixture()
def in_session(core, monkeypatch):
    monkeypatch.setattr(core, "on_kaggle", lambda: True)
    return core


def test_kagglehub_folder_wins_over_the_search(in_session, tmp_path, script, marker_only, monkeypatch):
    core = in_session
    kaggle = lay_out(layouts()["input"], tmp_path, script, marker_only)
    elsewhere = tmp_path / "mounted-by-kagglehub"
    shutil.copytree(marker_only, elsewhere)
    fake = FakeKagglehub({core.WHEELS_DATASET: str(elsewhere)})
    monkeypatch.setitem(sys.modules, "kagglehub", fake)
    assert core.find_wheels() == str(elsewhere)
    assert core.find_package() == str(kaggle / "input" / "svgllm-utility")  # kagglehub failed: the search found it
    assert fake.asked == [core.WHEELS_DATASET, core.UTILITY_SCRIPT]


def test_a_hanging_kagglehub_is_cut_off(in_session, monkeypatch, capsys):
    core = in_session
    monkeypatch.setattr(core, "KAGGLEHUB_TIMEOUT_S", 0.2)
    monkeypatch.setitem(sys.modules, "kagglehub", FakeKagglehub({core.WHEELS_DATASET: "/x"}, hang_s=5))
    started = time.monotonic()
    assert core.kagglehub_folder("dataset", core.WHEELS_DATASET) is None
    assert time.monotonic() - started < 2 and "timed out" in capsys.readouterr().err


def test_metric_options_are_checked_and_handed_to_the_scorer(exported_core, monkeypatch):
    import svgllm
    from svgllm.metric.options import ENV_NAME, MetricOptions

    monkeypatch.setenv(ENV_NAME, "{}")  # recorded, so the value make_config sets is undone after the test
    monkeypatch.delenv(ENV_NAME)
    exported_core.make_config(svgllm)
    assert ENV_NAME not in os.environ  # off by default: nothing set
    handles = {"vqa_model": "someone/paligemma/transformers/10b/1", "aesthetic_model": "/kaggle/input/aesthetic",
               "clip_model": "someone/clip/transformers/vit-l-14/1"}
    monkeypatch.setitem(exported_core.CONFIG, "metric", handles)
    monkeypatch.setitem(exported_core.CONFIG, "scorer", "metric")
    assert exported_core.make_config(svgllm).scorer == "metric"
    options = MetricOptions.from_dict(json.loads(os.environ[ENV_NAME]))
    assert (options.vqa_model, options.clip_model, options.device) == (handles["vqa_model"], handles["clip_model"],
                                                                       "auto")
    monkeypatch.setitem(exported_core.CONFIG, "metric", {**handles, "devise": "cpu"})  # a typo names itself
    with pytest.raises(ValueError, match="devise"):
        exported_core.make_config(svgllm)


def test_backends_with_a_time_plan_print_their_projection(exported_core):
    class Planned:
        name = "image"

        def projection(self):
            return "8 images per description, 6.1 h"

    class Plain:
        name = "composer"

    assert exported_core.backend_projections([Plain(), Planned()]) == [
        "svgllm: image: 8 images per description, 6.1 h"]

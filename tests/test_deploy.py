"""Deployment to scrapyd: the project builds as an egg that carries its spiders, pipelines and settings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = shutil.which("scrapyd-deploy", path=str(Path(sys.executable).parent))


@pytest.mark.skipif(DEPLOY is None, reason="scrapyd-client is not installed (it is in the test extras)")
def test_the_project_builds_as_a_scrapyd_egg(tmp_path):
    source = tmp_path / "project"
    keep = shutil.ignore_patterns(".venv", ".git", "*.db", "*.state", "__pycache__", "*.egg-info", "build", "tests")
    shutil.copytree(ROOT, source, ignore=keep)
    egg = tmp_path / "newsingest.egg"
    assert DEPLOY is not None
    result = subprocess.run([DEPLOY, "--build-egg", str(egg)], cwd=source, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

    with zipfile.ZipFile(egg) as archive:
        names = set(archive.namelist())
        entry_points = archive.read("EGG-INFO/entry_points.txt").decode()
    assert "[scrapy]\nsettings = newsingest.settings" in entry_points
    assert {"newsingest/settings.py", "spiders/news.py", "spiders/demo.py", "pipelines/store.py"} <= names

    # What scrapyd does with it: put the egg on the path, find the settings, load the spiders.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import spiders.news, newsingest.settings as s;"
        "assert spiders.news.__file__.startswith(sys.argv[1]), spiders.news.__file__;"
        "from scrapy.settings import Settings; from scrapy.spiderloader import SpiderLoader;"
        "settings = Settings(); settings.setmodule(s);"
        "print(sorted(SpiderLoader.from_settings(settings).list()))"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    listed = subprocess.run(
        [sys.executable, "-c", code, str(egg)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == "['demo', 'news']"

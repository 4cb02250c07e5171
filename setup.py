"""Only for `scrapyd-deploy`, which builds its egg through setup.py; all metadata lives in pyproject.toml."""

from setuptools import setup

setup()

"""The package list for setuptools (everything else is in pyproject.toml): tracker and every subpackage found,
plus the repository's assets/ and datasets/ folders mapped in as tracker.bundled_assets and tracker.bundled_data."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["tracker", "tracker.*"]), "tracker.bundled_assets", "tracker.bundled_data"])

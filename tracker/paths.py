"""Where the shipped data and assets live (one definition for the app, the CLI and the exports)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "datasets"
ASSETS = ROOT / "assets"

"""Where the tests find the project, the shared material beside it, and their own data files."""

from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
SHARED_DIR = PROJECT_DIR.parent / "shared"
"""Read-only material beside the repository (absent on a user's machine: those tests skip)."""
DATA_DIR = Path(__file__).resolve().parent / "data"

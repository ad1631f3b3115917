"""Settings: one frozen dataclass, read from the environment once and passed around."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_STORE = Path("data/store")


@dataclass(frozen=True)
class Settings:
    store: Path = field(default_factory=lambda: Path(os.environ.get("MARSAD_STORE", DEFAULT_STORE)))
    max_file_bytes: int = 50 * 1024 * 1024
    max_zip_bytes: int = 500 * 1024 * 1024
    max_zip_members: int = 100_000
    minhash_perms: int = 64

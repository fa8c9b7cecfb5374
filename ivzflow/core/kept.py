"""Files built from inputs (agenda packs, the compiled progress report), kept on disk under a digest of
those inputs: the next request for the same inputs reads the file instead of building it again, and any
change of the inputs gives another name, so a kept file is never stale.

Each kind lives in its own folder under FILES_DIR, private as uploads are (it may hold confidential text);
a file appears under its name only when complete; the most recently used ones stay, within KEPT_FILES
files and KEPT_BYTES per folder.
"""
from __future__ import annotations

import hashlib
import logging
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from ivzflow.core import files

log = logging.getLogger(__name__)

KEPT_FILES = 200  # newest kept files per folder and server; older ones are removed when a new one is kept ...
KEPT_BYTES = 1024 ** 3  # ... and so are those beyond this many bytes in all


def digest(*parts) -> str:
    """A name for what is built of these parts (anything with a stable repr)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()


def kept(folder_name: str, key: str, build: Callable[[], bytes], suffix: str = ".pdf") -> bytes:
    """What `build` makes of the inputs named by `key`: read from disk when it was built before, else built
    and kept."""
    folder = files.root() / folder_name
    path = folder / f"{key}{suffix}"
    try:
        data = path.read_bytes()
        os.utime(path)
        return data
    except FileNotFoundError:
        pass
    data = build()
    temp = folder / f".{secrets.token_hex(8)}.tmp"
    try:
        files.private_folder(folder)  # 0600 files in a 0700 folder
        with os.fdopen(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            out.write(data)
        os.replace(temp, path)
        _prune(folder, suffix)
    except OSError:  # a full or read-only disk costs the next reader a build, not this one the file
        log.warning("Built file not kept in %s", folder, exc_info=True)
        temp.unlink(missing_ok=True)
    return data


def _prune(folder: Path, suffix: str) -> None:
    """Keep the most recently used files, within KEPT_FILES files and KEPT_BYTES in all."""
    kept_files = sorted(((p, p.stat()) for p in folder.glob(f"*{suffix}")), key=lambda ps: ps[1].st_mtime,
                        reverse=True)
    total = 0
    for number, (path, stat) in enumerate(kept_files):
        total += stat.st_size
        if number >= KEPT_FILES or total > KEPT_BYTES:
            path.unlink(missing_ok=True)

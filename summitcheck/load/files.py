"""Reading input files safely: size limits, strict UTF-8 with the position of a bad byte, folders without loops."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from ..model import Location

MAX_CLAIM_FILE_BYTES = 5 * 1024 * 1024  # a claim file is a fact sheet; anything larger is a mistake
MAX_SEED_FILE_BYTES = 64 * 1024 * 1024  # a seed is an article, or an archive of them


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def read_text(path: Path, limit: int, what: str) -> str:
    """Decode a file as UTF-8 (a BOM is dropped); any other encoding is an InputError at the first bad byte."""
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(Location(shown), f"{what} is {size:,} bytes, over the limit of {limit:,}; split it")
        data = path.read_bytes()
    except OSError as e:
        raise InputError(Location(shown), f"cannot read {what}: {e.strerror or e}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(Location(shown, 1, 1), f"{what} is UTF-16; save it as UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        good = data[: e.start].decode("utf-8", errors="replace")
        line, col = position(good, len(good))
        raise InputError(
            Location(shown, line, col), f"{what} is not valid UTF-8 (byte 0x{data[e.start]:02x}); save it as UTF-8"
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        line, col = position(text, nul)
        raise InputError(Location(shown, line, col), f"{what} contains a NUL byte; is it a binary file?")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def find_files(paths: list[Path], suffixes: tuple[str, ...], what: str) -> tuple[list[Path], list[InputError]]:
    """The files named, and those below the folders named, sorted; symbolic links to folders are not followed."""
    found: list[Path] = []
    errors: list[InputError] = []
    for path in paths:
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            below = []
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                below += [Path(root) / f for f in files if f.endswith(suffixes) and not f.startswith(".")]
            if not below:
                errors.append(InputError(Location(str(path)), f"no {what} here (looked for {', '.join(suffixes)})"))
            found += sorted(below)
        elif path.is_symlink():
            errors.append(InputError(Location(str(path)), "broken or looping symbolic link"))
        else:
            errors.append(InputError(Location(str(path)), "no such file or folder"))
    unique = sorted(set(found), key=lambda p: str(p))
    return unique, errors

"""Reading input files safely: size limits, strict UTF-8 with the position of a bad byte, folders without loops.

Every problem is an InputError naming the file (and line:col where there is one) and what to do about it.
"""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path

from ..errors import InputError, one_line
from ..model import Location

# A claim file is a fact sheet, and a desk keeps thousands of claims in one: 20,000 claims are about 1.5 MB, read in
# about 2 s. The cap only stops abuse (a file that would cost minutes and gigabytes before it is found out): the
# parser's nesting and alias limits (safe_yaml) bound the rest.
MAX_CLAIM_FILE_BYTES = 16 * 1024 * 1024
MAX_SEED_FILE_BYTES = 64 * 1024 * 1024  # a seed is an article, or an archive of them

BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),  # before UTF-16: it starts with the same two bytes
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def shown_path(path: Path | str) -> str:
    """A path as messages and reports print it: one line, valid UTF-8 (a file name need be neither: the bytes of
    an undecodable name are shown as \\xNN)."""
    return one_line(os.fsencode(path).decode("utf-8", "backslashreplace"))


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def read_text(path: Path, limit: int, what: str) -> str:
    """Decode a file as UTF-8 (a BOM is dropped, line ends become \\n); anything else is an InputError.

    The file is read once, with at most `limit` + 1 bytes, and the bytes are dropped as soon as they are decoded:
    the peak is the bytes plus one copy of the text.
    """
    shown = shown_path(path)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; a regular file ignores the flag.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError(Location(shown), f"{what} is not a regular file (a pipe or a device?); remove it")
            if info.st_size > limit:
                raise InputError(
                    Location(shown), f"{what} is {info.st_size:,} bytes, over the limit of {limit:,}; split it"
                )
            data = f.read(limit + 1)
    except OSError as e:
        reason = e.strerror or str(e)
        if os.path.islink(path):
            message = f"{what} is a broken or looping symbolic link ({reason}); fix or remove it"
        else:
            message = f"cannot read {what}: {reason}; check the path and its permissions"
        raise InputError(Location(shown), message) from None
    if len(data) > limit:  # it grew while we looked
        raise InputError(Location(shown), f"{what} is over the limit of {limit:,} bytes; split it")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            raise InputError(Location(shown, 1, 1), f"{what} is {encoding}; save it as UTF-8")
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = str(memoryview(data)[start:], "utf-8")  # a view: no copy of 50 MB of bytes to drop a BOM
    except UnicodeDecodeError as e:
        good = data[start : start + e.start].decode("utf-8", errors="replace")
        line, col = position(good, len(good))
        bad = data[start + e.start]
        raise InputError(
            Location(shown, line, col),
            f"{what} is not valid UTF-8 (byte 0x{bad:02x}; Latin-1 or Windows-1252?); save it as UTF-8",
        ) from None
    del data
    nul = text.find("\0")
    if nul >= 0:
        line, col = position(text, nul)
        message = f"{what} contains a NUL byte (binary, or UTF-16 without a BOM?); save it as UTF-8 text"
        raise InputError(Location(shown, line, col), message)
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            text = text.replace("\r", "\n")
    return text


def find_files(paths: list[Path], suffixes: tuple[str, ...], what: str) -> tuple[list[Path], list[InputError]]:
    """The files named, and those below the folders named, sorted; symbolic links to folders are not followed.

    Hidden files and folders (a leading dot) are skipped below a folder; a folder that cannot be listed is an error,
    never silently dropped.
    """
    found: list[Path] = []
    errors: list[InputError] = []
    for path in paths:
        where = Location(shown_path(path))
        kind, problem = path_kind(path)
        if kind == "file":
            found.append(path)
        elif kind == "folder":
            below: list[Path] = []
            for root, dirs, files in os.walk(path, onerror=functools.partial(_unlisted, errors), followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                below += [Path(root) / f for f in files if f.endswith(suffixes) and not f.startswith(".")]
            if not below:
                errors.append(InputError(where, f"no {what} here (looked for {', '.join(suffixes)}); check the path"))
            found += below
        else:
            errors.append(InputError(where, problem))
    unique = sorted(set(found), key=str)
    return unique, errors


def _unlisted(errors: list[InputError], e: OSError) -> None:
    message = f"cannot list this folder: {e.strerror or e}; check its permissions"
    errors.append(InputError(Location(shown_path(e.filename or "?")), message))


def path_kind(path: Path) -> tuple[str, str]:
    """"file", "folder", or "" with what is wrong with the path."""
    try:
        mode = os.stat(path).st_mode
    except OSError as e:
        if os.path.islink(path):
            return "", "broken or looping symbolic link; fix or remove it"
        if isinstance(e, FileNotFoundError | NotADirectoryError):
            return "", "no such file or folder; check the path"
        return "", f"cannot read: {e.strerror or e}; check the path and its permissions"
    if stat.S_ISREG(mode):
        return "file", ""
    if stat.S_ISDIR(mode):
        return "folder", ""
    return "", "not a regular file or a folder (a pipe or a device?); name a file or a folder"

"""Where a report goes: stdout, or a file that is either the whole new report or left as it was.

- A file (`-o`) is written to a temporary file beside it, flushed to disk, then renamed over the target: a run
  killed at any moment (SIGTERM, SIGKILL, a full disk) leaves the old file untouched, never half a report. A
  target that is one of the run's inputs (a claim file, a seed, the config...) is refused before anything runs.
- stdout: a reader that goes away (`summitcheck verify | head -1`) ends the run quietly with 141, as a shell reports
  a process killed by SIGPIPE; a stdout that cannot be written (`> /dev/full`) is a one-line error with exit 2.
  Never 1 (a claim failed) nor 3 (a bug).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from .text import line as one_line

EXIT_PIPE = 141  # 128 + SIGPIPE


class OutputError(Exception):
    """The report could not be written: a one-line message for stderr (exit 2)."""


class PipeClosed(Exception):
    """stdout's reader went away: nothing more to say to anyone (exit 141)."""


def file_identity(path: Path | str) -> tuple[int, int] | None:
    """(device, inode) of an existing file, following links; None when there is none (a new file)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def check_not_input(target: Path, inputs: Iterable[Path | str], what: str = "--output") -> None:
    """Refuse a target that is one of the run's inputs (the same file, through any path or link)."""
    identity = file_identity(target)
    if identity is None:
        return
    for path in inputs:
        if file_identity(path) == identity:
            shown = one_line(os.fsdecode(target))
            raise OutputError(f"{shown}: {what} would overwrite an input of this run ({one_line(os.fsdecode(path))}); "
                              "write the report somewhere else")


def _mode_for(target: Path) -> int:
    """The existing file's permissions, else what open() would give a new file (0666 less the umask)."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """While the file is written, SIGTERM unwinds (and so removes the temporary file) instead of killing outright."""
    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: nothing to install, SIGKILL-like behaviour is still safe
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_file(target: Path, text: str) -> None:
    """`text` (UTF-8) to `target` atomically: a temporary file in the same folder, synced, then renamed over it.
    A target that exists and is no regular file (/dev/stdout, a named pipe, a device) is written in place: a rename
    would replace the device itself."""
    try:
        special = not stat.S_ISREG(os.stat(target).st_mode)
    except OSError:
        special = False  # a new file
    if special:
        _write_in_place(target, text)
        return
    real = Path(os.path.realpath(target))  # through a link: replace what it points to, not the link
    tmp: str | None = None
    try:
        with _terminate_as_exit():
            fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
            # backslashreplace: a character UTF-8 cannot encode (a lone surrogate) must not lose the whole report
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, _mode_for(real))
            os.replace(tmp, real)
            tmp = None
    except OSError as e:
        raise OutputError(f"{one_line(os.fsdecode(target))}: cannot write: {e.strerror or e}; "
                          "check the path and the free space") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _write_in_place(target: Path, text: str) -> None:
    try:
        with open(target, "w", encoding="utf-8", errors="backslashreplace", newline="") as f:
            f.write(text)
    except BrokenPipeError:
        raise PipeClosed() from None
    except OSError as e:
        raise OutputError(f"{one_line(os.fsdecode(target))}: cannot write: {e.strerror or e}") from None


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """A stream for the report: stdout (guarded), or a buffer written to `path` whole once the report is done."""
    if path is None:
        if sys.stdout is None:  # started with its stdout closed (`>&-`)
            raise OutputError("cannot write to stdout: it is closed")
        with guarded_stdout():
            with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
                sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]  # as for a file
            yield sys.stdout
        return
    buffer = io.StringIO()
    yield buffer
    write_file(path, buffer.getvalue())


@contextlib.contextmanager
def guarded_stdout() -> Iterator[None]:
    """Everything written to stdout inside is flushed before leaving; a closed pipe is PipeClosed, another write
    failure (a full disk) OutputError. Either way stdout is then pointed at the null device, so that Python's own
    flush at exit finds nothing to complain about."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise PipeClosed() from None
    except OSError as e:
        if e.errno == errno.EPIPE:
            silence_stdout()
            raise PipeClosed() from None
        silence_stdout()
        raise OutputError(f"cannot write to stdout: {e.strerror or e}") from None


def silence_stdout() -> None:
    """Point file descriptor 1 at the null device (what is still buffered goes nowhere, quietly)."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        fileno = sys.stdout.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fileno)
        os.close(devnull)


class _PipeAwareStdout(io.TextIOWrapper):
    """The process's stdout, on the same buffer, whose closed pipe ends the run with 141 wherever the write is
    (a help text, a usage error: typer turns a closed pipe there into exit 1, which would say a claim failed), and
    whose full disk is a one-line error with exit 2 (not an internal error)."""

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except OSError as e:
            _failed(e)
            raise  # unreachable: _failed exits

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as e:
            _failed(e)


def _failed(error: OSError) -> None:
    """A closed pipe: 141, quietly. Another failure (a full disk): one line on stderr, exit 2."""
    silence_stdout()
    if isinstance(error, BrokenPipeError) or error.errno == errno.EPIPE:
        raise SystemExit(EXIT_PIPE)
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"error: cannot write to stdout: {error.strerror or error}\n")
    raise SystemExit(2)


def install_stdout() -> None:
    """Put the pipe-aware stdout in place (the console entry point does, before anything is written). The original
    stays as sys.__stdout__, so that its buffer is never closed under the new one."""
    current = sys.stdout
    if not isinstance(current, io.TextIOWrapper) or isinstance(current, _PipeAwareStdout):
        return
    with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
        current.flush()
        sys.stdout = _PipeAwareStdout(current.buffer, encoding=current.encoding, errors="backslashreplace",
                                      line_buffering=current.line_buffering, write_through=current.write_through)

"""Opening a file the app reads content or keys from: a regular file only, opened so
that a FIFO, device or socket put in its place can never block the app."""

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

_NON_BLOCKING = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class NotRegularFileError(OSError):
    """A FIFO, device or socket where a file was expected."""


def open_regular(path: Path) -> tuple[BinaryIO, os.stat_result]:
    """`path` open for reading, with its status; OSError unless it is a regular file.

    Opening a FIFO for reading waits for a writer, so the file is opened non-blocking
    and its type checked on the open handle (which a swap cannot change) before a read.
    """
    descriptor = os.open(path, os.O_RDONLY | _NON_BLOCKING)
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "a folder, not a file", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(errno.EINVAL, "not a regular file", str(path))
        return os.fdopen(descriptor, "rb"), info
    except BaseException:
        os.close(descriptor)
        raise

"""What the command line says about a file-system error: the path, why, what to do."""

from __future__ import annotations

import errno

import pytest

from analysis.cli.common import describe_os_error


@pytest.mark.parametrize(("exc", "says"), [
    (FileExistsError(errno.EEXIST, "File exists", "out"), "out: is in the way"),
    (NotADirectoryError(errno.ENOTDIR, "Not a directory", "a.txt/b"),
     "a.txt/b: a part of this path is a file"),
    (IsADirectoryError(errno.EISDIR, "Is a directory", "hits.csv"), "hits.csv: is a folder"),
    (PermissionError(errno.EACCES, "Permission denied", "/ro/t.csv"),
     "/ro/t.csv: permission denied"),
    (OSError(errno.ENOSPC, "No space left on device", "out/t.csv"),
     "out/t.csv: no space left on the disk"),
    (OSError(errno.EROFS, "Read-only file system", "/mnt/x"), "/mnt/x: the disk is read-only"),
    (OSError(errno.EIO, "Input/output error", "d/x"), "d/x: input/output error"),
])
def test_message_names_the_path_and_the_cause(exc, says):
    assert describe_os_error(exc).startswith(says)


def test_a_temporary_file_is_named_by_the_file_it_becomes():
    exc = OSError(errno.ENOSPC, "No space left on device", "out/.hits.csv.k2j1x.tmp")
    assert describe_os_error(exc).startswith("out/hits.csv: no space")


def test_our_own_messages_are_kept_whole():
    assert describe_os_error(FileNotFoundError("x: no such corpus; give --raw.")) == \
        "x: no such corpus; give --raw."

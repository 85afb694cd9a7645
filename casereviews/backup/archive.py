"""The backup archive: one ZIP file holding the database, the documents and the audit
checkpoints, with a manifest of the SHA-256 of every member
(docs/adr/0024-backup-and-restore.md).

- `manifest.json`: what the archive holds, when it was made, from which engine, the
  migrations applied, the rows of each table, the head of the audit chain, and the
  SHA-256 and size of every other member. Written last, read first.
- `database.jsonl`: every row, one JSON object a line in Django's serialisation,
  tables in the order their foreign keys need (deflated).
- `documents/<folder>/<stored name>`: each document as the storage holds it.
- `audit-anchors/<file>`: the checkpoints of the audit chain up to the archive's head.

The file is created with mode 0600 (it holds children's information) under a temporary
name and renamed when complete, so a half-written archive is never taken for one.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

FORMAT = "casereviews-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.jsonl"
DOCUMENTS = "documents/"
ANCHORS = "audit-anchors/"
_CHUNK = 1024 * 1024


class ArchiveError(Exception):
    """The archive cannot be used; the message says why, for the operator."""


class _Hashing:
    """A writable stream that hashes and counts what passes through it."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self.out.write(data)


@dataclass
class ArchiveWriter:
    """Writes members one after another, recording each one's SHA-256 and size."""

    zip: zipfile.ZipFile
    members: dict[str, dict[str, Any]] = field(default_factory=dict)

    @contextmanager
    def member(self, name: str, *, compress: bool = True) -> Iterator[_Hashing]:
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        info.external_attr = 0o600 << 16
        with self.zip.open(info, "w", force_zip64=True) as raw:
            stream = _Hashing(raw)
            yield stream
        self.members[name] = {"sha256": stream.digest.hexdigest(), "size": stream.size}

    def add_bytes(self, name: str, content: bytes, *, compress: bool = True) -> None:
        with self.member(name, compress=compress) as stream:
            stream.write(content)

    def finish(self, manifest: dict[str, Any]) -> None:
        body = {"format": FORMAT, "version": VERSION, **manifest, "members": self.members}
        info = zipfile.ZipInfo(MANIFEST, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        self.zip.writestr(info, json.dumps(body, indent=1, sort_keys=True))


@contextmanager
def archive_create(path: Path) -> Iterator[ArchiveWriter]:
    """A new archive at `path`, readable by its owner only; refuses to replace a file."""
    if path.exists():
        raise ArchiveError(f"{path} already exists: give a new file name")
    partial = path.with_name(path.name + ".partial")
    handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    # The mode given to open is reduced by the umask; set it outright.
    os.fchmod(handle, 0o600)
    try:
        with os.fdopen(handle, "wb") as out, zipfile.ZipFile(out, "w", allowZip64=True) as zf:
            yield ArchiveWriter(zf)
            # Written to disk before it is given its final name.
            zf.close()
            out.flush()
            os.fsync(out.fileno())
        os.rename(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


@dataclass
class ArchiveReader:
    zip: zipfile.ZipFile
    manifest: dict[str, Any]

    def names(self, prefix: str) -> list[str]:
        return sorted(name for name in self.manifest["members"] if name.startswith(prefix))

    def open(self, name: str) -> IO[bytes]:
        return self.zip.open(name)

    def read(self, name: str) -> bytes:
        return self.zip.read(name)


def _manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(zf.read(MANIFEST))
    except KeyError:
        raise ArchiveError("it has no manifest: it is not a backup made by this service") from None
    except ValueError:
        raise ArchiveError("its manifest cannot be read") from None
    if manifest.get("format") != FORMAT:
        raise ArchiveError("it is not a backup made by this service")
    if manifest.get("version") != VERSION:
        raise ArchiveError(
            f"it is a backup of format version {manifest.get('version')}, and this version "
            f"of the service reads version {VERSION}"
        )
    return manifest


def archive_check(zf: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    """Every member the manifest names is there with its SHA-256 and size, and nothing
    else is: otherwise `ArchiveError` naming the first that is not."""
    listed = set(manifest["members"])
    present = {info.filename for info in zf.infolist()} - {MANIFEST}
    for name in sorted(present - listed):
        raise ArchiveError(f"it holds {name}, which its manifest does not list")
    for name in sorted(listed):
        if name not in present:
            raise ArchiveError(f"{name} is missing from it")
        digest, size = hashlib.sha256(), 0
        try:
            with zf.open(name) as member:
                while chunk := member.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
        except (zipfile.BadZipFile, OSError) as error:
            raise ArchiveError(f"{name} cannot be read: {error}") from None
        expected = manifest["members"][name]
        if digest.hexdigest() != expected["sha256"] or size != expected["size"]:
            raise ArchiveError(f"{name} does not match the SHA-256 in its manifest")


@contextmanager
def archive_open(path: Path) -> Iterator[ArchiveReader]:
    """An archive, its every member checked against its manifest before use."""
    try:
        with zipfile.ZipFile(path) as zf:
            manifest = _manifest(zf)
            archive_check(zf, manifest)
            yield ArchiveReader(zf, manifest)
    except FileNotFoundError:
        raise ArchiveError(f"{path} does not exist") from None
    except zipfile.BadZipFile:
        raise ArchiveError(f"{path} is not a ZIP file, or it was cut short") from None

"""Fetching voices and the catalogue: the only network access a build may make, and
only when asked (`voices fetch`, `voices update`, `--fetch-voices`).

The source is laid out as the piper-voices repository: `voices.json` at its base
and every file at its catalogue path below it, so a mirror is any static folder on
a web server. Each file of a voice is written into a hidden partial folder, checked
against the catalogue's size and md5, and only when all of them are right is the
folder renamed to the voice's key: a wrong file or a broken transfer leaves nothing
under the voice's name. A lock file per voice makes two fetches of one voice (two
builds at once) download it once: the second waits and finds it there.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from filelock import FileLock, Timeout

from ..errors import UserError
from ..files import write_atomic
from ..progress import transfer
from .catalogue import CATALOGUE_NAME, Catalogue, CatalogueVoice, VoiceFile
from .store import VoiceStore

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

#: Seconds to connect, and to wait for each piece of a file.
TIMEOUT = (10, 60)
#: The largest catalogue accepted (the real one is a quarter of a megabyte).
CATALOGUE_MAX_BYTES = 20_000_000
_CHUNK = 1 << 16


class FetchError(UserError):
    """A voice or the catalogue could not be fetched; the message is one line."""


def fetch_voice(voice: CatalogueVoice, store: VoiceStore, source: str,
                progress: bool = False) -> Path:
    """The model of `voice` in the store: there already, or fetched now from `source`."""
    model = store.model(voice.key)
    if model is not None:
        return model
    try:
        store.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(store.root / f".{voice.key}.lock"))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            log.info("%s: another fetch of this voice is under way; waiting for it", voice.key)
            lock.acquire()
        try:
            return store.model(voice.key) or _fetch(voice, store, source, progress)
        finally:
            lock.release()
    except OSError as err:  # not a folder, read-only, full: the network's errors are FetchErrors
        raise _unwritable(voice.key, store, err) from None


def _unwritable(what: str, store: VoiceStore, err: OSError) -> FetchError:
    return FetchError(f"{what}: cannot write into the voice store {store.root} "
                      f"({err.strerror or err}); nothing was installed")


def _fetch(voice: CatalogueVoice, store: VoiceStore, source: str, progress: bool) -> Path:
    target = store.folder(voice.key)
    if target.exists() or target.is_symlink():
        raise FetchError(f"{voice.key}: {target} exists but is not a complete voice; "
                         f"remove it and fetch again")
    partial = store.root / f".{voice.key}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        for file in voice.files:
            _download(voice.key, address(source, file.path), file, partial / file.name,
                      progress, store.root)
        os.rename(partial, target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    log.info("%s: fetched into %s", voice.key, target)
    return store.model(voice.key)


def _download(key: str, url: str, file: VoiceFile, dest: Path, progress: bool,
              store: Path) -> None:
    """One file, checked against the catalogue's size and md5 as it arrives."""
    import requests  # here: a build that fetches nothing does not pay its import

    digest, size = hashlib.md5(), 0
    with _get(key, url, store) as response, open(dest, "wb") as out, \
            transfer(file.name, file.size, shown=progress) as arrived:
        try:
            for chunk in response.iter_content(_CHUNK):
                size += len(chunk)
                if size > file.size:
                    break  # more than the catalogue says: no use reading on
                digest.update(chunk)
                out.write(chunk)
                arrived(len(chunk))
        except requests.RequestException as err:
            raise FetchError(f"{key}: the transfer of {url} broke off after {size} of "
                             f"{file.size} bytes ({_reason(err)}); nothing was installed") from None
    if size != file.size or digest.hexdigest() != file.md5:
        got = f"{size} bytes" if size != file.size else f"md5 {digest.hexdigest()}"
        want = f"{file.size} bytes" if size != file.size else f"md5 {file.md5}"
        raise FetchError(f"{key}: {url} gave {'more than ' if size > file.size else ''}{got}, "
                         f"the catalogue says {want}; nothing was installed")


@dataclass(frozen=True)
class Fetched:
    """What became of one name given to `voices fetch`."""

    name: str
    voice: CatalogueVoice | None = None
    model: Path | None = None
    already: bool = False  #: it was in the store before
    error: FetchError | None = None


def fetch_named(names: list[str], store: VoiceStore, source: str,
                progress: bool = False) -> Iterator[Fetched]:
    """Fetch each voice named by its key, or a language's default voice by the
    language's tag; one that fails costs only itself."""
    catalogue = store.catalogue()
    for name in names:
        voice = catalogue.named(name)
        if voice is None:
            yield Fetched(name, error=FetchError(
                f"{name}: neither a voice of {catalogue.origin} nor a language it has a voice "
                f"for (see audio-edition voices --available)"))
            continue
        already = store.model(voice.key) is not None
        damage = store.damage(voice) if already else None
        if damage:
            yield Fetched(name, voice, error=FetchError(
                f"{voice.key}: {damage}: damaged, or another release; remove "
                f"{store.folder(voice.key)} and fetch it again"))
            continue
        try:
            yield Fetched(name, voice, fetch_voice(voice, store, source, progress), already)
        except FetchError as err:
            yield Fetched(name, voice, error=err)


def update_catalogue(store: VoiceStore, source: str) -> Catalogue:
    """Fetch the source's voices.json into the store, where builds read it from then on."""
    url = address(source, CATALOGUE_NAME)
    with _get("the catalogue", url, store.root) as response:
        try:
            data = response.raw.read(CATALOGUE_MAX_BYTES + 1, decode_content=True)
        except Exception as err:  # urllib3's errors as the transfer breaks off
            raise FetchError(f"the catalogue: the transfer of {url} broke off "
                             f"({_reason(err)}); the old catalogue stays") from None
    if len(data) > CATALOGUE_MAX_BYTES:
        raise FetchError(f"the catalogue: {url} is larger than {CATALOGUE_MAX_BYTES} bytes; "
                         f"the old catalogue stays")
    catalogue = Catalogue.parse(data, url)
    try:
        write_atomic(store.root / CATALOGUE_NAME, data)
    except OSError as err:
        raise _unwritable("the catalogue", store, err) from None
    return catalogue


def address(source: str, path: str) -> str:
    return source + quote(path, safe="/")


def _get(what: str, url: str, store: Path) -> requests.Response:
    """A streamed GET that has answered 200; FetchError in one line otherwise."""
    import requests

    try:
        response = requests.get(url, stream=True, timeout=TIMEOUT)
    except requests.RequestException as err:
        raise FetchError(f"{what}: cannot reach {url} ({_reason(err)}); offline, set [voices] "
                         f"source to a mirror you can reach, or copy {store} from a machine "
                         f"that has {'it' if what == 'the catalogue' else 'the voice'}") from None
    if response.status_code != 200:
        response.close()
        raise FetchError(f"{what}: {url} answered {response.status_code} {response.reason}; "
                         f"nothing was installed")
    return response


def _reason(err: Exception) -> str:
    """What went wrong on the network, briefly ("Connection refused"), not urllib3's
    nested repr of every layer."""
    text = str(err)
    found = re.findall(r"\[Errno -?\d+\] ([^'\"\])]+)", text)
    if found:
        return found[-1].strip()
    found = re.findall(r"(Connection broken: [^'\"(]+|Read timed out|Connection aborted)", text)
    return found[0].strip(" :") if found else type(err).__name__

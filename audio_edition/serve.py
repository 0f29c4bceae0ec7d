"""Serve an edition over HTTP: byte ranges as RFC 9110 defines them and the
MIME types podcast apps and browsers expect. For trying a feed locally or on
a LAN; a public host should serve the folder with a real web server.

Only the edition's own files are served: nothing whose name starts with a dot
(the build lock, partial files), nothing reached through a symlink that leaves
the folder, and no folder listings (a folder is served by its index.html).
Connections that send nothing for `IDLE_TIMEOUT` seconds are closed.
"""
from __future__ import annotations

import functools
import logging
import os
import re
import socket
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .media import JSON_CHAPTERS, MEDIA_TYPES, media_type
from .printable import printable

log = logging.getLogger(__name__)
#: Seconds a connection may stay silent before it is closed
IDLE_TIMEOUT = 30
#: As the edition's files are typed, text declared as UTF-8.
MIME_TYPES = {**MEDIA_TYPES, **{suffix: f"{MEDIA_TYPES[suffix]}; charset=utf-8"
                                for suffix in (".html", ".css", ".js")}}
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class EditionHandler(SimpleHTTPRequestHandler):
    """GET and HEAD of the edition's files, with single byte ranges."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    timeout = IDLE_TIMEOUT
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def _serve(self, body: bool) -> None:
        path = self._file()
        if path is None:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return
        size = path.stat().st_size
        span = self._span(size)
        if span == "unsatisfiable":
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        start, end = span if span else (0, size - 1)
        self.send_response(HTTPStatus.PARTIAL_CONTENT if span else HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(max(end - start + 1, 0)))
        if span:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        if body and end >= start:
            with path.open("rb") as handle:
                handle.seek(start)
                self._copy(handle, end - start + 1)

    def _copy(self, handle, length: int) -> None:
        while length > 0:
            chunk = handle.read(min(64 * 1024, length))
            if not chunk:
                break
            self.wfile.write(chunk)
            length -= len(chunk)

    def _span(self, size: int):
        """The byte range asked for: (first, last), None for the whole file (no
        Range, or several ranges: RFC 9110 lets a server send the whole file),
        or "unsatisfiable"."""
        header = self.headers.get("Range")
        if not header or "," in header:
            return None
        match = _RANGE.match(header.strip().replace(" ", ""))
        if not match or not (match.group(1) or match.group(2)):
            return None  # a Range we do not understand is ignored (RFC 9110, 14.2)
        first, last = match.group(1), match.group(2)
        if not first:  # a suffix: the last N bytes
            length = int(last)
            if length == 0 or size == 0:
                return "unsatisfiable"
            return max(size - length, 0), size - 1
        start = int(first)
        if start >= size:
            return "unsatisfiable"
        end = min(int(last), size - 1) if last else size - 1
        return None if end < start else (start, end)

    def _file(self) -> Path | None:
        """The file a request names, if it is one of the edition's own."""
        root = Path(self.directory).resolve()
        try:
            relative = unquote(urlsplit(self.path).path, errors="strict")
        except (UnicodeDecodeError, ValueError):
            return None
        if "\x00" in relative:
            return None
        parts = [p for p in relative.split("/") if p]
        if any(p.startswith(".") or p in ("..",) for p in parts):
            return None
        candidate = root.joinpath(*parts)
        if relative.endswith("/") or not parts or candidate.is_dir():
            candidate = candidate / "index.html"
        try:
            resolved = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if root not in resolved.parents or not resolved.is_file():
            return None
        return resolved

    def guess_type(self, path):
        if media_type(path) == JSON_CHAPTERS:
            return JSON_CHAPTERS
        return super().guess_type(path)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        log.info("%s %s", self.address_string(), printable(format % args))


class _Server(ThreadingHTTPServer):
    daemon_threads = True


class _Server6(_Server):
    address_family = socket.AF_INET6


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A server of `folder` on `host` (an IPv4 or IPv6 address, or a name)."""
    handler = functools.partial(EditionHandler, directory=os.fspath(folder))
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    return (_Server6 if family == socket.AF_INET6 else _Server)((host, port), handler)

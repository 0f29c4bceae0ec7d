"""Serve an edition over HTTP: byte ranges (RangeHTTPServer) and the MIME types
podcast apps and browsers expect. For trying a feed locally or on a LAN; a
public host should serve the folder with a real web server."""
from __future__ import annotations

import functools
import logging
from http.server import ThreadingHTTPServer
from pathlib import Path

from RangeHTTPServer import RangeRequestHandler

from .chapters import JSON_CHAPTERS_TYPE

log = logging.getLogger(__name__)
MIME_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".m4b": "audio/mp4",
    ".xml": "application/rss+xml",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".epub": "application/epub+zip",
    ".smil": "application/smil+xml",
}


class EditionHandler(RangeRequestHandler):
    extensions_map = {**RangeRequestHandler.extensions_map, **MIME_TYPES}

    def guess_type(self, path):
        if str(path).endswith(".json") and Path(path).name.startswith("chapters"):
            return JSON_CHAPTERS_TYPE
        return super().guess_type(path)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        log.info("%s %s", self.address_string(), format % args)


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    handler = functools.partial(EditionHandler, directory=str(folder))
    return ThreadingHTTPServer((host, port), handler)

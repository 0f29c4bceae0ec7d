"""Media types: which type each file of an edition has, decided in one place for
the episode record, the feed, the book and the server."""
from __future__ import annotations

from pathlib import PurePath

#: Podcasting 2.0 chapters: a JSON file of their own type (`chapters-*.json`).
JSON_CHAPTERS = "application/json+chapters"
MEDIA_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".m4b": "audio/mp4",
    ".xml": "application/rss+xml",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".html": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".json": "application/json",
    ".epub": "application/epub+zip",
    ".smil": "application/smil+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".css": "text/css",
    ".js": "text/javascript",
}
#: The type an oEmbed discovery link names (`<link rel="alternate" type=...>`); the
#: response itself is served as application/json, as the oEmbed spec asks.
OEMBED_LINK = "application/json+oembed"
#: The suffix of a picture of each type (covers are JPEG or PNG).
PICTURE_SUFFIXES = {"image/jpeg": ".jpg", "image/png": ".png"}


def media_type(name: str | PurePath) -> str:
    """The type of a file of the edition, by its name or its suffix alone (".mp3")."""
    path = PurePath(name)
    suffix = (path.suffix or path.name).lower()
    if suffix == ".json" and path.name.startswith("chapters"):
        return JSON_CHAPTERS
    return MEDIA_TYPES.get(suffix, "application/octet-stream")

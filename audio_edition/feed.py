"""Publish: the RSS 2.0 feed (with the itunes namespace) of every episode that exists.

feedgen renders the XML; this module only maps Episodes onto it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, urljoin

from feedgen.feed import FeedGenerator

from . import __version__
from .episode import Episode, existing_episodes, write_atomic

FEED_NAME = "feed.xml"


@dataclass(frozen=True)
class Show:
    """The podcast as a whole: the feed's channel."""

    title: str = "Audio Edition"
    description: str = "Articles read aloud, with chapters for every heading."
    base_url: str = "http://localhost:8000/"
    language: str = "en"
    author: str = "audio-edition"
    category: str = "News"

    def url(self, name: str) -> str:
        """The absolute URL of a file in the output folder."""
        base = self.base_url if self.base_url.endswith("/") else self.base_url + "/"
        return urljoin(base, quote(name))


def render_feed(show: Show, episodes: list[Episode]) -> bytes:
    """The feed XML for `episodes`, newest first."""
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.title(show.title)
    fg.description(show.description)
    fg.link(href=show.url(FEED_NAME), rel="self", type="application/rss+xml")
    fg.link(href=show.base_url, rel="alternate")
    fg.language(show.language)
    fg.generator("audio-edition", version=__version__)
    fg.podcast.itunes_author(show.author)
    fg.podcast.itunes_summary(show.description)
    fg.podcast.itunes_category(show.category)
    fg.podcast.itunes_explicit("no")
    # feedgen prepends entries, so add the oldest first to list the newest first.
    for episode in sorted(episodes, key=lambda e: (e.pub_date, e.slug)):
        entry = fg.add_entry()
        entry.guid(episode.guid, permalink=False)
        entry.title(episode.title)
        entry.description(episode.description)
        if episode.link:
            entry.link(href=episode.link)
        entry.pubDate(datetime.fromisoformat(episode.pub_date))
        entry.enclosure(show.url(episode.audio), str(episode.audio_bytes), "audio/mpeg")
        entry.podcast.itunes_duration(round(episode.duration_seconds))
        if episode.author:
            entry.podcast.itunes_author(episode.author)
    return fg.rss_str(pretty=True)


def write_feed(folder: Path, show: Show) -> tuple[Path, int]:
    """Write the feed of every complete episode in `folder`, atomically."""
    episodes = existing_episodes(folder)
    path = folder / FEED_NAME
    write_atomic(path, render_feed(show, episodes))
    return path, len(episodes)

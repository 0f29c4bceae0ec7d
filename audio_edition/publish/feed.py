"""Publish: the feed of every episode that exists, for Apple Podcasts and
Podcasting 2.0 apps.

feedgen renders RSS 2.0 with the itunes namespace; two small feedgen
extensions add what it lacks: the podcast namespace (podcast:guid,
podcast:locked, podcast:chapters, podcast:transcript), Podlove Simple
Chapters, and itunes:explicit as true/false (feedgen only knows yes/no).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from .. import __version__
from .chapters import description_timestamps
from ..audio.timecode import timecode
from ..files import write_atomic
from ..media import JSON_CHAPTERS, media_type
from .episode import Episode, existing_episodes
from .labels import labels
from .show import FEED_NAME, Show

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
PSC_NS = "http://podlove.org/simple-chapters"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
#: The transcripts of an episode, by their suffix.
TRANSCRIPTS = ("vtt", "srt", "html")


class PodcastChannel(BaseExtension):
    """podcast:guid, podcast:locked and itunes:explicit (true/false) on the channel."""

    def __init__(self) -> None:
        self.guid: str | None = None
        self.locked: bool | None = None
        self.owner_email: str | None = None
        self.explicit: bool = False

    def extend_ns(self) -> dict:
        return {"podcast": PODCAST_NS, "psc": PSC_NS}

    def extend_rss(self, feed):
        channel = feed[0]
        xml_elem(f"{{{ITUNES_NS}}}explicit", channel).text = "true" if self.explicit else "false"
        if self.guid:
            xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self.guid
        if self.locked is not None:
            locked = xml_elem(f"{{{PODCAST_NS}}}locked", channel)
            locked.text = "yes" if self.locked else "no"
            if self.owner_email:
                locked.set("owner", self.owner_email)
        return feed


class PodcastItem(BaseEntryExtension):
    """podcast:chapters, podcast:transcript, psc:chapters and itunes:explicit on an item."""

    def __init__(self) -> None:
        self.chapters_url: str | None = None
        self.transcripts: list[tuple[str, str]] = []  #: (url, MIME type)
        self.simple_chapters: list[tuple[int, str]] = []  #: (start ms, title)
        self.explicit: bool = False
        self.lang: str | None = None

    def extend_rss(self, item):
        xml_elem(f"{{{ITUNES_NS}}}explicit", item).text = "true" if self.explicit else "false"
        if self.chapters_url:
            xml_elem(f"{{{PODCAST_NS}}}chapters", item).attrib.update(
                {"url": self.chapters_url, "type": JSON_CHAPTERS})
        for url, mime in self.transcripts:
            transcript = xml_elem(f"{{{PODCAST_NS}}}transcript", item)
            transcript.attrib.update({"url": url, "type": mime})
            if self.lang:
                transcript.set("language", self.lang)
            if mime == media_type(".vtt"):
                transcript.set("rel", "captions")
        if self.simple_chapters:
            psc = xml_elem(f"{{{PSC_NS}}}chapters", item)
            psc.set("version", "1.2")
            for start_ms, title in self.simple_chapters:
                xml_elem(f"{{{PSC_NS}}}chapter", psc).attrib.update(
                    {"start": timecode(start_ms, hours=True, fraction="."), "title": title})
        return item


def render_feed(show: Show, episodes: list[Episode], cover: str | None,
                built: datetime | None = None) -> bytes:
    """The feed XML for `episodes`, newest first; `cover` is the cover's file name,
    `built` its lastBuildDate (default: now)."""
    fg = FeedGenerator()
    if built is not None:
        fg.lastBuildDate(built)
    fg.load_extension("podcast")
    fg.register_extension("podcast20", PodcastChannel, PodcastItem)
    fg.title(show.title)
    fg.description(show.description)
    fg.link(href=show.feed_url, rel="self", type=media_type(FEED_NAME))
    fg.link(href=show.link or show.base_url, rel="alternate")
    fg.language(show.language)
    fg.generator("audio-edition", version=__version__)
    fg.podcast.itunes_author(show.author)
    fg.podcast.itunes_summary(show.description)
    fg.podcast.itunes_owner(name=show.owner_name, email=show.owner_email)
    fg.podcast.itunes_category(show.category, show.subcategory)
    if cover:
        fg.podcast.itunes_image(show.url(cover))
        fg.image(url=show.url(cover), title=show.title, link=show.link or show.base_url)
    fg.podcast20.guid = show.podcast_guid
    fg.podcast20.locked = show.locked
    fg.podcast20.owner_email = show.owner_email
    fg.podcast20.explicit = show.explicit
    # feedgen prepends entries, so add the oldest first to list the newest first.
    for episode in sorted(episodes, key=lambda e: (e.pub_date, e.slug)):
        _add_item(fg, show, episode, cover)
    return fg.rss_str(pretty=True)


def _add_item(fg: FeedGenerator, show: Show, episode: Episode, cover: str | None) -> None:
    entry = fg.add_entry()
    entry.guid(episode.guid, permalink=False)
    entry.title(episode.title)
    timestamps = description_timestamps(episode.chapters)
    words = labels(episode.lang)  # the description is in the article's language
    credit = "\n\n" + words.read_by.format(voices=words.credit(episode.voices)) \
        if show.credit_voice and episode.voices else ""
    entry.description(f"{episode.description}{credit}\n\n{words.feed_chapters}\n{timestamps}")
    if episode.link:
        entry.link(href=episode.link)
    entry.pubDate(datetime.fromisoformat(episode.pub_date))
    enclosure = episode.enclosure
    entry.enclosure(show.url(enclosure.path), str(enclosure.bytes), enclosure.mime)
    entry.podcast.itunes_duration(round(episode.duration_seconds))
    if episode.author:
        entry.podcast.itunes_author(episode.author)
    if cover:
        entry.podcast.itunes_image(show.url(cover))
    item = entry.podcast20
    item.explicit = show.explicit
    item.lang = episode.lang
    if episode.chapters_json:
        item.chapters_url = show.url(episode.chapters_json.path)
    item.transcripts = [(show.url(f.path), f.mime) for f in episode.transcripts.values()]
    item.simple_chapters = [(c.start_ms, c.title) for c in episode.chapters]


def write_feed(out: Path, show: Show, cover: str | None,
               episodes: list[Episode] | None = None) -> tuple[Path, int]:
    """Write the feed of `episodes` (default: every complete one in `out`), atomically.
    A feed that would say what it says already is left as it is, its lastBuildDate
    and its file's time too (so a server's ETag and Last-Modified stay, and an app
    that asks again gets a 304)."""
    episodes = existing_episodes(out) if episodes is None else episodes
    path = out / FEED_NAME
    built = _last_built(path)
    if built is None or path.read_bytes() != render_feed(show, episodes, cover, built):
        write_atomic(path, render_feed(show, episodes, cover))
    return path, len(episodes)


def _last_built(path: Path) -> datetime | None:
    """The lastBuildDate of the feed at `path`, if there is one to read."""
    from email.utils import parsedate_to_datetime

    from lxml import etree

    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
        return parsedate_to_datetime(tree.findtext("channel/lastBuildDate") or "")
    except (OSError, etree.XMLSyntaxError, TypeError, ValueError):
        return None

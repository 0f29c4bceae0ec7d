"""Time codes: one way to write a position in the audio, in every format that shows
one (chapters, captions, transcripts, books, the feed, the command line)."""
from __future__ import annotations


def timecode(ms: int, hours: bool | None = None, pad: bool = True, fraction: str = "") -> str:
    """`ms` as "01:02:03", "02:03" or "1:02:03.040".

    hours: True always shows them, None only when there are any, False never (the
    minutes run on past 59). pad: the first field has two digits. fraction: the
    separator before milliseconds ("." in WebVTT, "," in SRT), or "" for none.
    """
    whole_hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    if hours is False:
        minutes += whole_hours * 60
    shown = hours is True or (hours is None and whole_hours > 0)
    first = whole_hours if shown else minutes
    text = f"{first:02d}" if pad else str(first)
    text += f":{minutes:02d}:{seconds:02d}" if shown else f":{seconds:02d}"
    return f"{text}{fraction}{millis:03d}" if fraction else text

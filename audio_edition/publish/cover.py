"""Cover art: the show's own image, or one drawn from the show's title.

Apple asks for a square JPEG or PNG of 1400 to 3000 pixels, which a configured
image must be, and decode whole (a truncated file is no cover); a generated
cover is 1400 x 1400 PNG: the title in large type on a calm colour chosen
from the title, so each show gets its own.
"""
from __future__ import annotations

import hashlib
import io
import textwrap
import warnings
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..errors import SettingsError
from ..media import media_type
from ..printable import printable

SIZE = 1400
MIN_SIZE, MAX_SIZE = 1400, 3000
_PALETTE = [(24, 62, 92), (88, 40, 72), (26, 84, 64), (110, 58, 20), (44, 44, 96), (92, 30, 30)]


class CoverError(SettingsError):
    """The configured image cannot be a podcast cover; the message says why."""

    def __init__(self, problem: str) -> None:
        super().__init__(f"the show's image: {problem}")


def generated_cover(title: str) -> bytes:
    """A 1400 px square PNG showing `title`."""
    colour = _PALETTE[hashlib.sha256(title.encode()).digest()[0] % len(_PALETTE)]
    image = Image.new("RGB", (SIZE, SIZE), colour)
    draw = ImageDraw.Draw(image)
    lines = textwrap.wrap(title, width=14)[:5] or ["Audio Edition"]
    size = 170 if len(lines) <= 3 else 130
    font = ImageFont.load_default(size=size)
    heights = [draw.textbbox((0, 0), line, font=font)[3] for line in lines]
    y = (SIZE - sum(heights) - 30 * (len(lines) - 1)) // 2
    for line, height in zip(lines, heights):
        width = draw.textlength(line, font=font)
        draw.text(((SIZE - width) / 2, y), line, font=font, fill=(250, 246, 238))
        y += height + 30
    draw.rectangle([(SIZE * 0.3, SIZE - 190), (SIZE * 0.7, SIZE - 176)], fill=(250, 246, 238))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def cover_size(data: bytes) -> int:
    """The side of a (square) cover, in pixels; its header alone is read."""
    with Image.open(io.BytesIO(data)) as image:
        return image.size[0]


def checked_cover(path: Path) -> tuple[bytes, str]:
    """The bytes and MIME type of a configured cover, after checking Apple's rules."""
    if not path.exists():
        raise CoverError(f"{path}: no such file")
    if not path.is_file():
        raise CoverError(f"{path}: not a regular file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CoverError(f"{path}: cannot read the file ({err.strerror})") from err
    with warnings.catch_warnings():  # Pillow warns of a large image on stderr: ours is the one line
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                _checked_shape(path, kind, width, height)
                image.load()  # decoded to its last row: a truncated file fails here
        except CoverError:
            raise
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as err:
            raise CoverError(f"{path}: the image is far larger than a cover "
                             f"({MAX_SIZE} px square at most)") from err
        except (OSError, SyntaxError, ValueError) as err:
            raise CoverError(f"{path}: not an image that can be decoded whole "
                             f"({printable(str(err) or type(err).__name__)})") from err
    return data, media_type(".jpg" if kind == "JPEG" else ".png")


def _checked_shape(path: Path, kind: str | None, width: int, height: int) -> None:
    """Apple's rules for the image's type and size, from its header (before it is decoded)."""
    if kind not in ("JPEG", "PNG"):
        raise CoverError(f"{path}: cover must be JPEG or PNG, not {kind}")
    if width != height or not MIN_SIZE <= width <= MAX_SIZE:
        raise CoverError(f"{path}: cover must be square, {MIN_SIZE} to {MAX_SIZE} px "
                         f"(it is {width} x {height})")

"""Pictures for the sample events, drawn with Pillow at load time: a hall, a stage banner with the event's name, people.

Nothing is downloaded. Each picture is a plain coloured composition (a red banner with the event's name in yellow
letters over a stage, rows of seated delegates, a line of people holding certificates, a group photo), drawn from
the event's title and a variant, encoded as JPEG. The same arguments give the same bytes, so a picture is drawn once
per process (a test that loads the demo twice pays for it once).
"""

import functools
import io
import random
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# DejaVu Sans covers Vietnamese; the printable reports embed the same files (dashboard/fonts/README.md).
FONT_DIR = Path(__file__).resolve().parents[2] / "dashboard" / "fonts"
WIDTH, HEIGHT = 960, 640
JPEG_QUALITY = 80
VARIANTS = ("stage", "audience", "presentation", "group")
# Backdrops of the hall (wall colours) and the colours of clothes.
WALLS = [(236, 226, 208), (222, 232, 240), (240, 232, 220), (228, 236, 226), (238, 228, 232)]
CLOTHES = [(40, 52, 84), (30, 30, 36), (250, 250, 250), (120, 30, 40), (70, 90, 120), (200, 200, 205)]
SKIN = [(224, 182, 150), (210, 165, 130), (236, 196, 164)]
BANNER_RED = (176, 24, 28)
BANNER_GOLD = (252, 214, 88)
FLOOR = (120, 84, 60)


@functools.lru_cache(maxsize=8)
def font(size, bold=True):
    return ImageFont.truetype(str(FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


@functools.lru_cache(maxsize=512)
def picture(title, variant, seed):
    """A JPEG (bytes) of one scene of the event `title`: `variant` is one of VARIANTS; `seed` varies the details."""
    rng = random.Random(f"{seed}:{variant}:{title}")  # nosec B311 - reproducible sample pictures, nothing secret
    image = Image.new("RGB", (WIDTH, HEIGHT), rng.choice(WALLS))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT * 3 // 4, WIDTH, HEIGHT), fill=FLOOR)
    if variant == "audience":
        draw_banner(draw, title, top=30, height=130)
        draw_rows(draw, rng)
    elif variant == "presentation":
        draw_banner(draw, title, top=40, height=170)
        draw_people(draw, rng, count=rng.randint(5, 6), base=HEIGHT - 30, size=72, certificates=True)
    elif variant == "group":
        draw_banner(draw, title, top=40, height=170)
        draw_people(draw, rng, count=rng.randint(8, 10), base=HEIGHT - 110, size=52)
        draw_people(draw, rng, count=rng.randint(7, 9), base=HEIGHT - 20, size=60)
    else:
        draw_banner(draw, title, top=50, height=220)
        draw_stage(draw, rng)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY)
    return out.getvalue()


def draw_banner(draw, title, top, height):
    """The red banner across the back of the hall, with the event's name in gold, as Vietnamese halls have."""
    margin = 40
    draw.rectangle((margin, top, WIDTH - margin, top + height), fill=BANNER_RED, outline=BANNER_GOLD, width=4)
    size = 30 if height > 150 else 24
    lines = textwrap.wrap(title, width=44 if size == 30 else 56)[:4]
    line_height = size + 8
    y = top + (height - line_height * len(lines)) // 2
    for line in lines:
        draw.text((WIDTH // 2, y), line, font=font(size), fill=BANNER_GOLD, anchor="ma")
        y += line_height


def draw_stage(draw, rng):
    """A stage with a lectern, flowers in front and the bust-and-flag corner."""
    stage_top = HEIGHT * 3 // 4 - 40
    draw.rectangle((0, stage_top, WIDTH, stage_top + 40), fill=(150, 40, 40))
    draw.rectangle((WIDTH // 2 - 50, stage_top - 110, WIDTH // 2 + 50, stage_top), fill=(140, 96, 60))
    draw_person(draw, WIDTH // 2, stage_top - 110, 40, rng)
    for x in range(60, WIDTH, 70):
        colour = rng.choice([(230, 70, 90), (250, 200, 60), (240, 240, 240), (220, 120, 40)])
        draw.ellipse((x - 22, stage_top + 14, x + 22, stage_top + 52), fill=colour)
        draw.rectangle((x - 26, stage_top + 40, x + 26, stage_top + 60), fill=(60, 120, 60))


def draw_rows(draw, rng):
    """Delegates seen from behind, in rows that get larger towards the camera."""
    for row, (y, size) in enumerate([(300, 22), (370, 28), (450, 34), (540, 42)]):
        step = size * 2 + 10
        offset = (row % 2) * step // 2
        for x in range(20 + offset, WIDTH, step):
            draw.ellipse((x - size // 2, y - size, x + size // 2, y), fill=(30, 26, 24))
            draw.rectangle((x - size, y, x + size, y + size), fill=rng.choice(CLOTHES))


def draw_people(draw, rng, count, base, size, certificates=False):
    """A line of people standing, evenly spaced; with certificates, each holds a red frame."""
    step = (WIDTH - 80) // count
    for i in range(count):
        x = 40 + step // 2 + i * step
        draw_person(draw, x, base - size * 3, size, rng)
        if certificates:
            top = base - size * 2
            draw.rectangle((x - size * 2 // 3, top, x + size * 2 // 3, top + size), fill=BANNER_RED)
            draw.rectangle((x - size // 2, top + 8, x + size // 2, top + size - 8), fill=BANNER_GOLD)


def draw_person(draw, x, top, size, rng):
    """A person: a head and a body, `size` wide at the shoulders."""
    head = size * 2 // 3
    draw.ellipse((x - head // 2, top, x + head // 2, top + head), fill=rng.choice(SKIN))
    draw.rectangle((x - size // 2, top + head, x + size // 2, top + head + size * 2), fill=rng.choice(CLOTHES))

"""Uploaded images: a validator for every ImageField, and resized thumbnails for public pages.

The validator accepts only real JPEG, PNG or WebP images within a size in bytes and in pixels, and refuses
decompression bombs (a tiny file that would expand to gigabytes in memory). Public pages never link an original
upload: they get a thumbnail, resized with Pillow, turned upright from its EXIF orientation and re-encoded without
EXIF (so no GPS location leaves the portal), stored under MEDIA_ROOT/thumbs/ and generated once.
"""

import hashlib
import io
import logging
import posixpath
import warnings

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import FileExtensionValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
# Pillow format name -> file extension of a thumbnail in that format.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ALLOWED_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
THUMBNAIL_SIZES = {"sm": 160, "md": 400, "lg": 1600}
THUMBNAIL_DIR = "thumbs"

validate_image_extension = FileExtensionValidator(
    allowed_extensions=ALLOWED_EXTENSIONS,
    message=_("Only JPEG, PNG and WebP images can be uploaded (the file ends in “.%(extension)s”)."),
)


def _megabytes(n):
    return f"{n / (1024 * 1024):.0f}"


@deconstructible
class ImageValidator:
    """Refuse anything but a real JPEG, PNG or WebP image within `max_bytes` and `max_pixels`.

    Runs on new uploads only: a file already stored was checked when it came in (and re-reading every stored file on
    each save would be slow and fail when storage is elsewhere).
    """

    def __init__(self, max_bytes=MAX_IMAGE_BYTES, max_pixels=MAX_IMAGE_PIXELS):
        self.max_bytes = max_bytes
        self.max_pixels = max_pixels

    def __eq__(self, other):
        return (
            isinstance(other, ImageValidator)
            and self.max_bytes == other.max_bytes
            and self.max_pixels == other.max_pixels
        )

    def __call__(self, value):
        if value is None or (hasattr(value, "_committed") and value._committed):
            return
        size = getattr(value, "size", None)
        if size is not None and size > self.max_bytes:
            raise ValidationError(
                _("The image is too large: %(size)s MB. The limit is %(limit)s MB."),
                code="image_too_large",
                params={"size": f"{size / (1024 * 1024):.1f}", "limit": _megabytes(self.max_bytes)},
            )
        file = getattr(value, "file", value)
        try:
            position = file.tell()
        except (AttributeError, OSError):
            position = None
        try:
            self._check(file)
        finally:
            if position is not None:
                file.seek(position)

    def _check(self, file):
        try:
            file.seek(0)
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image = Image.open(file)
                fmt = image.format
                width, height = image.size
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ValidationError(
                _(
                    "This file would expand to an enormous picture in memory (a “decompression bomb”) and was refused. "
                    "Save the image again at a normal size."
                ),
                code="image_bomb",
            ) from exc
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise ValidationError(
                _("This file is not an image, or the image is damaged. Upload a JPEG, PNG or WebP photo."),
                code="image_invalid",
            ) from exc
        if fmt not in ALLOWED_FORMATS:
            raise ValidationError(
                _("Images in the %(format)s format are not accepted. Upload a JPEG, PNG or WebP photo."),
                code="image_format",
                params={"format": fmt or "?"},
            )
        if width * height > self.max_pixels:
            raise ValidationError(
                _(
                    "The image is %(width)s × %(height)s pixels, more than the %(limit)s megapixels allowed. "
                    "Resize it before uploading."
                ),
                code="image_too_many_pixels",
                params={"width": width, "height": height, "limit": self.max_pixels // 1_000_000},
            )
        try:
            file.seek(0)
            with Image.open(file) as image:
                image.verify()
        except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds of error for a damaged file
            raise ValidationError(
                _("This file is not an image, or the image is damaged. Upload a JPEG, PNG or WebP photo."),
                code="image_invalid",
            ) from exc


validate_image = ImageValidator()
IMAGE_VALIDATORS = [validate_image_extension, validate_image]


class ImageFormField(forms.ImageField):
    """A form field that gives this module's clear messages before Django's generic "Upload a valid image".

    Django's own field opens the upload with Pillow first and turns every problem (a decompression bomb included)
    into one generic message; forms and admins that want the precise one use this class, e.g.
    `formfield_overrides = {models.ImageField: {"form_class": ImageFormField}}`.
    """

    def to_python(self, data):
        if data and not isinstance(data, str):
            validate_image(data)
        return super().to_python(data)


def thumbnail_name(source_name, size, mtime, fmt):
    """Storage name of a thumbnail: derived from the source path, the size and the source's modification time."""
    digest = hashlib.sha256(f"{source_name}|{size}|{mtime}".encode()).hexdigest()[:16]
    folder, filename = posixpath.split(source_name)
    stem = posixpath.splitext(filename)[0][:60] or "image"
    return posixpath.join(THUMBNAIL_DIR, size, folder, f"{stem}-{digest}.{ALLOWED_FORMATS[fmt]}")


def _render(source, size, fmt):
    """Resized, upright copy of the image in `source` (a binary file), encoded without any EXIF."""
    box = THUMBNAIL_SIZES[size]
    with Image.open(source) as image:
        if image.width * image.height > MAX_IMAGE_PIXELS:
            raise ValueError("image has too many pixels for a thumbnail")
        if image.format == "JPEG":
            image.draft("RGB", (box * 2, box * 2))
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((box, box), Image.Resampling.LANCZOS)
        # Copy the pixels into a new image so that no metadata (EXIF, GPS, XMP, comments) comes along.
        if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        elif upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            upright = upright.convert("RGBA")
        clean = Image.new(upright.mode, upright.size)
        if upright.mode == "P":
            clean.putpalette(upright.getpalette())
        clean.paste(upright)
    out = io.BytesIO()
    options = {"JPEG": {"quality": 85, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 82}}[fmt]
    clean.save(out, format=fmt, **options)
    return out.getvalue()


def thumbnail_url(field_file, size="md"):
    """URL of a resized copy of an ImageField's file, generated on first use; "" when there is no usable image.

    Never raises: a missing or broken file gives "" so that a page still renders.
    """
    if size not in THUMBNAIL_SIZES or not field_file or not getattr(field_file, "name", ""):
        return ""
    storage = field_file.storage
    name = field_file.name
    try:
        mtime = int(storage.get_modified_time(name).timestamp())
        ext = posixpath.splitext(name)[1].lower().lstrip(".")
        fmt = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}.get(ext, "JPEG")
        target = thumbnail_name(name, size, mtime, fmt)
        if not storage.exists(target):
            with storage.open(name, "rb") as source:
                data = _render(source, size, fmt)
            saved = storage.save(target, ContentFile(data))
            if saved != target:  # another request made it at the same time: keep one copy
                storage.delete(saved)
        return storage.url(target)
    except Exception:  # noqa: BLE001 - a broken image must never break a page
        logger.warning("No thumbnail for %s (%s)", name, size, exc_info=True)
        return ""

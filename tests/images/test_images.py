"""Uploaded images are checked, and public pages get small, upright thumbnails without EXIF location data."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.utils import translation
from PIL import ExifTags, Image

from core import images
from tests import factories


def image_bytes(fmt="JPEG", size=(64, 48), color=(200, 30, 30), **save_options):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format=fmt, **save_options)
    return out.getvalue()


def png_claiming(width, height):
    """A tiny, well-formed PNG whose header claims width x height pixels (how a decompression bomb looks)."""
    data = bytearray(image_bytes("PNG", size=(1, 1)))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return bytes(data)


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def messages_of(exc_info):
    return " ".join(exc_info.value.messages)


@pytest.mark.parametrize("fmt,ext", [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_real_images_in_accepted_formats_pass(fmt, ext):
    images.validate_image_extension(upload(f"anh.{ext}", b""))
    images.validate_image(upload(f"anh.{ext}", image_bytes(fmt)))


def test_a_renamed_text_file_is_refused_with_a_vietnamese_message():
    with pytest.raises(ValidationError) as exc_info:
        images.validate_image(upload("anh.jpg", "Đây là một tệp văn bản, không phải ảnh.".encode()))
    assert exc_info.value.code == "image_invalid"
    assert "không phải là ảnh" in messages_of(exc_info)


def test_a_truncated_image_is_refused():
    with pytest.raises(ValidationError) as exc_info:
        images.validate_image(upload("anh.png", image_bytes("PNG", size=(300, 300))[:200]))
    assert exc_info.value.code == "image_invalid"


def test_other_formats_and_extensions_are_refused():
    with pytest.raises(ValidationError) as exc_info:
        images.validate_image(upload("anh.gif", image_bytes("GIF")))
    assert exc_info.value.code == "image_format"
    with pytest.raises(ValidationError):
        images.validate_image_extension(upload("anh.exe", b""))


def test_an_image_over_the_byte_limit_is_refused():
    content = image_bytes("JPEG") + b"\0" * images.MAX_IMAGE_BYTES
    with pytest.raises(ValidationError) as exc_info:
        images.validate_image(upload("anh.jpg", content))
    assert exc_info.value.code == "image_too_large"
    assert "10 MB" in messages_of(exc_info)


def test_an_image_over_the_pixel_limit_is_refused():
    with pytest.raises(ValidationError) as exc_info:
        images.validate_image(upload("anh.png", png_claiming(8000, 6000)))
    assert exc_info.value.code == "image_too_many_pixels"
    assert "8000 × 6000" in messages_of(exc_info)


@pytest.mark.parametrize("side", [12_000, 40_000])
def test_a_decompression_bomb_is_refused(side):
    """12,000² is over Pillow's warning threshold, 40,000² over its error threshold: both are refused, cheaply."""
    bomb = png_claiming(side, side)
    assert len(bomb) < 200
    with pytest.raises(ValidationError) as exc_info:
        images.validate_image(upload("bom.png", bomb))
    assert exc_info.value.code == "image_bomb"


def test_the_message_is_in_english_on_the_english_side():
    with translation.override("en"):
        with pytest.raises(ValidationError) as exc_info:
            images.validate_image(upload("anh.jpg", b"plain text"))
        assert "not an image" in messages_of(exc_info)


@pytest.mark.django_db
def test_models_refuse_a_renamed_text_file():
    photo = factories.PhotoFactory.build(event=factories.EventFactory(), image=upload("anh.jpg", b"not a picture"))
    with pytest.raises(ValidationError) as exc_info:
        photo.full_clean()
    assert "image" in exc_info.value.message_dict
    person = factories.PersonFactory.build(photo=upload("chan-dung.txt", b"text"))
    with pytest.raises(ValidationError) as exc_info:
        person.full_clean()
    assert "photo" in exc_info.value.message_dict


@pytest.mark.django_db
def test_models_accept_a_real_image():
    organization = factories.OrganizationFactory.build(logo=upload("logo.png", image_bytes("PNG")))
    organization.full_clean(exclude=["area", "slug"])


def photo_with_exif(orientation=6, size=(80, 40)):
    """A JPEG taken 'sideways' (EXIF orientation 6: turn 90° clockwise to view) carrying a GPS location."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Máy ảnh thử"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (20.0, 51.0, 22.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 41.0, 2.0)
    return image_bytes("JPEG", size=size, exif=exif.tobytes())


@pytest.mark.django_db
def test_thumbnail_is_upright_resized_and_has_no_exif_or_gps():
    source = photo_with_exif(size=(800, 400))
    with Image.open(io.BytesIO(source)) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo), "the test photo must carry a location"
    photo = factories.PhotoFactory(image=SimpleUploadedFile("le-ky-niem.jpg", source))

    url = images.thumbnail_url(photo.image, "sm")

    assert url.startswith("/media/thumbs/sm/")
    assert photo.image.name not in url
    name = url.removeprefix("/media/")
    with default_storage.open(name, "rb") as f, Image.open(f) as thumb:
        assert thumb.format == "JPEG"
        assert thumb.size == (80, 160)  # turned upright (portrait), longest side 160
        assert not thumb.getexif()
        assert "exif" not in thumb.info
        assert thumb.getpixel((40, 80))[0] > 150  # still the red photo


@pytest.mark.django_db
def test_thumbnail_of_a_png_keeps_transparency_and_never_upscales():
    out = io.BytesIO()
    Image.new("RGBA", (50, 30), (0, 0, 0, 0)).save(out, format="PNG")
    photo = factories.PhotoFactory(image=SimpleUploadedFile("logo.png", out.getvalue()))
    name = images.thumbnail_url(photo.image, "lg").removeprefix("/media/")
    with default_storage.open(name, "rb") as f, Image.open(f) as thumb:
        assert (thumb.format, thumb.size, thumb.mode) == ("PNG", (50, 30), "RGBA")


@pytest.mark.django_db
def test_thumbnail_is_generated_once_and_reused(monkeypatch):
    photo = factories.PhotoFactory()
    first = images.thumbnail_url(photo.image, "md")
    calls = []
    monkeypatch.setattr(images, "_render", lambda *args: calls.append(args) or b"")
    assert images.thumbnail_url(photo.image, "md") == first
    assert calls == []
    assert images.thumbnail_url(photo.image, "sm") != first  # another size is another file


@pytest.mark.django_db
def test_missing_or_broken_images_give_an_empty_url():
    photo = factories.PhotoFactory()
    default_storage.delete(photo.image.name)
    assert images.thumbnail_url(photo.image, "md") == ""
    broken = factories.PhotoFactory(image=SimpleUploadedFile("hong.jpg", b"this is not a picture"))
    assert images.thumbnail_url(broken.image, "md") == ""
    assert images.thumbnail_url(factories.OrganizationFactory().logo, "md") == ""  # no logo at all
    assert images.thumbnail_url(photo.image, "huge") == ""


@pytest.mark.django_db
def test_template_tag_as_variable_and_direct():
    photo = factories.PhotoFactory()
    rendered = Template(
        '{% load thumbnails %}{% thumbnail_url photo.image "md" as url %}[{{ url }}]{% thumbnail_url photo.image "sm" %}'
        '{% thumbnail_url missing "md" %}|'
    ).render(Context({"photo": photo, "missing": None}))
    assert rendered.startswith("[/media/thumbs/md/")
    assert "/media/thumbs/sm/" in rendered
    assert rendered.endswith(".jpg|")


def test_form_field_gives_the_clear_message_for_a_bomb_that_django_would_call_invalid():
    from django import forms

    with pytest.raises(ValidationError) as plain:
        forms.ImageField().clean(upload("bom.png", png_claiming(40_000, 40_000)))
    assert plain.value.code == "invalid_image"
    with pytest.raises(ValidationError) as ours:
        images.ImageFormField().clean(upload("bom.png", png_claiming(40_000, 40_000)))
    assert ours.value.code == "image_bomb"
    assert images.ImageFormField().clean(upload("anh.jpg", image_bytes("JPEG"))).name == "anh.jpg"

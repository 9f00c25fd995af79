"""Seed Hải Phòng's administrative units (from members/data/haiphong-areas.csv) and the common sectors."""

import csv
import datetime
from pathlib import Path

from django.db import migrations

from core import text

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "haiphong-areas.csv"
LEVELS = {
    "city": "city",
    "quận": "urban_district",
    "huyện": "rural_district",
    "thành phố": "district_city",
    "phường": "ward",
    "xã": "commune",
    "đặc khu": "special_zone",
}
SECTORS = [
    ("Nông nghiệp", "Agriculture"),
    ("Thủy sản", "Fisheries"),
    ("Lâm nghiệp", "Forestry"),
    ("Công nghiệp – tiểu thủ công nghiệp", "Industry and handicrafts"),
    ("Thương mại – dịch vụ", "Trade and services"),
    ("Vận tải", "Transport"),
    ("Xây dựng", "Construction"),
    ("Tín dụng", "Credit"),
    ("Môi trường", "Environment"),
    ("Điện, nước sạch", "Electricity and clean water"),
    ("Du lịch", "Tourism"),
    ("Nhà ở", "Housing"),
]


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def seed(apps, schema_editor):
    Area = apps.get_model("members", "Area")
    Sector = apps.get_model("members", "Sector")
    with CSV_PATH.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_code = {}
    for row in sorted(rows, key=lambda r: bool(r["parent_code"])):
        area = Area(
            code=row["code"],
            name=row["name"],
            level=LEVELS[row["level"]],
            parent=by_code.get(row["parent_code"]),
            valid_from=_date(row["valid_from"]),
            valid_to=_date(row["valid_to"]),
            note=row["note"],
            search_text=text.fold(f"{row['name']} {row['note']} {row['code']}"),
            sort_key=text.sort_key(row["name"]),
        )
        area.save()
        by_code[area.code] = area
    for order, (name, name_en) in enumerate(SECTORS, start=1):
        Sector.objects.create(name=name, name_en=name_en, slug=text.vi_slugify(name), order=order)


def unseed(apps, schema_editor):
    apps.get_model("members", "Sector").objects.all().delete()
    Area = apps.get_model("members", "Area")
    Area.objects.exclude(parent=None).delete()
    Area.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]

"""Seed the forms of honour (Law on Emulation and Commendation 2022, plus the customary banner) and the authorities."""

import datetime

from django.db import migrations

from core import text

# name, English name, category, may go to, statutory
FORMS = [
    ("Huân chương Lao động", "Labour Order", "order", "both", True),
    ("Cờ thi đua", "Emulation flag", "flag", "collective", True),
    ("Bằng khen", "Certificate of merit", "certificate", "both", True),
    ("Giấy khen", "Certificate of commendation", "certificate", "both", True),
    ("Kỷ niệm chương", "Commemorative medal", "commemorative_medal", "individual", True),
    (
        "Kỷ niệm chương “Vì sự nghiệp phát triển HTX”",
        "Commemorative medal “For the development of cooperatives”",
        "commemorative_medal",
        "individual",
        True,
    ),
    ("Tập thể lao động xuất sắc", "Excellent labour collective", "title", "collective", True),
    ("Tập thể lao động tiên tiến", "Advanced labour collective", "title", "collective", True),
    ("Chiến sĩ thi đua cơ sở", "Grassroots emulation fighter", "title", "individual", True),
    ("Lao động tiên tiến", "Advanced worker", "title", "individual", True),
    ("Bức trướng", "Banner", "banner", "collective", False),
]

# name, short name, English name, level
AUTHORITIES = [
    ("Chủ tịch nước", "Chủ tịch nước", "President of Vietnam", "state"),
    ("Thủ tướng Chính phủ", "Thủ tướng", "Prime Minister", "state"),
    ("Ban Chấp hành Liên minh HTX Việt Nam", "BCH Liên minh HTX Việt Nam",
     "Executive Committee of the Vietnam Cooperative Alliance", "national_alliance"),
    ("Chủ tịch Liên minh HTX Việt Nam", "Chủ tịch Liên minh HTX VN",
     "Chairman of the Vietnam Cooperative Alliance", "national_alliance"),
    ("Thành ủy – HĐND – UBND thành phố Hải Phòng", "Thành ủy, HĐND, UBND thành phố",
     "Hải Phòng Party Committee, People's Council and People's Committee", "city"),
    ("UBND thành phố Hải Phòng", "UBND thành phố", "Hải Phòng People's Committee", "city"),
    ("Chủ tịch UBND thành phố Hải Phòng", "Chủ tịch UBND thành phố",
     "Chairman of the Hải Phòng People's Committee", "city"),
    ("Liên minh HTX & DN TP Hải Phòng", "Liên minh HTX & DN", "Hải Phòng Alliance of Cooperatives and Enterprises",
     "alliance"),
]  # fmt: skip


def seed(apps, schema_editor):
    HonourForm = apps.get_model("awards", "HonourForm")
    Authority = apps.get_model("awards", "Authority")
    Area = apps.get_model("members", "Area")
    for order, (name, name_en, category, scope, statutory) in enumerate(FORMS, start=1):
        HonourForm.objects.create(
            name=name, name_en=name_en, slug=text.vi_slugify(name), category=category,
            recipient_scope=scope, is_statutory=statutory, order=order,
        )  # fmt: skip
    for order, (name, short, name_en, level) in enumerate(AUTHORITIES, start=1):
        Authority.objects.create(name=name, short_name=short, name_en=name_en, level=level, order=order)
    # The People's Committees of the district-level units, which ended with the district level on 30/6/2025.
    districts = Area.objects.filter(level__in=["urban_district", "rural_district", "district_city"]).order_by("code")
    for order, area in enumerate(districts, start=100):
        Authority.objects.create(
            name=f"UBND {area.name[0].lower()}{area.name[1:]}",
            short_name=f"UBND {area.name[0].lower()}{area.name[1:]}",
            level="district",
            valid_from=area.valid_from,
            valid_to=area.valid_to or datetime.date(2025, 6, 30),
            order=order,
        )


def unseed(apps, schema_editor):
    apps.get_model("awards", "HonourForm").objects.all().delete()
    apps.get_model("awards", "Authority").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial"), ("members", "0002_seed_areas_and_sectors")]
    operations = [migrations.RunPython(seed, unseed)]

"""The demo's 30th-anniversary page tells the ceremony as the press report does (FACTS.md)."""

import html
import re

import pytest
from django.utils import translation

demo = pytest.importorskip("alliance_portal.demo", reason="the demo loader (alliance_portal/demo.py) is not there yet")

pytestmark = pytest.mark.django_db

HONOUR_LINES_VI = [
    "Thành ủy – HĐND – UBND thành phố Hải Phòng tặng Bức trướng mang dòng chữ "
    "“30 năm đổi mới, hợp tác, phát triển bền vững” cho Liên minh HTX & DN TP Hải Phòng.",
    "UBND thành phố Hải Phòng tặng Cờ thi đua cho 02 tập thể.",
    "UBND thành phố Hải Phòng tặng danh hiệu Tập thể lao động xuất sắc cho 02 tập thể.",
    "Chủ tịch UBND thành phố Hải Phòng tặng Bằng khen cho 03 tập thể và 06 cá nhân.",
    "Ban Chấp hành Liên minh HTX Việt Nam tặng Bằng khen cho 01 tập thể và 02 cá nhân.",
    "Ban Chấp hành Liên minh HTX Việt Nam tặng Kỷ niệm chương “Vì sự nghiệp phát triển HTX” cho 06 cá nhân.",
]
HONOUR_LINES_EN = [
    "The Hải Phòng Party Committee, People's Council and People's Committee awarded a Banner inscribed "
    "“30 năm đổi mới, hợp tác, phát triển bền vững” to Liên minh HTX & DN TP Hải Phòng.",
    "The Hải Phòng People's Committee awarded Emulation flags to 02 collectives.",
    "The Hải Phòng People's Committee conferred the title of Excellent labour collective on 02 collectives.",
    "The Chairman of the Hải Phòng People's Committee awarded Certificates of merit to 03 collectives and 06 individuals.",
    "The Executive Committee of the Vietnam Cooperative Alliance awarded Certificates of merit to 01 collective and "
    "02 individuals.",
    "The Executive Committee of the Vietnam Cooperative Alliance awarded Commemorative medals “For the development of "
    "cooperatives” to 06 individuals.",
]


def page_text(response):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def anniversary(db):
    return demo.load_facts()


def test_demo_anniversary_page_in_vietnamese(client, anniversary):
    response = client.get(anniversary.get_absolute_url())
    assert response.status_code == 200
    text = page_text(response)
    assert "Kỷ niệm 30 năm" in text and "31/07/2020" in text
    for line in HONOUR_LINES_VI:
        assert line in text
    for name in ("Nguyễn Văn Thịnh", "Nguyễn Văn Thành", "Lương Minh Huệ", "Bùi Đức Vinh", "Cao Thị Hằng"):
        assert name in text
    assert "Phó Chủ tịch Liên minh HTX Việt Nam" in text
    # 23 honours: the banner is a fact, the 22 recipients the report does not name are marked as sample data.
    assert response.context["honour_count"] == 23
    assert text.count("Dữ liệu mẫu") >= 22
    assert "Vnbusiness" in text


def test_demo_anniversary_page_in_english(client, anniversary):
    with translation.override("en"):
        url = anniversary.get_absolute_url()
    text = page_text(client.get(url))
    assert "Celebrating 30 years" in text
    for line in HONOUR_LINES_EN:
        assert line in text

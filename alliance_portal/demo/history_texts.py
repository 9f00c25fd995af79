"""The words of the sample history's events: titles, venues, summaries, programmes, guests and speeches, as data."""

import datetime

from events.models import Event

from .honours import SAMPLE_MARK

K = Event.Kind

# The years of the occasions that are not held every year. The alliance's real congresses (five by 2020) are undated
# in the report: these sample congresses are not linked to them and carry no number.
ANNIVERSARY_YEARS = [2000, 2005, 2010, 2015, 2025]
CONGRESS_YEARS = [2001, 2006, 2011, 2016, 2021, 2026]
REVIEW_YEARS = range(1996, 2027)  # "Hội nghị tổng kết" early each year, of the year before
REVIEW_SHARE = 0.85  # the share of years whose review conference is recorded
TRAININGS = [
    (2004, "Tập huấn Luật Hợp tác xã năm 2003 cho cán bộ quản lý HTX"),
    (2008, "Lớp bồi dưỡng nghiệp vụ kế toán hợp tác xã"),
    (2013, "Tập huấn Luật Hợp tác xã năm 2012"),
    (2017, "Tập huấn ứng dụng công nghệ cao trong sản xuất nông nghiệp"),
    (2019, "Tập huấn xây dựng sản phẩm OCOP cho hợp tác xã"),
    (2022, "Tập huấn chuyển đổi số cho hợp tác xã"),
    (2024, "Tập huấn Luật Hợp tác xã năm 2023"),
    (2026, "Tập huấn thương mại điện tử cho HTX nông nghiệp"),
]
FAIRS = [
    (2007, "Hội chợ sản phẩm hợp tác xã và làng nghề thành phố Hải Phòng"),
    (2012, "Hội chợ Năm Quốc tế Hợp tác xã 2012"),
    (2018, "Hội chợ nông sản an toàn và sản phẩm OCOP"),
    (2023, "Phiên chợ kết nối cung cầu sản phẩm HTX"),
]
FORUMS = [
    (2012, "Hội nghị biểu dương hợp tác xã tiêu biểu nhân Năm Quốc tế Hợp tác xã"),
    (2022, "Hội thảo phát triển kinh tế tập thể theo Nghị quyết 20-NQ/TW"),
]
# Kept unpublished: drafts the admin shows and the public never sees.
DRAFTS = [
    (2010, K.TRAINING, "Lớp tập huấn quản trị hợp tác xã (bản nháp)"),
    (2023, K.CONFERENCE, "Họp Ban Thường trực Liên minh quý III (bản nháp)"),
]
# Still to come (fixed days, so the demo is the same every day): on the events page's "Upcoming" list until then.
UPCOMING = [
    (datetime.date(2027, 1, 14), K.CONFERENCE, "Hội nghị tổng kết công tác năm 2026, triển khai nhiệm vụ năm 2027"),
    (datetime.date(2027, 3, 18), K.TRAINING, "Tập huấn Luật Hợp tác xã và các văn bản hướng dẫn mới"),
]

VENUES = [
    "Hội trường Liên minh HTX & DN TP Hải Phòng",
    "Trung tâm Hội nghị thành phố Hải Phòng",
    "Cung Văn hóa Lao động hữu nghị Việt – Tiệp",
    "Nhà hát thành phố Hải Phòng",
    "Hội trường Sở Nông nghiệp thành phố",
]
FAIR_VENUES = ["Quảng trường Nhà hát thành phố", "Trung tâm Hội chợ triển lãm Hải Phòng", "Công viên Tuổi trẻ"]


def review_title(year):
    return f"Hội nghị tổng kết công tác năm {year - 1}, triển khai nhiệm vụ năm {year}"


def anniversary_title(year):
    return f"Kỷ niệm {year - 1990} năm Ngày thành lập Liên minh (31/7/1990 – 31/7/{year})"


def congress_title(year):
    return f"Đại hội đại biểu Liên minh HTX thành phố nhiệm kỳ {year}–{year + 5}"


def marked(title):
    """The title as shown: every sample event says so in its title (events have no sample flag)."""
    return f"{title} {SAMPLE_MARK}"


SUMMARIES = {
    K.CONFERENCE: "Liên minh và các thành viên nhìn lại kết quả công tác, nghe tham luận và bàn nhiệm vụ thời gian tới.",
    K.ANNIVERSARY: (
        "Liên minh ôn lại chặng đường từ Hội đồng các HTX và cơ sở công nghiệp ngoài quốc doanh năm 1990, biểu dương "
        "thành viên và trao các hình thức khen thưởng."
    ),
    K.CONGRESS: "Đại biểu các thành viên tổng kết nhiệm kỳ, thông qua phương hướng nhiệm kỳ mới và bầu Ban Chấp hành.",
    K.TRAINING: "Cán bộ quản lý và thành viên hợp tác xã được hướng dẫn, trao đổi kinh nghiệm và giải đáp vướng mắc.",
    K.TRADE_PROMOTION: "Các hợp tác xã và doanh nghiệp thành viên giới thiệu sản phẩm, kết nối với nhà phân phối.",
}
SAMPLE_NOTE = "Sự kiện mẫu: nội dung, người tham dự và ảnh đều được tạo tự động để minh họa cổng thông tin."
BODY = (
    "{summary}\n\n"
    "Dự có đại diện lãnh đạo thành phố, Liên minh HTX Việt Nam, các sở, ngành và {members} thành viên của Liên minh.\n\n"
    + SAMPLE_NOTE
)

# What a programme holds: (time, item, who speaks: "host" (the alliance), "guest" (a guest of honour), "member" or
# None).
OPENING = [("08:00", "Văn nghệ chào mừng", None), ("08:30", "Tuyên bố lý do, giới thiệu đại biểu", None)]
CLOSING = [("11:00", "Bế mạc", None)]
PROGRAMMES = {
    K.CONFERENCE: [
        ("08:40", "Báo cáo kết quả công tác và nhiệm vụ trọng tâm", "host"),
        ("09:30", "Tham luận của thành viên", "member"),
        ("10:15", "Phát biểu chỉ đạo", "guest"),
    ],
    K.ANNIVERSARY: [
        ("08:40", "Diễn văn ôn lại truyền thống", "host"),
        ("09:20", "Ý kiến của thành viên", "member"),
        ("10:00", "Phát biểu của đại biểu khách mời", "guest"),
    ],
    K.CONGRESS: [
        ("08:40", "Báo cáo tổng kết nhiệm kỳ và phương hướng nhiệm kỳ mới", "host"),
        ("09:40", "Thảo luận tại hội trường", "member"),
        ("10:00", "Phát biểu chỉ đạo", "guest"),
        ("10:20", "Bầu Ban Chấp hành nhiệm kỳ mới", None),
    ],
    K.TRAINING: [
        ("08:40", "Chuyên đề 1: những điểm mới cần nắm", "host"),
        ("09:45", "Chuyên đề 2: kinh nghiệm của một hợp tác xã", "member"),
        ("10:30", "Trao đổi, giải đáp", None),
    ],
    K.TRADE_PROMOTION: [
        ("08:40", "Cắt băng khai mạc hội chợ", "guest"),
        ("09:00", "Tham quan gian hàng của thành viên", "member"),
        ("10:00", "Ký kết hợp đồng tiêu thụ sản phẩm", None),
    ],
}
HONOURS_ITEM = ("10:40", "Công bố quyết định và trao khen thưởng", None)

# Invented holders of real offices, so their names carry the sample mark wherever they appear: the alliance's own
# officials, who host and report, and the guests of honour from the city and the Vietnam Cooperative Alliance.
HOSTS = [
    ("Nguyễn Đức Tâm", "Phó Chủ tịch Liên minh HTX & DN TP Hải Phòng", "Liên minh HTX & DN TP Hải Phòng"),
    ("Vũ Thị Ngọc Anh", "Chánh Văn phòng Liên minh HTX & DN TP Hải Phòng", "Liên minh HTX & DN TP Hải Phòng"),
    ("Bùi Quốc Việt", "Trưởng ban Tuyên truyền – Đào tạo, Liên minh HTX & DN TP Hải Phòng", "Liên minh HTX & DN TP Hải Phòng"),
]  # fmt: skip
GUESTS = [
    ("Trần Quang Minh", "Phó Chủ tịch UBND thành phố Hải Phòng", "UBND TP Hải Phòng"),
    ("Phạm Thị Thu Hà", "Phó Chủ tịch Liên minh HTX Việt Nam", "Liên minh HTX Việt Nam"),
    ("Đỗ Mạnh Cường", "Phó Giám đốc Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư Hải Phòng"),
    ("Lê Văn Khải", "Phó Giám đốc Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp Hải Phòng"),
    ("Hoàng Thị Lệ", "Phó Giám đốc Sở Công Thương", "Sở Công Thương Hải Phòng"),
]
GUESTS_CONSENT_ON = datetime.date(2026, 10, 1)

SPEECHES = {
    "guest": [
        (
            "Phát huy vai trò của kinh tế tập thể",
            "Đề nghị các hợp tác xã đổi mới quản trị, liên kết theo chuỗi giá trị và tận dụng chính sách hỗ trợ của "
            "thành phố; Liên minh tiếp tục làm cầu nối giữa thành viên với các sở, ngành.",
        ),
        (
            "Nhiệm vụ trọng tâm thời gian tới",
            "Nêu các việc cần làm: tuyên truyền chính sách, hỗ trợ thành lập hợp tác xã mới, đào tạo cán bộ và xúc tiến "
            "thương mại cho sản phẩm của thành viên.",
        ),
    ],
    "member": [
        (
            "Kinh nghiệm của một thành viên",
            "Chia sẻ cách hợp tác xã tổ chức lại sản xuất, ký hợp đồng tiêu thụ ổn định và tăng thu nhập cho thành viên "
            "nhờ sự hỗ trợ của Liên minh.",
        ),
        (
            "Kiến nghị của thành viên",
            "Đề nghị Liên minh tiếp tục hỗ trợ tiếp cận vốn, đào tạo kỹ thuật và đưa sản phẩm của hợp tác xã vào các "
            "kênh phân phối lớn.",
        ),
    ],
}

# The photos of an event: the cover shows the stage; photos the hall, the presentation of honours, the group.
COVER_ALT = "Ảnh minh họa mẫu, vẽ tự động: sân khấu với băng rôn đỏ ghi tên sự kiện"
PHOTO_CAPTIONS = {
    "audience": "Ảnh minh họa mẫu, vẽ tự động: đại biểu ngồi kín hội trường trước băng rôn tên sự kiện",
    "presentation": "Ảnh minh họa mẫu, vẽ tự động: đại diện các tập thể, cá nhân nhận bằng khen trên sân khấu",
    "group": "Ảnh minh họa mẫu, vẽ tự động: đại biểu chụp ảnh lưu niệm trước băng rôn",
}

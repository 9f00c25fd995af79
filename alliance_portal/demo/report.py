"""What the press report of the 30th-anniversary ceremony says (../shared/seed/FACTS.md), as data for load_facts()."""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from events.models import Participant
from members.models import Organization

FOUNDED_ON = datetime.date(1990, 7, 31)
CEREMONY_DAY = datetime.date(2020, 7, 31)
SOURCE_NAME = "Vnbusiness"
SOURCE_URL = (
    "https://vnbusiness.vn//hop-tac-xa/lien-minh-htx-amp-dn-tp-ha-i-pho-ng-30-nam-do-i-mo-i-ho-p-ta-c-pha-t-trie-n-"
    "be-n-vu-ng-1071658.html"
)
THEME = "30 năm đổi mới, hợp tác, phát triển bền vững"
ALLIANCE_NAME = "Liên minh Hợp tác xã và Doanh nghiệp thành phố Hải Phòng"
ALLIANCE_SHORT_NAME = "Liên minh HTX & DN TP Hải Phòng"
FOUNDING_NAME = "Hội đồng các HTX và cơ sở công nghiệp ngoài quốc doanh"
EVENT_TITLE = "Kỷ niệm 30 năm Ngày thành lập Liên minh HTX & DN TP Hải Phòng (31/7/1990 – 31/7/2020)"
EVENT_SLUG = "ky-niem-30-nam-ngay-thanh-lap-lien-minh-htx-dn-tp-hai-phong"
# The report says "sáng nay" (this morning) only: 08:00 in Hải Phòng stands for "morning".
CEREMONY_STARTS_AT = datetime.datetime(2020, 7, 31, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

ALLIANCE_NAME_EN = "Hải Phòng Alliance of Cooperatives and Enterprises"
FOUNDING_AUTHORITY = "UBND TP Hải Phòng"
FOUNDING_DECISION = "Quyết định của UBND TP Hải Phòng ngày 31/7/1990 (số quyết định không được nêu)"
ALLIANCE_DESCRIPTION = (
    "Ra đời năm 1990, khi khu vực kinh tế tập thể của thành phố cần thích nghi với kinh tế thị trường. "
    "Qua 5 kỳ đại hội và nhiều lần đổi tên, Liên minh đại diện và hỗ trợ các hợp tác xã, doanh nghiệp "
    "thành viên."
)
FOUNDING_NAME_NOTE = "Tên khi thành lập (31/7/1990). Ngày thôi dùng tên này chưa rõ: bài báo nguồn không nêu."
CURRENT_NAME_NOTE = (
    "Tên hiện nay; đã dùng ít nhất từ 31/7/2020 (bài báo Vnbusiness). Ngày bắt đầu dùng tên này và các "
    "tên gọi trung gian chưa rõ."
)
CONGRESSES = 5
CONGRESS_SUMMARY = "Bài báo nguồn chỉ nêu Liên minh đã qua 5 kỳ đại hội; ngày họp và nhiệm kỳ chưa rõ."

# Authorities and forms as seeded by awards/migrations/0002_seed_forms_and_authorities.py.
AUTH_CITY_BODIES = "Thành ủy – HĐND – UBND thành phố Hải Phòng"
AUTH_CITY = "UBND thành phố Hải Phòng"
AUTH_CITY_CHAIR = "Chủ tịch UBND thành phố Hải Phòng"
AUTH_VCA = "Ban Chấp hành Liên minh HTX Việt Nam"
FORM_BANNER = "Bức trướng"
FORM_FLAG = "Cờ thi đua"
FORM_EXCELLENT_COLLECTIVE = "Tập thể lao động xuất sắc"
FORM_CERTIFICATE = "Bằng khen"
FORM_MEDAL = "Kỷ niệm chương “Vì sự nghiệp phát triển HTX”"

CITATION_FLAG = "Đã có thành tích hoàn thành xuất sắc toàn diện nhiệm vụ, dẫn đầu Khối thi đua"
CITATION_OUTSTANDING = "Đã có thành tích hoàn thành xuất sắc nhiệm vụ"
CITATION_OUTSTANDING_2019 = "Đã có thành tích hoàn thành xuất sắc nhiệm vụ năm 2019"

# The honours announced at the ceremony: authority, form, collectives, individuals, citation, year of achievement.
HONOURS_ANNOUNCED = [
    (AUTH_CITY, FORM_FLAG, 2, 0, CITATION_FLAG, None),
    (AUTH_CITY, FORM_EXCELLENT_COLLECTIVE, 2, 0, "", None),
    (AUTH_CITY_CHAIR, FORM_CERTIFICATE, 3, 6, CITATION_OUTSTANDING, None),
    (AUTH_VCA, FORM_CERTIFICATE, 1, 2, CITATION_OUTSTANDING_2019, 2019),
    (AUTH_VCA, FORM_MEDAL, 0, 6, "", None),
]


@dataclass
class Member:
    """A member organization named in the report, as reported there."""

    name: str
    kind: str
    description: str
    representative_name: str
    representative_title: str = "Giám đốc"
    legal_form: str = ""
    sector: str = ""


MEMBERS = [
    Member(
        "Công ty TNHH Quang Hải",
        Organization.Kind.ENTERPRISE,
        "Doanh nghiệp thành viên của Liên minh từ những ngày đầu.",
        representative_name="Bùi Đức Vinh",
        legal_form=Organization.LegalForm.LLC,
    ),
    Member(
        "HTX Nông nghiệp Thắng Thủy",
        Organization.Kind.COOPERATIVE,
        "Hợp tác xã nông nghiệp thành viên; được Liên minh hỗ trợ đào tạo và xúc tiến thương mại.",
        representative_name="Cao Thị Hằng",
        sector="Nông nghiệp",
    ),
]


@dataclass
class Figure:
    """A public figure named in the report, as reported there."""

    full_name: str
    position: str
    affiliation: str = ""
    organization: str = ""
    roles: list = field(default_factory=list)


PEOPLE = [
    Figure(
        "Nguyễn Văn Thịnh",
        "Phó Chủ tịch Liên minh HTX Việt Nam",
        affiliation="Liên minh HTX Việt Nam",
        roles=[Participant.Role.GUEST_OF_HONOUR, Participant.Role.SPEAKER, Participant.Role.PRESENTER],
    ),
    Figure(
        "Nguyễn Văn Thành",
        "Phó Chủ tịch UBND TP Hải Phòng, Trưởng ban chỉ đạo phát triển kinh tế tập thể thành phố",
        affiliation="UBND TP Hải Phòng",
        roles=[Participant.Role.GUEST_OF_HONOUR, Participant.Role.PRESENTER],
    ),
    Figure(
        "Lương Minh Huệ",
        "Chủ tịch Liên minh HTX & DN TP Hải Phòng",
        affiliation=ALLIANCE_SHORT_NAME,
        roles=[Participant.Role.SPEAKER],
    ),
    Figure(
        "Bùi Đức Vinh",
        "Giám đốc Công ty TNHH Quang Hải",
        organization="Công ty TNHH Quang Hải",
        roles=[Participant.Role.SPEAKER],
    ),
    Figure(
        "Cao Thị Hằng",
        "Giám đốc HTX Nông nghiệp Thắng Thủy",
        organization="HTX Nông nghiệp Thắng Thủy",
        roles=[Participant.Role.SPEAKER],
    ),
]

# Own short summaries of the four speeches, in the order the report gives them.
SPEECHES = [
    (
        "Nguyễn Văn Thịnh",
        "Ghi nhận chặng đường 30 năm và định hướng nhiệm vụ",
        "Ông ghi nhận những kết quả mà cán bộ, người lao động Liên minh đạt được trong 30 năm. Ông đề nghị coi kinh tế "
        "tập thể, hợp tác xã là động lực phát triển bền vững; phát triển hợp tác xã nhanh, đa dạng loại hình, trước hết "
        "ở nông nghiệp, nông thôn; Liên minh giữ vai trò nòng cốt, bảo vệ quyền và lợi ích hợp pháp của thành viên, và "
        "xây dựng bộ máy vững mạnh, gắn chặt với hệ thống Liên minh HTX Việt Nam.",
    ),
    (
        "Bùi Đức Vinh",
        "Liên minh là chỗ dựa của thành viên",
        "Là thành viên từ những năm đầu, công ty coi Liên minh là chỗ dựa tin cậy và là cầu nối giữa doanh nghiệp, "
        "hợp tác xã với chính quyền địa phương và các cơ quan chức năng.",
    ),
    (
        "Cao Thị Hằng",
        "Hợp tác xã được hỗ trợ để phát triển sản xuất",
        "Hợp tác xã được Liên minh hỗ trợ đào tạo, xúc tiến thương mại và đưa cán bộ, xã viên đi học các lớp tập huấn "
        "chuyển giao kỹ thuật nông nghiệp.",
    ),
    (
        "Lương Minh Huệ",
        "Nhiệm vụ trọng tâm thời gian tới",
        "Ông nêu các việc phải làm: bám sát sự chỉ đạo của Liên minh HTX Việt Nam và của Thành ủy, HĐND, UBND thành "
        "phố; nâng cao chất lượng tham mưu chính sách hỗ trợ kinh tế tập thể; phối hợp với các sở, ngành, địa phương "
        "để tháo gỡ vướng mắc; trao đổi kinh nghiệm với Liên minh các tỉnh theo cụm thi đua và theo vùng; nâng cao "
        "năng lực cán bộ.",
    ),
]

# The programme in the order the report tells it; the report gives no times, so none are recorded.
PROGRAMME = [
    ("Khai mạc lễ kỷ niệm 30 năm Ngày thành lập", None),
    ("Phát biểu của Phó Chủ tịch Liên minh HTX Việt Nam", "Nguyễn Văn Thịnh"),
    ("Trao Kỷ niệm chương “Vì sự nghiệp phát triển HTX” cho các cá nhân", "Nguyễn Văn Thịnh"),
    ("Ý kiến của thành viên: Công ty TNHH Quang Hải", "Bùi Đức Vinh"),
    ("Ý kiến của thành viên: HTX Nông nghiệp Thắng Thủy", "Cao Thị Hằng"),
    ("Phát biểu về nhiệm vụ trọng tâm thời gian tới", "Lương Minh Huệ"),
    ("Trao Bức trướng của Thành ủy, HĐND, UBND thành phố", "Nguyễn Văn Thành"),
    ("Công bố và trao các hình thức khen thưởng của UBND thành phố và Liên minh HTX Việt Nam", None),
]

MANDATE = (
    "Thay mặt các hợp tác xã và cơ sở công nghiệp ngoài quốc doanh kiến nghị với Đảng và Nhà nước về chính sách, "
    "pháp luật cho khu vực này; đại diện cho họ trong quan hệ đối ngoại, hợp tác và liên doanh, liên kết kinh tế – kỹ "
    "thuật, làm đầu mối giao dịch quốc tế; tổ chức dịch vụ đầu tư, tín dụng, thông tin và chuyển giao công nghệ, tiến "
    "bộ kỹ thuật."
)

EVENT_SUMMARY = (
    "Sáng 31/7/2020, Liên minh HTX & DN TP Hải Phòng kỷ niệm 30 năm thành lập với chủ đề “" + THEME + "”. "
    "Buổi lễ nhìn lại chặng đường từ Hội đồng các HTX và cơ sở công nghiệp ngoài quốc doanh năm 1990, nghe ý kiến "
    "của lãnh đạo và thành viên, và trao 23 lượt khen thưởng."
)
EVENT_BODY = (
    "Dự lễ có Phó Chủ tịch Liên minh HTX Việt Nam Nguyễn Văn Thịnh và Phó Chủ tịch UBND TP Hải Phòng, Trưởng ban chỉ "
    "đạo phát triển kinh tế tập thể thành phố Nguyễn Văn Thành.\n\n"
    "Ông Nguyễn Văn Thịnh ghi nhận kết quả 30 năm của Liên minh và nêu các nhiệm vụ trọng tâm: phát triển kinh tế tập "
    "thể, hợp tác xã nhanh và bền vững, nhất là ở nông nghiệp, nông thôn; Liên minh làm nòng cốt và bảo vệ quyền lợi "
    "hợp pháp của thành viên. Đại diện hai thành viên, ông Bùi Đức Vinh (Công ty TNHH Quang Hải) và bà Cao Thị Hằng "
    "(HTX Nông nghiệp Thắng Thủy), kể về sự hỗ trợ của Liên minh. Chủ tịch Liên minh Lương Minh Huệ trình bày nhiệm "
    "vụ thời gian tới.\n\n"
    "Thành ủy, HĐND, UBND thành phố tặng Liên minh Bức trướng “"
    + THEME
    + "”. UBND thành phố tặng Cờ thi đua cho 2 tập "
    "thể và danh hiệu Tập thể lao động xuất sắc cho 2 đơn vị; Chủ tịch UBND thành phố tặng Bằng khen cho 3 tập thể và "
    "6 cá nhân; Ban Chấp hành Liên minh HTX Việt Nam tặng Bằng khen cho 1 tập thể và 2 cá nhân vì thành tích năm 2019, "
    "và Kỷ niệm chương “Vì sự nghiệp phát triển HTX” cho 6 cá nhân.\n\n"
    "Bài báo không nêu tên các tập thể, cá nhân được khen thưởng, nên các đơn vị và người nhận trên cổng này là dữ "
    "liệu mẫu."
)

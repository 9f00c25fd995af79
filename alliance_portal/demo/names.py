"""Synthetic names: the words they are made of, and organization, person and place names drawn from them."""

from members.models import Area, Organization

# Activity words and the sector each belongs to.
ACTIVITIES = [
    ("Dịch vụ Nông nghiệp", "Nông nghiệp"),
    ("Nông nghiệp", "Nông nghiệp"),
    ("Sản xuất và Tiêu thụ Rau an toàn", "Nông nghiệp"),
    ("Chăn nuôi", "Nông nghiệp"),
    ("Trồng trọt và Dịch vụ", "Nông nghiệp"),
    ("Cây ăn quả", "Nông nghiệp"),
    ("Thủy sản", "Thủy sản"),
    ("Nuôi trồng Thủy sản", "Thủy sản"),
    ("Đánh bắt Hải sản", "Thủy sản"),
    ("Chế biến Hải sản", "Thủy sản"),
    ("Mây tre đan", "Công nghiệp – tiểu thủ công nghiệp"),
    ("Cơ khí", "Công nghiệp – tiểu thủ công nghiệp"),
    ("Dệt may", "Công nghiệp – tiểu thủ công nghiệp"),
    ("Gốm sứ", "Công nghiệp – tiểu thủ công nghiệp"),
    ("Thương mại", "Thương mại – dịch vụ"),
    ("Thương mại và Dịch vụ", "Thương mại – dịch vụ"),
    ("Dịch vụ Tổng hợp", "Thương mại – dịch vụ"),
    ("Vận tải", "Vận tải"),
    ("Vận tải Thủy", "Vận tải"),
    ("Xây dựng", "Xây dựng"),
    ("Vệ sinh Môi trường", "Môi trường"),
    ("Điện năng", "Điện, nước sạch"),
    ("Nước sạch", "Điện, nước sạch"),
    ("Du lịch Sinh thái", "Du lịch"),
    ("Trồng rừng", "Lâm nghiệp"),
    ("Nhà ở", "Nhà ở"),
]
ENTERPRISE_ACTIVITIES = [
    ("Thương mại", "Thương mại – dịch vụ"),
    ("Thương mại và Dịch vụ", "Thương mại – dịch vụ"),
    ("Xuất nhập khẩu", "Thương mại – dịch vụ"),
    ("Chế biến Nông sản", "Nông nghiệp"),
    ("Giống cây trồng", "Nông nghiệp"),
    ("Thủy sản", "Thủy sản"),
    ("Chế biến Thủy sản", "Thủy sản"),
    ("Cơ khí", "Công nghiệp – tiểu thủ công nghiệp"),
    ("Đóng tàu", "Công nghiệp – tiểu thủ công nghiệp"),
    ("May mặc", "Công nghiệp – tiểu thủ công nghiệp"),
    ("Vận tải", "Vận tải"),
    ("Logistics", "Vận tải"),
    ("Xây dựng", "Xây dựng"),
    ("Vật liệu Xây dựng", "Xây dựng"),
    ("Môi trường", "Môi trường"),
    ("Du lịch", "Du lịch"),
    ("Đầu tư và Phát triển Nhà", "Nhà ở"),
]
BRANDS = [
    "", "", "", "Xanh", "Thành Công", "Hòa Bình", "Đoàn Kết", "Tiến Bộ", "Thắng Lợi", "Bình Minh", "An Phát",
    "Phú Lộc", "Hưng Thịnh", "Minh Phát", "Hải Đăng", "Quyết Thắng", "Đồng Tâm", "Việt Tiến", "Trường Thành",
    "Phương Đông", "Sao Biển", "Cửa Cấm", "Hồng Hà", "Thái Bình Dương", "Nam Triệu", "Bạch Đằng",
]  # fmt: skip
EXTRA_PLACES = [
    "Tân Liên", "Cát Bà", "Đồ Sơn", "Vĩnh Bảo", "Tiên Lãng", "Kiến Thụy", "An Lão", "Thủy Nguyên", "An Dương",
    "Lập Lễ", "Phù Long", "Ngũ Lão", "Tam Hưng", "Đại Hợp", "Bàng La", "Hợp Đức", "Trấn Dương", "Cổ Am",
]  # fmt: skip
LEGAL_FORM_WORDS = {
    Organization.LegalForm.LLC: "Công ty TNHH",
    Organization.LegalForm.LLC_ONE_MEMBER: "Công ty TNHH một thành viên",
    Organization.LegalForm.JOINT_STOCK: "Công ty Cổ phần",
    Organization.LegalForm.PRIVATE: "Doanh nghiệp tư nhân",
    Organization.LegalForm.PARTNERSHIP: "Công ty Hợp danh",
}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Phan", "Lương", "Mạc", "Cao",
            "Đinh", "Trịnh", "Đoàn", "Lưu", "Hà", "Tô"]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thanh", "Hữu", "Ngọc", "Xuân", "Thu", "Hồng", "Việt"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hằng", "Hạnh", "Hiền", "Hòa", "Hùng", "Huệ",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Ngọc", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Thắng",
         "Thủy", "Trang", "Tuấn", "Vinh", "Yến"]  # fmt: skip


def place_names():
    """Place words: the names of the current units without their type word, plus a few well-known localities."""
    prefixes = ("Phường ", "Xã ", "Đặc khu ", "Thành phố ", "Quận ", "Huyện ")
    places = set(EXTRA_PLACES)
    for name in Area.objects.values_list("name", flat=True):
        for prefix in prefixes:
            if name.startswith(prefix):
                places.add(name[len(prefix) :])
    return sorted(places)


def person_name(rng):
    """A Vietnamese full name: surname, middle name, given name."""
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def organization_name(rng, kind, legal_form, places):
    """A name that fits the kind (and an enterprise's legal form), and the sector its activity belongs to."""
    activity, sector = rng.choice(ACTIVITIES)
    brand = rng.choice(BRANDS)
    place = rng.choice(places)
    if kind == Organization.Kind.ENTERPRISE:
        activity, sector = rng.choice(ENTERPRISE_ACTIVITIES)
        tail = brand if brand and rng.random() < 0.6 else place
        return f"{LEGAL_FORM_WORDS[legal_form]} {activity} {tail}", sector
    if kind == Organization.Kind.COOPERATIVE_UNION:
        head = "Liên hiệp HTX"
    elif kind == Organization.Kind.COOPERATIVE_GROUP:
        head = "Tổ hợp tác"
    elif kind == Organization.Kind.OTHER:
        return f"Trung tâm Hỗ trợ Kinh tế tập thể {place}", "Thương mại – dịch vụ"
    elif sector == "Tín dụng" or rng.random() < 0.02:
        return f"Quỹ tín dụng nhân dân {place}", "Tín dụng"
    else:
        head = "HTX"
    return " ".join(filter(None, [head, activity, brand, place])), sector

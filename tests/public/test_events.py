"""Public event pages: the list, and an event page that reads like the ceremony report."""

import datetime
import html as htmllib
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from awards.models import Authority, HonourForm
from events.models import Event, Participant
from tests import factories

pytestmark = pytest.mark.django_db


def aware(*args):
    return timezone.make_aware(datetime.datetime(*args))


def text_of(response):
    """The page's visible text with white space collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- the list -------------------------------------------------------------------------------------------------------


def test_list_shows_upcoming_first_then_past_by_year_and_hides_unpublished(client):
    now = timezone.now()
    upcoming = factories.EventFactory(
        title="Hội nghị sắp tới về kinh tế tập thể", starts_at=now + datetime.timedelta(days=10)
    )
    recent = factories.EventFactory(title="Đại hội đại biểu lần thứ V", starts_at=aware(2019, 9, 20, 8))
    old = factories.EventFactory(title="Lễ kỷ niệm 25 năm", starts_at=aware(2015, 7, 31, 8))
    hidden = factories.EventFactory(title="Sự kiện nội bộ chưa công bố", is_published=False)

    response = client.get(reverse("events:event-list"))

    assert response.status_code == 200
    page = text_of(response)
    assert hidden.title not in page
    assert page.index(upcoming.title) < page.index("2019") < page.index(recent.title) < page.index("2015")
    assert page.index("2015") < page.index(old.title)
    assert "20/09/2019" in page


def test_list_is_paginated_and_a_bad_page_is_404(client):
    factories.EventFactory.create_batch(30, starts_at=aware(2018, 5, 1, 8))
    assert len(client.get(reverse("events:event-list")).context["object_list"]) == 25
    assert len(client.get(reverse("events:event-list") + "?page=2").context["object_list"]) == 5
    assert client.get(reverse("events:event-list") + "?page=99").status_code == 404
    assert client.get(reverse("events:event-list") + "?page=abc").status_code == 404


def test_list_query_count_is_fixed(client, django_assert_max_num_queries):
    """40 events over many years: an N+1 on the list would run at least 25 more queries."""
    for n in range(40):
        factories.EventFactory(
            starts_at=aware(1990 + n % 30, 7, 31, 8),
            kind=Event.Kind.ANNIVERSARY,
            celebrates_on=datetime.date(1980, 1, 1),
        )
    with django_assert_max_num_queries(6):
        assert client.get(reverse("events:event-list")).status_code == 200


def test_list_in_english(client):
    factories.EventFactory(starts_at=aware(2019, 9, 20, 8))
    response = client.get("/en/events/")
    assert response.status_code == 200
    assert "Past events" in text_of(response)


# --- the event page ---------------------------------------------------------------------------------------------------


@pytest.fixture
def ceremony(db):
    """The 30th-anniversary ceremony with guests, a speech and the honours of the report (a few of them)."""
    event = factories.AnniversaryFactory(
        title="Kỷ niệm 30 năm Ngày thành lập Liên minh HTX & DN TP Hải Phòng",
        starts_at=aware(2020, 7, 31, 8),
        venue="Trung tâm Hội nghị thành phố Hải Phòng",
        summary="Lễ kỷ niệm 30 năm ngày thành lập.",
        source_name="Vnbusiness",
        source_url="https://vnbusiness.vn/bai-viet.html",
    )
    thinh = factories.PersonFactory(full_name="Nguyễn Văn Thịnh", position="Phó Chủ tịch Liên minh HTX Việt Nam")
    factories.ParticipantFactory(event=event, person=thinh, order=1)
    thanh = factories.PersonFactory(full_name="Nguyễn Văn Thành", position="Phó Chủ tịch UBND TP Hải Phòng")
    factories.ParticipantFactory(
        event=event, person=thanh, position="Phó Chủ tịch UBND TP, Trưởng ban chỉ đạo KTTT", order=2
    )
    factories.SpeechFactory(event=event, speaker=thinh, summary="Ghi nhận kết quả 30 năm của Liên minh.")
    factories.ProgrammeItemFactory(event=event, title="Diễn văn kỷ niệm", starts_at=datetime.time(8, 30))

    city_bodies = Authority.objects.get(name="Thành ủy – HĐND – UBND thành phố Hải Phòng")
    chair = Authority.objects.get(name="Chủ tịch UBND thành phố Hải Phòng")
    banner = HonourForm.objects.get(name="Bức trướng")
    certificate = HonourForm.objects.get(name="Bằng khen")
    factories.HonourFactory(
        event=event, authority=city_bodies, form=banner, organization=None,
        recipient_name="Liên minh HTX & DN TP Hải Phòng", inscription="30 năm đổi mới, hợp tác, phát triển bền vững",
    )  # fmt: skip
    for n in range(3):
        factories.HonourFactory(event=event, authority=chair, form=certificate, is_sample=True, order=n)
    for n in range(6):
        factories.HonourFactory(
            event=event, authority=chair, form=certificate, organization=None, is_sample=True, order=10 + n,
            person=factories.PersonFactory(full_name=f"Trần Thị Mẫu {n}"),
        )  # fmt: skip
    return event


def test_event_page_reads_like_the_ceremony_report(client, ceremony):
    response = client.get(ceremony.get_absolute_url())

    assert response.status_code == 200
    page = text_of(response)
    assert "Kỷ niệm 30 năm" in page
    assert "31/07/2020" in page
    assert "Trung tâm Hội nghị thành phố Hải Phòng" in page
    assert "Nguyễn Văn Thịnh , Phó Chủ tịch Liên minh HTX Việt Nam" in page
    assert "Phó Chủ tịch UBND TP, Trưởng ban chỉ đạo KTTT" in page  # the position at the event wins
    assert "Ghi nhận kết quả 30 năm của Liên minh." in page
    assert "Chủ tịch UBND thành phố Hải Phòng tặng Bằng khen cho 03 tập thể và 06 cá nhân." in page
    assert (
        "Thành ủy – HĐND – UBND thành phố Hải Phòng tặng Bức trướng mang dòng chữ "
        "“30 năm đổi mới, hợp tác, phát triển bền vững” cho Liên minh HTX & DN TP Hải Phòng."
    ) in page
    assert page.count("Dữ liệu mẫu") == 9
    assert "Trần Thị Mẫu 5" in page
    assert 'href="https://vnbusiness.vn/bai-viet.html"' in response.content.decode()


def test_event_page_in_english(client, ceremony):
    with translation.override("en"):
        url = ceremony.get_absolute_url()
    assert url.startswith("/en/events/")
    response = client.get(url)
    page = text_of(response)
    assert "Celebrating 30 years" in page
    assert (
        "The Chairman of the Hải Phòng People's Committee awarded Certificates of merit to 03 collectives and "
        "06 individuals." in page
    )
    assert "inscribed “30 năm đổi mới, hợp tác, phát triển bền vững”" in page
    assert "Sample data" in page


def test_people_without_consent_or_unpublished_appear_nowhere_on_the_page(client, ceremony):
    secret = factories.PersonFactory(full_name="Phạm Thị Riêng Tư", public_consent=False, consent_recorded_on=None)
    hidden = factories.PersonFactory(full_name="Lê Văn Ẩn Danh", is_published=False)
    factories.ParticipantFactory(event=ceremony, person=secret)
    factories.ParticipantFactory(event=ceremony, person=hidden)
    factories.SpeechFactory(event=ceremony, speaker=secret, summary="Bài phát biểu không được công bố.")
    factories.ProgrammeItemFactory(event=ceremony, title="Phát biểu của khách", speaker=hidden)
    chair = Authority.objects.get(name="Chủ tịch UBND thành phố Hải Phòng")
    certificate = HonourForm.objects.get(name="Bằng khen")
    factories.HonourFactory(event=ceremony, authority=chair, form=certificate, organization=None, person=secret)
    factories.HonourFactory(event=ceremony, authority=chair, form=certificate, is_published=False)
    factories.HonourFactory(
        event=ceremony,
        authority=chair,
        form=certificate,
        organization=factories.OrganizationFactory(is_published=False),
    )

    page = text_of(client.get(ceremony.get_absolute_url()))

    for name in ("Phạm Thị Riêng Tư", "Lê Văn Ẩn Danh", "Bài phát biểu không được công bố."):
        assert name not in page
    assert "Phát biểu của khách" in page  # the programme item stays, without the name
    assert "cho 03 tập thể và 06 cá nhân" in page  # the counts leave them out too


def test_unpublished_or_unknown_event_is_404(client):
    event = factories.EventFactory(is_published=False)
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(reverse("events:event-detail", kwargs={"slug": "khong-co"})).status_code == 404


def test_event_page_has_opengraph_tags_with_a_thumbnail(client, ceremony):
    factories.PhotoFactory(event=ceremony, caption="Các đại biểu dự lễ")
    html = client.get(ceremony.get_absolute_url()).content.decode()
    assert f'<meta property="og:title" content="{ceremony.title}">' in html.replace("&amp;", "&")
    assert 'property="og:description" content="Lễ kỷ niệm 30 năm ngày thành lập."' in html
    og_image = re.search(r'property="og:image" content="([^"]+)"', html).group(1)
    assert og_image.startswith("http://testserver/media/thumbs/lg/")


def test_gallery_shows_thumbnails_linking_a_large_copy_never_the_original(client, ceremony):
    photos = factories.PhotoFactory.create_batch(3, event=ceremony)
    html = client.get(ceremony.get_absolute_url()).content.decode()
    for photo in photos:
        assert f'alt="{photo.caption}"' in html
        assert photo.image.url not in html
    assert html.count('src="/media/thumbs/md/') == 3
    assert html.count('href="/media/thumbs/lg/') == 3


def test_a_broken_photo_does_not_break_the_page(client, ceremony):
    from django.core.files.storage import default_storage

    photo = factories.PhotoFactory(event=ceremony)
    default_storage.delete(photo.image.name)
    assert client.get(ceremony.get_absolute_url()).status_code == 200


def test_event_page_query_count_is_fixed(client, ceremony, django_assert_max_num_queries):
    """30 guests, 20 speeches, 20 programme items, 12 photos and 60 more honours: an N+1 would add dozens of queries."""
    for n in range(30):
        factories.ParticipantFactory(event=ceremony, role=Participant.Role.GUEST_OF_HONOUR, order=10 + n)
    for n in range(20):
        factories.SpeechFactory(event=ceremony, order=n)
        factories.ProgrammeItemFactory(event=ceremony, speaker=factories.PersonFactory())
    factories.PhotoFactory.create_batch(12, event=ceremony)
    for _n in range(30):
        factories.HonourFactory(event=ceremony, decision=factories.DecisionFactory(), authority=None)
        factories.HonourFactory(event=ceremony, organization=None, person=factories.PersonFactory())
    client.get(ceremony.get_absolute_url())  # thumbnails are made on the first view
    with django_assert_max_num_queries(10):
        response = client.get(ceremony.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["guests"]) == 32


# --- the summary sentences ------------------------------------------------------------------------------------------


def test_summary_is_one_aggregate_query_in_authority_then_form_order(ceremony, django_assert_num_queries):
    vca = Authority.objects.get(name="Ban Chấp hành Liên minh HTX Việt Nam")
    medal = HonourForm.objects.get(name="Kỷ niệm chương “Vì sự nghiệp phát triển HTX”")
    for _n in range(6):
        factories.HonourFactory(
            event=ceremony, authority=vca, form=medal, organization=None, person=factories.PersonFactory()
        )
    with django_assert_num_queries(1):
        rows = list(ceremony.honours.published().summary())
    assert [(r["authority__name"], r["form__name"], r["collectives"], r["individuals"]) for r in rows] == [
        ("Ban Chấp hành Liên minh HTX Việt Nam", medal.name, 0, 6),
        ("Thành ủy – HĐND – UBND thành phố Hải Phòng", "Bức trướng", 1, 0),
        ("Chủ tịch UBND thành phố Hải Phòng", "Bằng khen", 3, 6),
    ]


@pytest.mark.parametrize(
    "language,form,collectives,individuals,expected",
    [
        ("vi", "Cờ thi đua", 2, 0, "UBND thành phố Hải Phòng tặng Cờ thi đua cho 02 tập thể"),
        ("vi", "Tập thể lao động xuất sắc", 2, 0, "UBND thành phố Hải Phòng tặng danh hiệu Tập thể lao động xuất sắc cho 02 tập thể"),
        ("vi", "Kỷ niệm chương “Vì sự nghiệp phát triển HTX”", 0, 6, "UBND thành phố Hải Phòng tặng Kỷ niệm chương “Vì sự nghiệp phát triển HTX” cho 06 cá nhân"),
        ("en", "Cờ thi đua", 2, 0, "The Hải Phòng People's Committee awarded Emulation flags to 02 collectives"),
        ("en", "Cờ thi đua", 1, 0, "The Hải Phòng People's Committee awarded an Emulation flag to 01 collective"),
        ("en", "Tập thể lao động xuất sắc", 2, 0, "The Hải Phòng People's Committee conferred the title of Excellent labour collective on 02 collectives"),
        ("en", "Kỷ niệm chương “Vì sự nghiệp phát triển HTX”", 0, 6, "The Hải Phòng People's Committee awarded Commemorative medals “For the development of cooperatives” to 06 individuals"),
    ],
)  # fmt: skip
def test_summary_sentences(language, form, collectives, individuals, expected):
    from awards.sections import summary_sentence

    authority = Authority.objects.get(name="UBND thành phố Hải Phòng")
    form = HonourForm.objects.get(name=form)
    row = {
        "authority__name": authority.name, "authority__name_en": authority.name_en, "form__name": form.name,
        "form__name_en": form.name_en, "form__category": form.category, "inscription": "",
        "collectives": collectives, "individuals": individuals, "only_name": "",
    }  # fmt: skip
    with translation.override(language):
        assert summary_sentence(row) == expected


def test_a_photo_whose_file_is_gone_is_left_out_of_the_gallery(client, ceremony):
    from django.core.files.storage import default_storage

    kept = factories.PhotoFactory(event=ceremony, caption="Ảnh còn tệp")
    gone = factories.PhotoFactory(event=ceremony, caption="Ảnh mất tệp")
    default_storage.delete(gone.image.name)
    html = client.get(ceremony.get_absolute_url()).content.decode()
    assert f'alt="{kept.caption}"' in html
    assert "Ảnh mất tệp" not in html  # no empty frame with a caption
    assert html.count("<figure") == 1


def test_a_link_shared_shows_the_cover_before_the_first_photo(client, ceremony):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    factories.PhotoFactory(event=ceremony)
    buffer = io.BytesIO()
    Image.new("RGB", (800, 400), "darkred").save(buffer, "JPEG")
    ceremony.cover_image = SimpleUploadedFile("cover.jpg", buffer.getvalue(), content_type="image/jpeg")
    ceremony.cover_alt = "Sân khấu buổi lễ"
    ceremony.save()
    html = client.get(ceremony.get_absolute_url()).content.decode()
    og_image = re.search(r'property="og:image" content="([^"]+)"', html).group(1)
    cover = re.search(r'<img class="img-fluid rounded mb-4" src="([^"]+)" alt="Sân khấu buổi lễ">', html).group(1)
    assert og_image == f"http://testserver{cover}"
    assert "/thumbs/lg/" in cover and "cover" in cover


def test_no_gallery_heading_when_no_photo_can_be_shown(client, ceremony):
    from django.core.files.storage import default_storage

    gone = factories.PhotoFactory(event=ceremony)
    default_storage.delete(gone.image.name)
    html = client.get(ceremony.get_absolute_url()).content.decode()
    assert 'id="photos-title"' not in html

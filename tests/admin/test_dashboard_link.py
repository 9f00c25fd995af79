"""Staff reach the leadership dashboard from every admin page."""

from django.urls import reverse


def test_admin_pages_link_to_the_dashboard(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert f'href="{reverse("dashboard")}"' in response.content.decode()
    assert "Bảng số liệu dành cho lãnh đạo" in response.content.decode()

"""What every printed report shares: the alliance's name and the date it was printed."""

from django.conf import settings
from django.utils import timezone

from events.models import Alliance

# Used only while the database has no Alliance row yet (a fresh install before `load_demo`).
DEFAULT_ALLIANCE_NAME = "Liên minh Hợp tác xã và Doanh nghiệp thành phố Hải Phòng"


def alliance_name():
    alliance = Alliance.objects.order_by("pk").only("name").first()
    if alliance:
        return alliance.name
    return getattr(settings, "PORTAL_ALLIANCE_NAME", DEFAULT_ALLIANCE_NAME)


def printed_on():
    return timezone.localdate()


def change(previous, current):
    """ "+3", "−2" or "0": how a figure moved from one year to the next."""
    difference = current - previous
    if difference > 0:
        return f"+{difference}"
    if difference < 0:
        return f"−{-difference}"
    return "0"

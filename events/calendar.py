"""An iCalendar file (RFC 5545) for one event, written by hand: it is small and the rules are few.

- lines end with CRLF and are folded at 75 octets (a continuation line starts with one space), never inside a
  multi-byte UTF-8 character (RFC 5545 §3.1);
- in TEXT values a backslash, semicolon and comma are escaped and line breaks become "\\n" (§3.3.11);
- date-times are written in UTC ("Z" form, §3.3.5), so no VTIMEZONE is needed.
"""

import datetime

from django.utils import timezone

PRODID = "-//Lien minh HTX va DN TP Hai Phong//Alliance portal//VI"
MAX_OCTETS = 75


def escape_text(value):
    """Escape a TEXT value: \\ ; , and line breaks."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line):
    """Split a content line into lines of at most 75 octets, continuation lines starting with a space."""
    out, current, size = [], [], 0
    limit = MAX_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size = [" "], 1
            limit = MAX_OCTETS
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n".join(out)


def utc(value):
    """A DATE-TIME in UTC: 20200731T010000Z."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_calendar(event, url, domain, description=""):
    """The VCALENDAR text (CRLF line endings) for `event`, whose page is at the absolute `url`."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{domain}",
        f"DTSTAMP:{utc(event.updated_at or timezone.now())}",
        f"DTSTART:{utc(event.starts_at)}",
    ]
    if event.ends_at:
        lines.append(f"DTEND:{utc(event.ends_at)}")
    lines.append(f"SUMMARY:{escape_text(event.title)}")
    if event.venue:
        lines.append(f"LOCATION:{escape_text(event.venue)}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines += [f"URL:{url}", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)

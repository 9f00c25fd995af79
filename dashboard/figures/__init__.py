"""The leadership's figures: every number is an aggregate computed by the database, never a loop over rows.

Each function takes a `Period` (years, optionally an area and a kind of member) and returns a `Figure`: a title, the
column headers and the rows of its table, and what its chart draws. The dashboard, its CSV downloads and the yearly
summary all read these functions, so the same question always gets the same number.

Unpublished records count here (leadership see everything); each table says how many of its records the public
does not see, so "total minus unpublished" is exactly what the public pages count.

The figures of each section of the dashboard live in member_figures, honour_figures and event_figures, on base (the
period, the records counted, Figure and Chart); this package names them all, by key and by section.
"""

from django.utils.translation import gettext_lazy as _

from .base import (
    FIRST_YEAR,
    PUBLIC_EVENT,
    PUBLIC_HONOUR,
    PUBLIC_ORGANIZATION,
    Chart,
    Figure,
    Period,
    Year,
    events,
    honour_date,
    honours,
    organizations,
    shown_name,
)
from .event_figures import ceremonies, decisions, events_per_year_and_kind
from .honour_figures import (
    honours_by_authority,
    honours_collectives_individuals,
    honours_per_year_by_form,
    most_honoured_members,
)
from .member_figures import members_by_area, members_by_kind, members_by_sector, members_by_status, membership_per_year

# Every figure with a CSV download, by key.
FIGURES = {
    "members-by-kind": members_by_kind,
    "members-by-status": members_by_status,
    "members-by-sector": members_by_sector,
    "members-by-area": members_by_area,
    "membership-per-year": membership_per_year,
    "honours-per-year-by-form": honours_per_year_by_form,
    "honours-by-authority": honours_by_authority,
    "honours-collectives-individuals": honours_collectives_individuals,
    "most-honoured-members": most_honoured_members,
    "events-per-year-and-kind": events_per_year_and_kind,
    "ceremonies": ceremonies,
    "decisions": decisions,
}

SECTIONS = [
    (
        _("Members"),
        ["members-by-kind", "members-by-status", "members-by-sector", "members-by-area", "membership-per-year"],
    ),
    (
        _("Honours"),
        [
            "honours-per-year-by-form",
            "honours-by-authority",
            "honours-collectives-individuals",
            "most-honoured-members",
        ],
    ),
    (_("Events"), ["events-per-year-and-kind", "ceremonies", "decisions"]),
]

__all__ = [
    "FIGURES",
    "FIRST_YEAR",
    "PUBLIC_EVENT",
    "PUBLIC_HONOUR",
    "PUBLIC_ORGANIZATION",
    "SECTIONS",
    "Chart",
    "Figure",
    "Period",
    "Year",
    "ceremonies",
    "decisions",
    "events",
    "events_per_year_and_kind",
    "honour_date",
    "honours",
    "honours_by_authority",
    "honours_collectives_individuals",
    "honours_per_year_by_form",
    "members_by_area",
    "members_by_kind",
    "members_by_sector",
    "members_by_status",
    "membership_per_year",
    "most_honoured_members",
    "organizations",
    "shown_name",
]

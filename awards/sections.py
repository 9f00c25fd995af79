"""The honours sections awards adds to the pages of members and events: a member's honours, an event's ceremony.

Registered in AwardsConfig.ready() as parts of those pages (core.parts.page_parts): members and events stand below
awards and show these sections without importing it.
"""

from itertools import groupby
from operator import itemgetter

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.links import url_maker

from .models import Decision

# What a member's page shows of each of its honours, read as plain values (no model instances).
MEMBER_HONOUR_FIELDS = (
    "form__name",
    "form__name_en",
    "authority__name",
    "authority__name_en",
    "conferred_on",
    "achievement_year",
    "citation",
    "is_sample",
    "decision_id",
    "decision__number",
    "decision__signed_on",
    "event__title",
    "event__slug",
    "event__is_published",
)


def member_honours(organization):
    """A published organization's public honours, newest first, as dicts: the form and authority named in the current
    language, the year they are listed under, and the decision's and the event's label and link (a decision is only
    there when it is published; an event only when it is)."""
    english = translation.get_language() == "en"
    decision_url = url_maker("awards:decision-detail", "pk", 2147483647)
    event_url = url_maker("events:event-detail", "slug", "event-slug")
    rows = []
    for honour in (
        organization.honours.published_for(organization)
        .order_by("-conferred_on", "-achievement_year", "authority__order", "form__order", "order", "pk")
        .values(*MEMBER_HONOUR_FIELDS)
    ):
        conferred_on = honour["conferred_on"]
        decision = None
        if honour["decision_id"]:
            label = Decision(number=honour["decision__number"], signed_on=honour["decision__signed_on"])
            decision = {"label": str(label), "url": decision_url(honour["decision_id"])}
        event = None
        if honour["event__is_published"]:
            event = {"title": honour["event__title"], "url": event_url(honour["event__slug"])}
        rows.append(
            {
                "form": english and honour["form__name_en"] or honour["form__name"],
                # "by the Prime Minister", as the event page's summary words it ("The Prime Minister awarded ...")
                "authority": f"the {honour['authority__name_en']}"
                if english and honour["authority__name_en"]
                else honour["authority__name"],
                "conferred_on": conferred_on,
                "year": conferred_on.year if conferred_on else honour["achievement_year"],
                "citation": honour["citation"],
                "is_sample": honour["is_sample"],
                "decision": decision,
                "event": event,
            }
        )
    return rows


def member_honours_section(organization):
    """A member's page's "Honours received" section as HTML: its honours grouped by year, newest first."""
    honours = member_honours(organization)
    return render_to_string(  # a SafeString: the template engine escaped every value
        "awards/includes/member_honours.html",
        {
            "honours_by_year": [(year, list(items)) for year, items in groupby(honours, key=itemgetter("year"))],
            "honour_count": len(honours),
        },
    )


# --- An event's ceremony --------------------------------------------------------------------------------------------


def _english():
    return not (translation.get_language() or settings.LANGUAGE_CODE).startswith("vi")


def _pluralize_en(name):
    """English plural of a form of honour's name: the head noun takes the "s" (Certificates of merit)."""
    head, sep, rest = name, "", ""
    found = [(name.find(marker), marker) for marker in (" of ", " “", ' "', " (") if marker in name]
    if found:
        index, sep = min(found)
        head, rest = name[:index], name[index + len(sep) :]
    if head.endswith(("s", "x", "ch", "sh")):
        head += "es"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        head = head[:-1] + "ies"
    else:
        head += "s"
    return f"{head}{sep}{rest}"


def count_phrase(collectives, individuals, only_name=""):
    """ "03 tập thể và 06 cá nhân" / "03 collectives and 06 individuals": counts written with two digits."""
    if collectives == 1 and not individuals and only_name:
        return only_name
    parts = []
    if collectives:
        parts.append(
            ngettext("%(count)s collective", "%(count)s collectives", collectives) % {"count": f"{collectives:02d}"}
        )
    if individuals:
        parts.append(
            ngettext("%(count)s individual", "%(count)s individuals", individuals) % {"count": f"{individuals:02d}"}
        )
    if len(parts) == 2:
        return _("%(collectives)s and %(individuals)s") % {"collectives": parts[0], "individuals": parts[1]}
    return parts[0] if parts else ""


def summary_sentence(row):
    """One line of the honours summary from a `HonourQuerySet.summary()` row, in the current language.

    "Chủ tịch UBND thành phố Hải Phòng tặng Bằng khen cho 03 tập thể và 06 cá nhân";
    "The Chairman of the Hải Phòng People's Committee awarded Certificates of merit to 03 collectives and 06 individuals".
    """
    total = row["collectives"] + row["individuals"]
    english = _english()
    authority = row["authority__name"]
    form = row["form__name"]
    if english and row["authority__name_en"]:
        authority = f"The {row['authority__name_en']}"
    if english and row["form__name_en"]:
        form = row["form__name_en"]
        if row["form__category"] != "title":
            if total > 1:
                form = _pluralize_en(form)
            else:
                form = f"{'an' if form[:1].lower() in 'aeiou' else 'a'} {form}"
    values = {
        "authority": authority,
        "form": form,
        "recipients": count_phrase(row["collectives"], row["individuals"], row.get("only_name") or ""),
        "inscription": f"“{row['inscription']}”",
    }
    if row["form__category"] == "title":
        return _("%(authority)s conferred the title of %(form)s on %(recipients)s") % values
    if row["inscription"]:
        return _("%(authority)s awarded %(form)s inscribed %(inscription)s to %(recipients)s") % values
    return _("%(authority)s awarded %(form)s to %(recipients)s") % values


# What the honours summary groups by and reads (the keys of HonourQuerySet.summary() rows that summary_sentence uses).
SUMMARY_COLUMNS = (
    "authority_id",
    "authority__name",
    "authority__name_en",
    "form_id",
    "form__name",
    "form__name_en",
    "form__category",
    "inscription",
)
# The columns of an honour the event page shows (HonourQuerySet.in_ceremony_order() rows, read as dicts).
HONOUR_COLUMNS = SUMMARY_COLUMNS + (
    "person_id",
    "person__full_name",
    "person__position",
    "organization_id",
    "organization__name",
    "organization__slug",
    "recipient_name",
    "citation",
    "is_sample",
    "decision_id",
    "decision__number",
    "decision__signed_on",
)


class _CeremonyLinks:
    """The links of a ceremony's recipients: URLs reversed once, and each decision's label and link made once for its
    dozens of recipients."""

    def __init__(self):
        self.organization_url = url_maker("members:organization-detail", "slug", "organization-slug")
        self.decision_url = url_maker("awards:decision-detail", "pk", 2147483647)
        self.decisions = {}

    def decision(self, honour):
        pk = honour["decision_id"]
        if pk not in self.decisions:
            label = Decision(pk=pk, number=honour["decision__number"], signed_on=honour["decision__signed_on"])
            self.decisions[pk] = {"label": str(label), "url": self.decision_url(pk)}
        return self.decisions[pk]


def _recipient(honour, group, links):
    """One recipient of the list as a plain row (name, link, position, sample flag, inscription, citation, decision),
    counted in its group's summary row."""
    row = {
        "is_sample": honour["is_sample"],
        "inscription": honour["inscription"],
        "citation": honour["citation"],
        "position": "",
        "url": "",
        "decision": links.decision(honour) if honour["decision_id"] else None,
    }
    if honour["person_id"]:
        group["row"]["individuals"] += 1
        row["name"] = honour["person__full_name"]
        row["position"] = honour["person__position"]
    else:
        group["row"]["collectives"] += 1
        if honour["organization_id"]:
            row["name"] = honour["organization__name"]
            row["url"] = links.organization_url(honour["organization__slug"])
        else:
            row["name"] = honour["recipient_name"]
    return row


def honour_groups(honours):
    """The honours of a ceremony as the report reads them, from one query: `(summary, groups, count)`.

    `summary`: one row per authority, form and inscription, in the authorities' order, then the forms' order, with
    the keys `summary_sentence` reads (the same as `HonourQuerySet.summary()` rows) and the sentence itself.
    `groups`: the same groups, each with the heading's names in the current language and its recipients, in the
    order announced, as plain rows: name, link, position, sample flag, inscription, citation and decision.
    """
    english = _english()
    links = _CeremonyLinks()
    groups = {}
    count = 0
    for honour in honours.in_ceremony_order().values(*HONOUR_COLUMNS):
        count += 1
        key = (honour["authority_id"], honour["form_id"], honour["inscription"])
        group = groups.get(key)
        if group is None:
            group = groups[key] = {
                "row": {name: honour[name] for name in SUMMARY_COLUMNS}
                | {"collectives": 0, "individuals": 0, "only_name": honour["recipient_name"]},
                "authority_shown": english and honour["authority__name_en"] or honour["authority__name"],
                "form_shown": english and honour["form__name_en"] or honour["form__name"],
                "honours": [],
            }
        group["honours"].append(_recipient(honour, group, links))
    summary = []
    for group in groups.values():
        row = group.pop("row")
        if len(group["honours"]) > 1:
            row["only_name"] = ""  # summary_sentence names the recipient only when it is the only one
        row["sentence"] = summary_sentence(row)
        summary.append(row)
    return summary, list(groups.values()), count


def event_honours_section(event):
    """An event's page's "Honours presented" section as HTML: the summary and every recipient, in ceremony order."""
    summary, groups, count = honour_groups(event.honours.published())
    return render_to_string(  # a SafeString: the template engine escaped every value
        "awards/includes/event_honours.html",
        {"honour_summary": summary, "honour_groups": groups, "honour_count": count},
    )

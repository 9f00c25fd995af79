"""The 23 honours of the 2020 ceremony (alliance_portal/demo) as the recipients' table of a decision, for the paste
tests: the register they refer to, and the table as Excel copies it (tab-separated, a header, order numbers)."""

from alliance_portal.demo import honours as demo
from alliance_portal.demo import report
from awards.models import HonourForm
from tests import factories

SCOPES = {
    report.FORM_BANNER: HonourForm.Scope.COLLECTIVE,
    report.FORM_FLAG: HonourForm.Scope.COLLECTIVE,
    report.FORM_EXCELLENT_COLLECTIVE: HonourForm.Scope.COLLECTIVE,
    report.FORM_CERTIFICATE: HonourForm.Scope.BOTH,
    report.FORM_MEDAL: HonourForm.Scope.INDIVIDUAL,
}
HEADER = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức khen thưởng"]


def ceremony_rows():
    """(order, name, position or unit, form of honour) of the 23 honours, in the order they were announced."""
    collectives = iter(f"{name} {demo.SAMPLE_MARK}" for name, *_rest in demo.SAMPLE_COLLECTIVES)
    individuals = iter((f"{name} {demo.SAMPLE_MARK}", position) for name, position in demo.SAMPLE_INDIVIDUALS)
    rows = [(1, report.ALLIANCE_SHORT_NAME, "", report.FORM_BANNER)]
    for _authority, form_name, n_collectives, n_individuals, _citation, _year in report.HONOURS_ANNOUNCED:
        for _i in range(n_collectives):
            rows.append((len(rows) + 1, next(collectives), "", form_name))
        for _i in range(n_individuals):
            name, position = next(individuals)
            rows.append((len(rows) + 1, name, position, form_name))
    return rows


def ceremony_table(separator="\t", header=True):
    """The 23 rows as text copied from Excel (tabs) or typed with another separator."""
    lines = [separator.join(HEADER)] if header else []
    lines += [separator.join([str(order), name, unit, form]) for order, name, unit, form in ceremony_rows()]
    return "\n".join(lines) + "\n"


def ceremony_register(people=True, organizations=True):
    """The forms of honour, member organizations and people the list names (the alliance is named by text)."""
    forms = {name: factories.HonourFormFactory(name=name, recipient_scope=scope) for name, scope in SCOPES.items()}
    made = {"forms": forms, "organizations": [], "people": []}
    if organizations:
        for name, kind, legal_form, _sector in demo.SAMPLE_COLLECTIVES:
            made["organizations"].append(
                factories.OrganizationFactory(name=f"{name} {demo.SAMPLE_MARK}", kind=kind, legal_form=legal_form)
            )
    if people:
        for name, position in demo.SAMPLE_INDIVIDUALS:
            made["people"].append(factories.PersonFactory(full_name=f"{name} {demo.SAMPLE_MARK}", position=position))
    return made


def ceremony_decision(made, decision=None, event=None):
    """A decision holding the 23 honours (made by ceremony_register()), as staff would have entered them."""
    decision = decision or factories.DecisionFactory()
    organizations = {o.name: o for o in made["organizations"]}
    people = {p.full_name: p for p in made["people"]}
    for order, name, _unit, form_name in ceremony_rows():
        recipient = {"organization": organizations.get(name), "person": people.get(name), "recipient_name": ""}
        if recipient["organization"] is None and recipient["person"] is None:
            recipient["recipient_name"] = name
        factories.HonourFactory(
            decision=decision,
            authority=decision.authority,
            form=made["forms"][form_name],
            order=order,
            event=event,
            **recipient,
        )
    return decision

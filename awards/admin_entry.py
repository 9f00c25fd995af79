"""Quick entry of a decision's recipients in the admin: the recipient search behind the recipient field, and the
"Paste the list" page (its reading and matching live in awards.paste, its writing in awards.services)."""

import hashlib

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.models import Event
from members.models import Organization, Person

from . import paste
from .models import Honour, HonourForm
from .recipients import find_recipients
from .services import PasteChoice, PasteDetails, PasteRejected, add_pasted_honours


def _may(user, action, model):
    return user.has_perm(f"{model._meta.app_label}.{get_permission_codename(action, model._meta)}")


class PasteForm(forms.Form):
    """The pasted list, and what its honours share."""

    text = forms.CharField(
        label=_("The list"),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80, "spellcheck": "false"}),
        help_text=_(
            "Copy the table of recipients from Word or Excel and paste it here, one recipient a line. Columns: name, "
            "position or unit, form of honour. A header row and order numbers are recognised."
        ),
    )
    form = forms.ModelChoiceField(
        queryset=HonourForm.objects.order_by("order", "name"),
        required=False,
        label=_("Form of honour for lines that name none"),
    )
    citation = forms.CharField(label=_("citation"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    achievement_year = Honour._meta.get_field("achievement_year").formfield(
        required=False, validators=Honour._meta.get_field("achievement_year").validators
    )
    conferred_on = forms.DateField(label=_("conferred on"), required=False, widget=AdminDateWidget)
    previewed = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"] = forms.ModelChoiceField(
            queryset=Event.objects.all(),
            required=False,
            label=_("presented at"),
            widget=AutocompleteSelect(Honour._meta.get_field("event"), admin_site),
        )
        self.order_fields(["text", "form", "citation", "achievement_year", "conferred_on", "event"])

    def digest(self):
        """A fingerprint of what the preview was made from: the list and the default form of honour."""
        data = self.cleaned_data
        default = data.get("form").pk if data.get("form") else ""
        return hashlib.sha256(f"{default}\n{data['text']}".encode()).hexdigest()

    def details(self):
        data = self.cleaned_data
        return PasteDetails(
            citation=data["citation"].strip(),
            achievement_year=data["achievement_year"],
            conferred_on=data["conferred_on"],
            event=data["event"],
        )


class LineChoicesForm(forms.Form):
    """One recipient choice and one form of honour for each line of the preview."""

    def __init__(self, matches, honour_forms, *args, can_add_person, can_add_organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.matches = matches
        self.honour_forms = {str(f.pk): f for f in honour_forms}
        form_choices = [("", "—")] + [(pk, f.name) for pk, f in self.honour_forms.items()]
        for match in matches:
            number = match.line.number
            options = match.options(can_add_person, can_add_organization)
            self.fields[f"recipient_{number}"] = forms.ChoiceField(
                choices=[("", _("— choose —")), *options],
                initial=match.suggestion,
                required=False,
                label=_("Recipient on line %(line)s") % {"line": number},
            )
            self.fields[f"form_{number}"] = forms.ChoiceField(
                choices=form_choices,
                initial=str(match.form.pk) if match.form else "",
                required=False,
                label=_("Form of honour on line %(line)s") % {"line": number},
            )

    def rows(self, errors=None):
        """(match, recipient field, form field, error) for each line, as the preview table shows them."""
        errors = {line.number: message for line, message in errors or []}
        return [
            (m, self[f"recipient_{m.line.number}"], self[f"form_{m.line.number}"], errors.get(m.line.number))
            for m in self.matches
        ]

    def choices(self):
        data = self.cleaned_data
        return {
            m.line.number: PasteChoice(
                data[f"recipient_{m.line.number}"], self.honour_forms.get(data[f"form_{m.line.number}"])
            )
            for m in self.matches
        }


class DecisionEntryMixin:
    """For the decision admin: the recipient search (JSON for the recipient field) and the "Paste the list" page."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "recipients/",
                self.admin_site.admin_view(self.recipients_view),
                name="{}_{}_recipients".format(*info),
            ),
            path(
                "<path:object_id>/paste/",
                self.admin_site.admin_view(self.paste_view),
                name="{}_{}_paste".format(*info),
            ),
            *super().get_urls(),
        ]

    def recipients_view(self, request):
        """Recipients matching `term`, as Django admin's autocomplete (select2) reads them."""
        if not (_may(request.user, "add", Honour) or _may(request.user, "change", Honour)):
            raise PermissionDenied
        results = find_recipients(request.GET.get("term", ""), request.user)
        return JsonResponse({"results": results, "pagination": {"more": False}})

    def paste_view(self, request, object_id):
        decision = self.get_object(request, unquote(object_id))
        if decision is None:
            raise Http404(_("This decision does not exist."))
        if not _may(request.user, "add", Honour):
            raise PermissionDenied
        form = PasteForm(request.POST or None, admin_site=self.admin_site)
        context = {"decision": decision, "form": form, "rows": None, "errors": []}
        if request.method == "POST" and form.is_valid():
            try:
                lines = paste.parse(form.cleaned_data["text"])
            except paste.PasteError as exc:
                form.add_error("text", str(exc))
            else:
                response = self._preview_or_create(request, decision, form, lines, context)
                if response is not None:
                    return response
        return self._render_paste(request, decision, form, context)

    def _preview_or_create(self, request, decision, form, lines, context):
        """Match the lines; on "confirm" (of the same list as previewed) create the honours and go back to the
        decision; otherwise fill the preview into `context` and return None."""
        matches, register = paste.match(lines, form.cleaned_data["form"])
        confirming = "confirm" in request.POST and form.cleaned_data["previewed"] == form.digest()
        if "confirm" in request.POST and not confirming:
            messages.warning(request, _("The list changed after the preview: check the new preview, then confirm."))
        choices = LineChoicesForm(
            matches,
            register.forms,
            request.POST if confirming else None,
            can_add_person=_may(request.user, "add", Person),
            can_add_organization=_may(request.user, "add", Organization),
        )
        errors = []
        if confirming and choices.is_valid():
            try:
                honours = add_pasted_honours(
                    decision,
                    matches,
                    choices.choices(),
                    form.details(),
                    user=request.user,
                    can_add_person=_may(request.user, "add", Person),
                    can_add_organization=_may(request.user, "add", Organization),
                )
            except PasteRejected as exc:
                errors = exc.errors
                context["errors"] = exc.messages
            else:
                count = len(honours)
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d honour was added to %(decision)s.",
                        "%(count)d honours were added to %(decision)s.",
                        count,
                    )
                    % {"count": count, "decision": decision},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:awards_decision_change", args=[decision.pk]))
        form.data = form.data.copy()
        form.data["previewed"] = form.digest()
        context.update(rows=choices.rows(errors), counts=_counts(matches))
        return None

    def _render_paste(self, request, decision, form, context):
        context.update(
            {
                **self.admin_site.each_context(request),
                "title": _("Paste the list of recipients"),
                "subtitle": str(decision),
                "opts": self.opts,
                "original": decision,
                "has_view_permission": self.has_view_permission(request, decision),
                "media": self.media + form.media + forms.Media(css={"screen": ["css/admin-entry.css"]}),
            }
        )
        return TemplateResponse(request, "admin/awards/decision/paste.html", context)


def _counts(matches):
    statuses = [m.status for m in matches]
    return {status: statuses.count(status) for status in (paste.MATCHED, paste.AMBIGUOUS, paste.UNMATCHED)}

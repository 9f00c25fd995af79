"""The admin's import and export: CSV and XLSX only, a template file to fill in, messages in the user's language."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.forms import ExportForm, ImportForm

from .files import FORMATS, ImportFileError, format_for, max_bytes


class PortalImportForm(ImportForm):
    """The file to import, refused at once when it is over the size limit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["import_file"].label = _("File to import")
        self.fields["import_file"].help_text = _("A .csv file (UTF-8) or an .xlsx file, at most %(limit)s MB.") % {
            "limit": f"{max_bytes() / 1048576:.0f}"
        }
        self.fields["format"].label = _("File type")

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > max_bytes():
            raise ValidationError(
                _("The file is too large (%(size)s MB); the limit is %(limit)s MB. Split it into several files.")
                % {"size": f"{upload.size / 1048576:.1f}", "limit": f"{max_bytes() / 1048576:.0f}"}
            )
        return upload


class PortalExportForm(ExportForm):
    """The export's choice of file type."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].label = _("File type")


class PortalImportExportMixin(ImportMixin, ExportActionMixin):
    """Import (with preview and confirmation) and export for an admin; mix in before SimpleHistoryAdmin.

    Export takes the changelist's current filter and search ("Export" button) or the selected rows (the "Export
    selected" action), always with every column (no column picking), so an exported file imports back unchanged.
    """

    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    change_form_template = None  # keep the admin's own change form (and its object tools)
    show_change_form_export = False

    import_formats = FORMATS
    export_formats = FORMATS
    import_form_class = PortalImportForm
    export_form_class = PortalExportForm
    import_template_name = "admin/import_export/portal_import.html"
    skip_admin_log = False

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "export_admin_action" in actions:
            func, name, _description = actions["export_admin_action"]
            actions["export_admin_action"] = (func, name, _("Export the selected %(verbose_name_plural)s"))
        return actions

    def has_import_permission(self, request):
        """Importing adds and changes records: both permissions are needed (a read-only role cannot import)."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    def get_urls(self):
        info = self.get_model_info()
        return [
            path(
                "import-template.<str:fmt>",
                self.admin_site.admin_view(self.import_template_view),
                name="{}_{}_import_template".format(*info),
            ),
        ] + super().get_urls()

    def import_template_view(self, request, fmt):
        """The empty file with the column headers (CSV or XLSX)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        if fmt not in ("csv", "xlsx"):
            raise Http404
        resource_class = self.get_import_resource_classes(request)[0]
        file_format = format_for(fmt)()
        response = HttpResponse(
            file_format.export_data(resource_class.template_dataset()), content_type=file_format.get_content_type()
        )
        response["Content-Disposition"] = f'attachment; filename="{self.model._meta.model_name}-mau.{fmt}"'
        return response

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportFileError):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                _(
                    "The file cannot be read. Check that it is a .csv (UTF-8) or .xlsx file and that the format matches."
                ),
            )

    def add_success_message(self, result, request):
        messages.success(request, summary_message(result))

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context["portal_template_url_name"] = "admin:{}_{}_import_template".format(*self.get_model_info())
        return context


def summary_message(result):
    """“Import finished: N new, N updated, N unchanged.” from an import result."""
    totals = result.totals
    return gettext("Import finished: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.") % {
        "new": totals["new"],
        "updated": totals["update"],
        "unchanged": totals["skip"],
    }

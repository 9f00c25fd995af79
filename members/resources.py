"""Spreadsheet import and export of member organizations (`OrganizationResource`), and the file's words for them.

The column headers and the words for choices ("Hợp tác xã", "Đang hoạt động") are fixed Vietnamese, a contract with
the staff's spreadsheets. A row is matched to an organization by its tax code, else by its name and administrative
unit; rows are checked one by one, then written in batches.
"""

from collections import defaultdict

from django.db import connections, router
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from core import text
from core.importexport.resources import PortalResource
from core.importexport.widgets import (
    ChoiceWidget,
    TextWidget,
    VietnameseDateWidget,
    WholeNumberWidget,
    YesNoWidget,
    cell_text,
)

from .import_widgets import AreaWidget, SectorsWidget, TaxCodeWidget, normalise_tax_code
from .models import Organization, Sector
from .validators import TAX_CODE_RE, tax_code_checksum_ok

KIND_WORDS = {
    Organization.Kind.COOPERATIVE: "Hợp tác xã",
    Organization.Kind.COOPERATIVE_UNION: "Liên hiệp hợp tác xã",
    Organization.Kind.COOPERATIVE_GROUP: "Tổ hợp tác",
    Organization.Kind.ENTERPRISE: "Doanh nghiệp",
    Organization.Kind.OTHER: "Khác",
}
KIND_ALIASES = {"HTX": "cooperative", "Liên hiệp HTX": "cooperative_union", "LH HTX": "cooperative_union",
                "THT": "cooperative_group", "DN": "enterprise", "Công ty": "enterprise"}  # fmt: skip
LEGAL_FORM_WORDS = {
    Organization.LegalForm.LLC: "Công ty TNHH",
    Organization.LegalForm.LLC_ONE_MEMBER: "Công ty TNHH một thành viên",
    Organization.LegalForm.JOINT_STOCK: "Công ty cổ phần",
    Organization.LegalForm.PRIVATE: "Doanh nghiệp tư nhân",
    Organization.LegalForm.PARTNERSHIP: "Công ty hợp danh",
}
LEGAL_FORM_ALIASES = {"TNHH": "llc", "TNHH 1 thành viên": "llc_one_member", "TNHH MTV": "llc_one_member",
                      "Cổ phần": "joint_stock", "CP": "joint_stock", "Tư nhân": "private", "DNTN": "private",
                      "Hợp danh": "partnership"}  # fmt: skip
STATUS_WORDS = {
    Organization.Status.ACTIVE: "Đang hoạt động",
    Organization.Status.SUSPENDED: "Tạm ngừng hoạt động",
    Organization.Status.WITHDRAWN: "Đã ra khỏi Liên minh",
}
STATUS_ALIASES = {"Hoạt động": "active", "Tạm ngừng": "suspended", "Đã rút": "withdrawn",
                  "Ra khỏi Liên minh": "withdrawn", "Đã ra khỏi": "withdrawn"}  # fmt: skip

ORG_COLUMNS = {
    "name": "Tên",
    "short_name": "Tên viết tắt",
    "name_en": "Tên tiếng Anh",
    "kind": "Loại hình",
    "legal_form": "Loại hình doanh nghiệp",
    "tax_code": "Mã số thuế",
    "sectors": "Ngành nghề",
    "area": "Đơn vị hành chính",
    "address": "Địa chỉ",
    "representative_name": "Người đại diện",
    "representative_title": "Chức vụ người đại diện",
    "phone": "Điện thoại",
    "email": "Email",
    "website": "Website",
    "contacts_public": "Công khai liên hệ",
    "founded_on": "Ngày thành lập",
    "joined_on": "Ngày gia nhập",
    "status": "Trạng thái",
    "status_changed_on": "Ngày thay đổi trạng thái",
    "member_count": "Số thành viên",
    "worker_count": "Số lao động",
    "charter_capital": "Vốn điều lệ",
    "description": "Mô tả",
    "is_published": "Công bố",
}


def _update_rows(objs, field_names):
    """UPDATE each row with one prepared statement (Django's bulk_update builds one CASE expression per column
    that grows with the rows, far slower for a file of thousands of rows)."""
    model = type(objs[0])
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    model_fields = [model._meta.get_field(name) for name in field_names]
    # Only quoted column names from the model's metadata go into the text; every value is a parameter.
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608  # nosec B608
        quote(model._meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in model_fields),
        quote(model._meta.pk.column),
    )
    params = [
        [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in model_fields] + [obj.pk] for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _field(name, widget, **kwargs):
    return fields.Field(attribute=name, column_name=ORG_COLUMNS[name], widget=widget, **kwargs)


class OrganizationResource(PortalResource):
    """Member organizations: matched by tax code when the row has one, else by name and administrative unit."""

    name = _field("name", TextWidget())
    short_name = _field("short_name", TextWidget())
    name_en = _field("name_en", TextWidget())
    kind = _field("kind", ChoiceWidget(KIND_WORDS, Organization.Kind.choices, KIND_ALIASES, required=True))
    legal_form = _field(
        "legal_form", ChoiceWidget(LEGAL_FORM_WORDS, Organization.LegalForm.choices, LEGAL_FORM_ALIASES)
    )
    tax_code = _field("tax_code", TaxCodeWidget())
    sectors = _field("sectors", SectorsWidget())
    area = _field("area", AreaWidget())
    address = _field("address", TextWidget())
    representative_name = _field("representative_name", TextWidget())
    representative_title = _field("representative_title", TextWidget())
    phone = _field("phone", TextWidget())
    email = _field("email", TextWidget())
    website = _field("website", TextWidget())
    contacts_public = _field("contacts_public", YesNoWidget(), default=False)
    founded_on = _field("founded_on", VietnameseDateWidget())
    joined_on = _field("joined_on", VietnameseDateWidget())
    status = _field(
        "status",
        ChoiceWidget(STATUS_WORDS, Organization.Status.choices, STATUS_ALIASES),
        default=Organization.Status.ACTIVE,
    )
    status_changed_on = _field("status_changed_on", VietnameseDateWidget())
    member_count = _field("member_count", WholeNumberWidget())
    worker_count = _field("worker_count", WholeNumberWidget())
    charter_capital = _field("charter_capital", WholeNumberWidget(decimal=True))
    description = _field("description", TextWidget())
    is_published = _field("is_published", YesNoWidget(), default=True)

    required_columns = (ORG_COLUMNS["name"], ORG_COLUMNS["kind"], ORG_COLUMNS["tax_code"], ORG_COLUMNS["area"])
    resolved_fields = ("area",)

    class Meta:
        model = Organization
        name = _("Member organizations")
        fields = tuple(ORG_COLUMNS)
        import_order = export_order = tuple(ORG_COLUMNS)
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True
        # Rows are checked one by one, then written in batches: bulk_create/bulk_update with the search and sort
        # columns filled, sectors and history written in bulk too.
        use_bulk = True
        batch_size = 1000

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._by_tax = {}
        self._by_name_area = {}
        self._instances = {}
        self._row_keys = {}
        self._wanted_sectors = {}
        self._current = None
        self._columns_in_file = set()
        self._slugs = None

    def save_m2m(self, instance, row, **kwargs):
        field = self.fields["sectors"]
        if field.column_name in row:
            self._wanted_sectors[id(instance)] = sorted(s.pk for s in field.clean(row))

    def _assign_slugs(self, objs):
        if self._slugs is None:
            self._slugs = set(Organization.objects.values_list("slug", flat=True))
        max_length = Organization._meta.get_field("slug").max_length
        for obj in objs:
            if obj.slug:
                continue
            base = (text.vi_slugify(obj.name) or "muc")[: max_length - 8].strip("-")
            candidate, n = base, 1
            while candidate in self._slugs:
                n += 1
                candidate = f"{base}-{n}"
            obj.slug = candidate
            self._slugs.add(candidate)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        objs = list(self.create_instances)
        self.create_instances.clear()
        if not objs:
            return
        try:
            self._assign_slugs(objs)
            for obj in objs:
                obj.refresh_derived()
            Organization.objects.bulk_create(objs, batch_size=500)
            self._write_sectors(objs, replace=False)
            self._write_history(objs, update=False)
        except Exception as exc:  # noqa: BLE001 (reported as the import's error, and everything is rolled back)
            self.handle_import_error(result, exc, raise_errors)

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        objs = list(self.update_instances)
        self.update_instances.clear()
        if not objs:
            return
        try:
            now = timezone.now()
            for obj in objs:
                obj.refresh_derived()
                obj.updated_at = now
                obj.version += 1
            columns = [
                f.attribute
                for f in self.get_import_fields()
                if f.column_name in self._columns_in_file and not isinstance(f.widget, widgets.ManyToManyWidget)
            ]
            update_fields = [*columns, "search_text", "search_exact", "sort_key", "slug", "updated_at", "version"]
            _update_rows(objs, update_fields)
            changed = [
                o
                for o in objs
                if id(o) in self._wanted_sectors
                and self._wanted_sectors[id(o)] != sorted(s.pk for s in o.sectors.all())
            ]
            self._write_sectors(changed, replace=True)
            self._write_history(objs, update=True)
        except Exception as exc:  # noqa: BLE001 (reported as the import's error, and everything is rolled back)
            self.handle_import_error(result, exc, raise_errors)

    def _write_sectors(self, objs, replace):
        through = Organization.sectors.through
        if replace:
            ids = [o.pk for o in objs]
            for start in range(0, len(ids), 500):
                through.objects.filter(organization_id__in=ids[start : start + 500]).delete()
        rows = [
            through(organization_id=o.pk, sector_id=sector_id)
            for o in objs
            for sector_id in self._wanted_sectors.get(id(o), [])
        ]
        through.objects.bulk_create(rows, batch_size=500)

    def _write_history(self, objs, update):
        """One history row per organization (who, when, why), with its sectors, as a save() would record."""
        default_reason = objs[0]._change_reason if objs and hasattr(objs[0], "_change_reason") else ""
        history = Organization.history.bulk_history_create(
            objs, batch_size=500, update=update, default_user=self.user, default_change_reason=default_reason
        )
        m2m_model = Organization.history.model._meta.get_field("historicalorganization_sectors").related_model
        by_org = defaultdict(list)
        ids = [o.pk for o in objs]
        through = Organization.sectors.through
        for start in range(0, len(ids), 500):
            for row in through.objects.filter(organization_id__in=ids[start : start + 500]).values_list(
                "id", "organization_id", "sector_id"
            ):
                by_org[row[1]].append(row)
        rows = [
            m2m_model(history_id=h.pk, id=row_id, organization_id=org_id, sector_id=sector_id)
            for h in history
            for row_id, org_id, sector_id in by_org.get(h.id, [])
        ]
        m2m_model.objects.bulk_create(rows, batch_size=500)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self._columns_in_file = set(dataset.headers or [])

    @property
    def areas(self):
        return self.fields["area"].widget.lookup

    def _row_key(self, row):
        """(tax code, (folded name, area id)) of a row, as used for matching and for duplicates."""
        tax = normalise_tax_code(row.get(ORG_COLUMNS["tax_code"]))
        try:
            area = self.areas.find(row.get(ORG_COLUMNS["area"]))
        except ValueError:
            area = None
        name = text.fold(cell_text(row.get(ORG_COLUMNS["name"])))
        return tax, (name, area.pk if area else None)

    def prepare(self, dataset, **kwargs):
        """Find duplicate rows, and load the organizations the rows may match, in a few queries."""
        self._find_duplicates(dataset)
        self._load_candidates()

    def _find_duplicates(self, dataset):
        """Note each row's key, and an error on a row that repeats an earlier row's tax code or name and unit."""
        taxes_seen, names_seen = {}, {}
        for index, values in enumerate(dataset, start=1):
            row = dict(zip(dataset.headers, values, strict=True))
            tax, name_key = self._row_key(row)
            self._row_keys[index] = (tax, name_key)
            if tax:
                if tax in taxes_seen:
                    self.add_row_error(
                        index,
                        "tax_code",
                        gettext("Row %(row)s has the same tax code: each organization must appear once.")
                        % {"row": self.spreadsheet_row(taxes_seen[tax])},
                    )
                else:
                    taxes_seen[tax] = index
            if name_key[0]:
                for other_index, other_tax in names_seen.get(name_key, []):
                    if not tax or not other_tax:
                        self.add_row_error(
                            index,
                            "name",
                            gettext(
                                "Row %(row)s has the same name and administrative unit: each organization must "
                                "appear once (give different tax codes if these really are two organizations)."
                            )
                            % {"row": self.spreadsheet_row(other_index)},
                        )
                        break
                names_seen.setdefault(name_key, []).append((index, tax))

    def _load_candidates(self):
        """Every organization's key columns (a few MB for 100,000 members), then the records the rows match."""
        wanted_names = {key[1][0] for key in self._row_keys.values()}
        for pk, tax, name, area_id in Organization.objects.values_list("pk", "tax_code", "name", "area_id"):
            if tax:
                self._by_tax[tax] = pk
            folded = text.fold(name)
            if folded in wanted_names:
                self._by_name_area.setdefault((folded, area_id), []).append((pk, tax))
        wanted = set()
        for tax, name_key in self._row_keys.values():
            pk = self._match(tax, name_key)
            if pk:
                wanted.add(pk)
        wanted = sorted(wanted)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            queryset = Organization.objects.filter(pk__in=chunk).select_related("area")
            queryset = queryset.prefetch_related(Prefetch("sectors", queryset=Sector.objects.all()))
            for organization in queryset:
                self._instances[organization.pk] = organization

    def _match(self, tax, name_key):
        if tax and tax in self._by_tax:
            return self._by_tax[tax]
        candidates = self._by_name_area.get(name_key, []) if name_key[0] else []
        if tax:
            candidates = [c for c in candidates if not c[1]]  # a row with a new tax code may complete one without
        return candidates[0][0] if len(candidates) == 1 else None

    def before_import_row(self, row, **kwargs):
        self._current = kwargs.get("row_number")

    def get_instance(self, instance_loader, row):
        tax, name_key = self._row_keys.get(self._current) or self._row_key(row)
        pk = self._match(tax, name_key)
        return self._instances.get(pk) if pk else None

    def check_row(self, instance, row, errors, **kwargs):
        index = kwargs.get("row_number")
        raw = row.get(ORG_COLUMNS["tax_code"])
        if "tax_code" not in errors and instance.tax_code:
            if isinstance(raw, (int, float)) and not isinstance(raw, bool) and len(str(int(raw))) < 10:
                self.add_warning(
                    index,
                    ORG_COLUMNS["tax_code"],
                    gettext(
                        "The tax code was a number in the spreadsheet and had lost its leading zero; it was read "
                        "as %(code)s. Format the column as text."
                    )
                    % {"code": instance.tax_code},
                )
            if TAX_CODE_RE.match(instance.tax_code) and not tax_code_checksum_ok(instance.tax_code):
                self.add_warning(
                    index,
                    ORG_COLUMNS["tax_code"],
                    gettext(
                        "The check digit of tax code %(code)s does not match; it is imported as written, but check it."
                    )
                    % {"code": instance.tax_code},
                )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("area").prefetch_related(
            Prefetch("sectors", queryset=Sector.objects.order_by("order", "name"))
        )

    def dehydrate_sectors(self, organization):
        return "; ".join(s.name for s in organization.sectors.all())

    def dehydrate_area(self, organization):
        return self.areas.label(organization.area)

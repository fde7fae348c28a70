"""Turning spreadsheet rows into service calls, one importer per sheet kind.

An importer never saves a model itself: it parses and checks a row, finds what the row's key already names,
and calls the owning app's service (``drafts.services`` …). Every problem becomes a row error with the row,
the column and a message; the caller decides whether the transaction is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from accounts import scope
from campaigns import services as campaign_services
from campaigns.models import Activity
from consultation import services as consultation_services
from consultation.models import Comment, Source
from drafts import services as draft_services
from drafts.models import Draft, Policy
from organizations import services as organization_services
from organizations.models import Organization

from . import conf, readers
from .models import ImportKey, ImportKind
from .readers import Cell, FileProblem
from .schema import COMMENT_MARK, HELP_TITLE, LISTS_TITLE, CellError, SheetSpec, normalize

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
# References written by the export for objects that carry no user key: "D-12" is draft 12.
PK_PREFIX = {ImportKind.DRAFT: "D", ImportKind.POLICY: "P", ImportKind.ACTIVITY: "A"}
# Rows read ahead and looked up together; keys created by a batch are stored at its end.
BATCH_ROWS = 1000
# Foreign keys the services receive as objects already read from this database (the context's organization or
# draft, or the importing user), so they are not queried again to validate each row.
KNOWN_FOR_DRAFT = ("drafting_organization", "created_by")
KNOWN_FOR_POLICY = ("draft", "assessed_by")
KNOWN_FOR_ACTIVITY = ("draft", "created_by")
KNOWN_FOR_COMMENT = ("draft", "policy", "created_by", "moderated_by")


@dataclass
class Problem:
    sheet: str
    row: int | None
    column: str
    message: str


@dataclass
class Outcome:
    sheet: str
    row: int
    action: str
    key: str
    label: str


@dataclass
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    error_count: int = 0
    committed: bool = False

    @property
    def ok(self):
        return self.error_count == 0

    @property
    def rows_shown_all(self):
        return len(self.outcomes) == sum(self.counts.values())

    def add_error(self, sheet, row, column, message):
        self.error_count += 1
        if len(self.errors) < conf.get("EXCHANGE_MAX_ERRORS"):
            self.errors.append(Problem(sheet, row, column, str(message)))

    def to_dict(self) -> dict:
        """What the preview page shows, as JSON-ready data (kept with the upload: exchange.services)."""
        return {
            "outcomes": [asdict(o) for o in self.outcomes],
            "errors": [asdict(e) for e in self.errors],
            "warnings": [str(w) for w in self.warnings],
            "counts": dict(self.counts),
            "error_count": self.error_count,
        }

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        return cls(
            outcomes=[Outcome(**o) for o in data["outcomes"]],
            errors=[Problem(**e) for e in data["errors"]],
            warnings=list(data["warnings"]),
            counts=Counter(data["counts"]),
            error_count=data["error_count"],
        )

    def add_outcome(self, sheet, row, action, key, label):
        self.counts[action] += 1
        if len(self.outcomes) < conf.get("EXCHANGE_PREVIEW_ROWS"):
            self.outcomes.append(Outcome(sheet, row, action, key, label))


class ImportContext:
    """What the sheets of one import share: who imports, and the objects earlier rows created or found."""

    def __init__(self, actor):
        self.actor = actor
        self._organizations: dict[str, Organization | None] = {}
        self._drafts: dict[tuple[int, str], Draft | None] = {}
        self._policies: dict[tuple[int, str], Policy | None] = {}
        # (kind, organization id, key) -> the object id an ImportKey names, or None when no key is stored.
        self._keys: dict[tuple[str, int, str], int | None] = {}

    def _allowed(self, check, organization):
        return self.actor is None or check(self.actor, organization)

    def can_read(self, organization):
        return self._allowed(scope.can_read, organization)

    def can_edit(self, organization):
        return self._allowed(scope.can_edit, organization)

    def can_manage(self, organization):
        return self._allowed(scope.can_manage, organization)

    def can_create_root(self):
        return self.actor is None or self.actor.is_superuser

    def organization(self, code):
        if code not in self._organizations:
            self._organizations[code] = Organization.objects.filter(code=code).first()
        return self._organizations[code]

    def remember_organization(self, organization):
        self._organizations[organization.code] = organization

    def draft(self, organization, ref):
        key = (organization.pk, ref)
        if key not in self._drafts:
            self._drafts[key] = self.find_existing(
                ImportKind.DRAFT, organization, ref, Draft.objects.filter(drafting_organization=organization)
            )
        return self._drafts[key]

    def remember_draft(self, organization, ref, draft):
        self._drafts[(organization.pk, ref)] = draft

    def policy(self, draft, ref):
        key = (draft.pk, ref)
        if key not in self._policies:
            self._policies[key] = self.find_existing(
                ImportKind.POLICY, draft.drafting_organization, ref, Policy.objects.filter(draft=draft)
            )
        return self._policies[key]

    def remember_policy(self, draft, ref, policy):
        self._policies[(draft.pk, ref)] = policy

    def prefetch_keys(self, kind, pairs):
        """Read the stored keys of many rows in one query; ``pairs`` are (organization code, key) as in the file."""
        wanted = set()
        for code, ref in pairs:
            organization = self.organization(code)
            if organization is not None and (kind, organization.pk, ref) not in self._keys:
                wanted.add((organization.pk, ref))
        if not wanted:
            return
        for organization_id, ref in wanted:
            self._keys[(kind, organization_id, ref)] = None
        stored = ImportKey.objects.filter(
            kind=kind, organization_id__in={o for o, _r in wanted}, key__in={r for _o, r in wanted}
        ).values_list("organization_id", "key", "object_id")
        for organization_id, ref, object_id in stored:
            if (organization_id, ref) in wanted:
                self._keys[(kind, organization_id, ref)] = object_id

    def remember_key(self, kind, organization, ref, object_id):
        self._keys[(kind, organization.pk, ref)] = object_id

    def find_existing(self, kind, organization, ref, queryset):
        """The object a row's key names: a key stored by an earlier import, else an exported "D-12" reference."""
        cache_key = (kind, organization.pk, ref)
        if cache_key in self._keys:
            object_id = self._keys[cache_key]
        else:
            object_id = (
                ImportKey.objects.filter(kind=kind, organization=organization, key=ref)
                .values_list("object_id", flat=True)
                .first()
            )
        if object_id is not None:
            found = queryset.filter(pk=object_id).first()
            if found is not None:
                return found
        match = re.fullmatch(rf"{PK_PREFIX[kind]}-(\d+)", ref)
        if match:
            return queryset.filter(pk=int(match.group(1))).first()
        return None


def changed_fields(instance, fields):
    changed = {}
    for name, value in fields.items():
        current = getattr(instance, name)
        if isinstance(current, Organization) or isinstance(value, Organization):
            same = getattr(current, "pk", None) == getattr(value, "pk", None)
        else:
            same = current == value
        if not same:
            changed[name] = value
    return changed


class SheetImporter:
    model_fields: tuple[str, ...] = ()

    def __init__(self, ctx: ImportContext, report: ImportReport, spec: SheetSpec, sheet_label: str):
        self.ctx = ctx
        self.report = report
        self.spec = spec
        self.sheet_label = sheet_label
        self.column_index: dict[str, int] = {}
        self.seen: dict[tuple, int] = {}
        self.new_keys: list[ImportKey] = []

    # -- reading -------------------------------------------------------------------------------------------

    def run(self, sheet: readers.Sheet):
        max_rows = conf.get("EXCHANGE_MAX_ROWS")
        if sheet.size_hint is None or sheet.size_hint - 1 > max_rows:
            self._refuse_if_too_long(sheet, max_rows)
        merged_rows = self._check_merged(sheet)
        rows = sheet.rows()
        header = next(rows, None)
        if header is None:
            raise FileProblem(_("The sheet “%(sheet)s” is empty.") % {"sheet": self.sheet_label})
        self._read_header(header[0], header[1])
        data_rows, batch = 0, []
        for number, cells in rows:
            if _is_empty(cells):
                continue
            data_rows += 1
            if data_rows > max_rows:
                raise FileProblem(self._too_long_message(max_rows))
            batch.append((number, cells))
            if len(batch) >= BATCH_ROWS:
                self._import_batch(batch, merged_rows)
                batch = []
        self._import_batch(batch, merged_rows)
        self.finish()

    def _import_batch(self, batch, merged_rows):
        # Rows are read ahead by the batch so that their keys are looked up in one query (``prefetch``),
        # then handled one by one, in file order, exactly as if each were read alone.
        batch = [(number, cells) for number, cells in batch if not _is_comment(cells)]
        if not batch:
            return
        self.prefetch([cells for number, cells in batch if number not in merged_rows])
        for number, cells in batch:
            if number in merged_rows:
                self.error(number, None, _("Cells %(range)s are merged. Unmerge them and fill in every cell.")
                           % {"range": merged_rows[number]})
                continue
            values = self._parse_row(number, cells)
            if values is not None:
                self.import_row(number, values)
        self.save_keys()

    def prefetch(self, rows):
        """Warm the context's caches for a batch of rows (raw cells) before they are imported."""

    def peek(self, cells, column_key):
        """A cell's parsed value, or None when the column is absent or the value does not parse (reported later)."""
        index = self.column_index.get(column_key)
        if index is None or index >= len(cells) or cells[index].formula:
            return None
        try:
            return self.spec.column(column_key).parse(cells[index].value)
        except CellError:
            return None

    def prefetch_keys(self, kind, rows, ref_column):
        pairs = []
        for cells in rows:
            code, ref = self.peek(cells, "organization"), self.peek(cells, ref_column)
            if code and ref:
                pairs.append((code, ref))
        self.ctx.prefetch_keys(kind, pairs)

    def remember_key(self, kind, organization, key, obj):
        # Rows of this import find what they created through the context; keys reach the table in batches.
        self.ctx.remember_key(kind, organization, key, obj.pk)
        self.new_keys.append(ImportKey(kind=kind, organization=organization, key=key, object_id=obj.pk))

    def save_keys(self):
        from .services import import_keys_save

        if self.new_keys:
            import_keys_save(keys=self.new_keys)
            self.new_keys = []

    def _too_long_message(self, max_rows):
        return _(
            "The sheet “%(sheet)s” has more than %(max)s data rows. Split it into files of at most %(max)s rows and "
            "import them one after another."
        ) % {"sheet": self.sheet_label, "max": f"{max_rows:,}".replace(",", ".")}

    def _refuse_if_too_long(self, sheet, max_rows):
        count = 0
        for _number, cells in sheet.rows():
            if not _is_empty(cells):
                count += 1
                if count > max_rows + 1:  # + the header row
                    raise FileProblem(self._too_long_message(max_rows))

    def _check_merged(self, sheet):
        by_row = {}
        for ref in sheet.merged:
            first, last = readers.range_rows(ref)
            if first <= 1:
                raise FileProblem(
                    _("The heading row of sheet “%(sheet)s” has merged cells (%(range)s). Unmerge them so that each "
                      "column has its own heading.") % {"sheet": self.sheet_label, "range": ref}
                )
            for number in range(first, min(last, first + 1000) + 1):
                by_row.setdefault(number, ref)
        return by_row

    def _read_header(self, number, cells):
        by_name = {}
        for column in self.spec.columns:
            by_name[normalize(column.header)] = column
            by_name[normalize(column.key)] = column
        extra = []
        for index, cell in enumerate(cells):
            if cell.value is None or not str(cell.value).strip():
                continue
            column = by_name.get(normalize(cell.value))
            if column is None:
                extra.append(str(cell.value).strip())
            elif column.key in self.column_index:
                raise FileProblem(
                    _("Sheet “%(sheet)s”: the column “%(column)s” appears twice in the heading row.")
                    % {"sheet": self.sheet_label, "column": column.header}
                )
            else:
                self.column_index[column.key] = index
        if not self.column_index:
            raise FileProblem(
                _("Row %(row)s of sheet “%(sheet)s” does not hold the expected column headings (e.g. “%(example)s”). "
                  "Start from the downloadable template.")
                % {"row": number, "sheet": self.sheet_label, "example": self.spec.columns[0].header}
            )
        missing = [c.header for c in self.spec.columns if c.required and c.key not in self.column_index]
        if missing:
            raise FileProblem(
                _("Sheet “%(sheet)s” lacks required columns: %(columns)s.")
                % {"sheet": self.sheet_label, "columns": ", ".join(f"“{m}”" for m in missing)}
            )
        if extra:
            self.report.warnings.append(
                _("Sheet “%(sheet)s”: columns ignored because the import does not read them: %(columns)s.")
                % {"sheet": self.sheet_label, "columns": ", ".join(f"“{e}”" for e in extra)}
            )

    def _parse_row(self, number, cells):
        values, ok = {}, True
        for column in self.spec.columns:
            index = self.column_index.get(column.key)
            if index is None:
                continue
            cell = cells[index] if index < len(cells) else Cell(None)
            label = self.column_label(column)
            if cell.formula:
                self.report.add_error(
                    self.sheet_label, number, label,
                    _("The cell holds a formula (%(formula)s). Replace it by its value (Copy, then Paste Values).")
                    % {"formula": str(cell.value)[:60]},
                )
                ok = False
                continue
            try:
                value = column.parse(cell.value)
            except CellError as exc:
                self.report.add_error(self.sheet_label, number, label, str(exc))
                ok = False
                continue
            if column.keep_if_empty and value in (None, ""):
                continue
            values[column.key] = value
        return values if ok else None

    # -- helpers for subclasses ----------------------------------------------------------------------------

    def column_label(self, column):
        if column is None:
            return ""
        index = self.column_index.get(column.key)
        letter = get_column_letter(index + 1) if index is not None else "?"
        return f"{letter} – {column.header}"

    def error(self, number, column_key, message):
        column = self.spec.column(column_key) if column_key else None
        self.report.add_error(self.sheet_label, number, self.column_label(column), message)

    def is_duplicate(self, number, key, column_key):
        if key in self.seen:
            self.error(number, column_key, _("Duplicate row: the same key already appears on row %(row)s.")
                       % {"row": self.seen[key]})
            return True
        self.seen[key] = number
        return False

    def organization_for(self, number, code, column_key="organization"):
        organization = self.ctx.organization(code)
        if organization is None or not self.ctx.can_edit(organization):
            self.error(number, column_key, _("Organization code “%(code)s” does not exist or is outside the "
                                             "organizations whose data you may edit.") % {"code": code})
            return None
        return organization

    def call(self, number, service, **kwargs):
        """Run one service in a savepoint (services are atomic); a ValidationError becomes row errors."""
        try:
            return service(**kwargs)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
            for field_name, messages in errors.items():
                column = self.spec.column_for_field(field_name)
                for message in messages:
                    self.report.add_error(self.sheet_label, number, self.column_label(column), message)
            return None

    def fields_from(self, values):
        return {name: values[name] for name in self.model_fields if name in values}

    def save(self, number, *, existing, fields, create, update, key, label, extra_changed=False):
        """Create or update through the services; returns the object or None after an error."""
        if existing is None:
            obj = self.call(number, create, **fields)
            action = CREATE
        else:
            changed = changed_fields(existing, fields)
            if not changed and not extra_changed:
                self.report.add_outcome(self.sheet_label, number, UNCHANGED, key, label)
                return existing
            obj = self.call(number, update, existing=existing, changed=changed)
            action = UPDATE
        if obj is not None:
            self.report.add_outcome(self.sheet_label, number, action, key, label)
        return obj

    def import_row(self, number, values):
        raise NotImplementedError

    def finish(self):
        pass


def _is_comment(cells):
    first = cells[0].value if cells else None
    return isinstance(first, str) and first.strip().startswith(COMMENT_MARK)


def _is_empty(cells):
    return all(c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in cells)




class OrganizationImporter(SheetImporter):
    model_fields = ("name", "kind", "valid_from", "valid_to")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.successors = []

    def import_row(self, number, values):
        code = values["code"]
        if self.is_duplicate(number, code, "code"):
            return
        fields = self.fields_from(values)
        if "parent" in values:
            fields["parent"] = None
            if values["parent"]:
                # Whether the user may place an organization there is checked below, only if it changes.
                parent = self.ctx.organization(values["parent"])
                if parent is None:
                    self.error(number, "parent", _("Organization code “%(code)s” does not exist.")
                               % {"code": values["parent"]})
                    return
                fields["parent"] = parent
        existing = self.ctx.organization(code)
        if existing is not None and not self.ctx.can_read(existing):
            self.error(number, "code", _("The code “%(code)s” is already used by another organization.") % {"code": code})
            return
        if existing is None:
            parent = fields.get("parent")
            allowed = self.ctx.can_manage(parent) if parent else self.ctx.can_create_root()
        else:
            changed = changed_fields(existing, fields)
            allowed = not changed or (
                self.ctx.can_manage(existing) and ("parent" not in changed or self.ctx.can_manage(changed["parent"]))
            )
        if not allowed:
            self.error(number, "parent" if existing is None else "code",
                       _("You may not create or change organizations here; ask an administrator."))
            return
        organization = self.save(
            number,
            existing=existing,
            fields=fields,
            create=lambda **f: organization_services.organization_create(code=code, **f),
            update=lambda existing, changed: organization_services.organization_update(organization=existing, **changed),
            key=code,
            label=values["name"],
        )
        if organization is None:
            return
        self.ctx.remember_organization(organization)
        if "successor" in values:
            self.successors.append((number, organization, values["successor"]))

    def finish(self):
        # Successors may be named before they appear in the file, so they are linked once every row is in.
        for number, organization, code in self.successors:
            successor = self.ctx.organization(code) if code else None
            if code and (successor is None or not self.ctx.can_read(successor)):
                self.error(number, "successor", _("Organization code “%(code)s” does not exist or is outside your "
                                                  "organizations.") % {"code": code})
                continue
            if organization.successor_id == getattr(successor, "pk", None):
                continue
            if not self.ctx.can_manage(organization):
                self.error(number, "successor", _("You may not create or change organizations here; ask an administrator."))
                continue
            self.call(number, organization_services.organization_update, organization=organization, successor=successor)


class DraftImporter(SheetImporter):
    model_fields = (
        "title", "document_type", "status", "proposal_consultation_start", "proposal_consultation_end",
        "draft_consultation_start", "draft_consultation_end", "submitted_on", "adopted_on", "issued_number",
        "portal_url", "published", "comment_url", "comment_instructions", "internal_notes",
    )

    def prefetch(self, rows):
        self.prefetch_keys(ImportKind.DRAFT, rows, "ref")

    def import_row(self, number, values):
        organization = self.organization_for(number, values["organization"])
        if organization is None or self.is_duplicate(number, (organization.pk, values["ref"]), "ref"):
            return
        ref, actor = values["ref"], self.ctx.actor
        existing = self.ctx.draft(organization, ref)

        def create(**fields):
            draft = draft_services.draft_create(
                actor=actor, drafting_organization=organization, known_relations=KNOWN_FOR_DRAFT, **fields
            )
            self.remember_key(ImportKind.DRAFT, organization, ref, draft)
            return draft

        draft = self.save(
            number,
            existing=existing,
            fields=self.fields_from(values),
            create=create,
            update=lambda existing, changed: draft_services.draft_update(draft=existing, actor=actor, **changed),
            key=ref,
            label=values["title"],
        )
        if draft is not None:
            self.ctx.remember_draft(organization, ref, draft)


class _DraftChildImporter(SheetImporter):
    key_kind: str

    def prefetch(self, rows):
        self.prefetch_keys(ImportKind.DRAFT, rows, "draft")
        self.prefetch_keys(self.key_kind, rows, "ref")
    def draft_for(self, number, organization, ref):
        draft = self.ctx.draft(organization, ref)
        if draft is None:
            self.error(number, "draft", _("No draft with the key “%(ref)s” in organization “%(code)s”, neither in this "
                                          "file nor imported before.") % {"ref": ref, "code": organization.code})
        return draft

    def check_same_draft(self, number, existing, draft):
        if existing is not None and existing.draft_id != draft.pk:
            self.error(number, "draft", _("This row's key belongs to a record of another draft; a record cannot move "
                                          "between drafts. Use a new key."))
            return False
        return True


class PolicyImporter(_DraftChildImporter):
    key_kind = ImportKind.POLICY
    model_fields = (
        "title", "summary", "criterion_rights", "criterion_sensitive", "criterion_wide", "criterion_not_secret",
        "assessed_on", "high_impact", "in_scope", "position",
    )

    def import_row(self, number, values):
        organization = self.organization_for(number, values["organization"])
        if organization is None or self.is_duplicate(number, (organization.pk, values["ref"]), "ref"):
            return
        draft = self.draft_for(number, organization, values["draft"])
        if draft is None:
            return
        ref, actor = values["ref"], self.ctx.actor
        existing = self.ctx.find_existing(
            ImportKind.POLICY, organization, ref, Policy.objects.filter(draft__drafting_organization=organization)
        )
        if not self.check_same_draft(number, existing, draft):
            return
        fields = self.fields_from(values)

        def create(**fields):
            policy = draft_services.policy_create(draft=draft, actor=actor, known_relations=KNOWN_FOR_POLICY, **fields)
            self.remember_key(ImportKind.POLICY, organization, ref, policy)
            return policy

        policy = self.save(
            number,
            existing=existing,
            fields=fields,
            create=create,
            update=lambda existing, changed: draft_services.policy_update(policy=existing, actor=actor, **changed),
            key=ref,
            label=values["title"],
        )
        if policy is not None:
            self.ctx.remember_policy(draft, ref, policy)


class ActivityImporter(_DraftChildImporter):
    key_kind = ImportKind.ACTIVITY
    model_fields = ("channel", "date", "status", "title", "description", "reach", "feedback", "evidence_url")

    def prefetch(self, rows):
        super().prefetch(rows)
        pairs = []
        for cells in rows:
            code = self.peek(cells, "organization")
            pairs.extend((code, ref) for ref in self.peek(cells, "policies") or () if code)
        self.ctx.prefetch_keys(ImportKind.POLICY, pairs)

    def import_row(self, number, values):
        organization = self.organization_for(number, values["organization"])
        if organization is None or self.is_duplicate(number, (organization.pk, values["ref"]), "ref"):
            return
        draft = self.draft_for(number, organization, values["draft"])
        if draft is None:
            return
        ref, actor = values["ref"], self.ctx.actor
        policies = None
        if "policies" in values:
            policies, unknown = [], []
            for policy_ref in values["policies"]:
                policy = self.ctx.policy(draft, policy_ref)
                (policies if policy is not None else unknown).append(policy or policy_ref)
            if unknown:
                self.error(number, "policies", _("These policy keys are not policies of draft “%(draft)s”: %(keys)s.")
                           % {"draft": values["draft"], "keys": ", ".join(unknown)})
                return
        existing = self.ctx.find_existing(
            ImportKind.ACTIVITY, organization, ref, Activity.objects.filter(draft__drafting_organization=organization)
        )
        if not self.check_same_draft(number, existing, draft):
            return
        policies_changed = (
            existing is not None
            and policies is not None
            and {p.pk for p in policies} != set(existing.policies.values_list("pk", flat=True))
        )

        def create(**fields):
            activity = campaign_services.activity_create(
                draft=draft, actor=actor, policies=policies or (), known_relations=KNOWN_FOR_ACTIVITY, **fields
            )
            self.remember_key(ImportKind.ACTIVITY, organization, ref, activity)
            return activity

        def update(existing, changed):
            return campaign_services.activity_update(
                activity=existing, actor=actor, policies=policies if policies_changed else None, **changed
            )

        self.save(
            number,
            existing=existing,
            fields=self.fields_from(values),
            create=create,
            update=update,
            key=ref,
            label=values["title"],
            extra_changed=policies_changed,
        )


class CommentImporter(_DraftChildImporter):
    """Written replies of consulted organizations (or comments of another channel), one row per comment, recorded
    through ``consultation.services.comment_record``: published at once, in the phase of the day received.

    Comments carry no key of the user's: a row is the comment already stored for the same draft, submitter
    organization (case aside), day received (local time) and text (as ``clean_text`` stores it). Such a row is
    unchanged on a re-import; a comment is never updated or deleted by an import (its answer may be drafted)."""

    def prefetch(self, rows):
        self.prefetch_keys(ImportKind.DRAFT, rows, "draft")
        pairs = [(self.peek(c, "organization"), self.peek(c, "policy")) for c in rows]
        self.ctx.prefetch_keys(ImportKind.POLICY, [(code, ref) for code, ref in pairs if code and ref])

    def import_row(self, number, values):
        organization = self.organization_for(number, values["organization"])
        if organization is None:
            return
        draft = self.draft_for(number, organization, values["draft"])
        if draft is None:
            return
        day = values["received_on"]
        if day > timezone.localdate():
            self.error(number, "received_on", _("The day received cannot be in the future."))
            return
        text = consultation_services.clean_text(values["text"])
        submitter = consultation_services.clean_text(values.get("submitter_organization", ""))
        if not text:
            self.error(number, "text", _("This column is required."))
            return
        natural_key = (draft.pk, submitter.casefold(), day, text)
        if self.is_duplicate(number, natural_key, "text"):
            return
        policy = None
        if values.get("policy"):
            policy = self.ctx.policy(draft, values["policy"])
            if policy is None:
                self.error(number, "policy", _("This policy key is not a policy of draft “%(draft)s”: %(key)s.")
                           % {"draft": values["draft"], "key": values["policy"]})
                return
        key, label = f"{values['draft']} · {submitter or '—'} · {day:%d/%m/%Y}", text[:80]
        existing = Comment.objects.filter(
            draft=draft, submitter_organization__iexact=submitter, received_at__date=day, text=text
        ).exists()
        if existing:
            self.report.add_outcome(self.sheet_label, number, UNCHANGED, key, label)
            return
        received_at = timezone.make_aware(dt.datetime.combine(day, dt.time()))
        comment = self.call(
            number, consultation_services.comment_record, draft=draft, actor=self.ctx.actor,
            source=values.get("source") or Source.WRITTEN, known_relations=KNOWN_FOR_COMMENT, text=text, policy=policy,
            provision=values.get("provision", ""), submitter_name=values.get("submitter_name", ""),
            submitter_organization=submitter, received_at=received_at,
        )
        if comment is not None:
            self.report.add_outcome(self.sheet_label, number, CREATE, key, label)


IMPORTERS = {
    "organizations": OrganizationImporter,
    "drafts": DraftImporter,
    "policies": PolicyImporter,
    "activities": ActivityImporter,
    "comments": CommentImporter,
}
IGNORED_SHEETS = {normalize(LISTS_TITLE), normalize(HELP_TITLE)}

"""``manage.py generate_dataset``: a synthetic national data set for load and performance work.

Shape: ministries with departments; provinces with departments, offices, schools, GDNN-GDTX centres, historic
districts (dissolved 30/6/2025, each naming a commune as successor) and communes; users with memberships; drafts
with S/D/A milestones between 2022 and 2027 (some withdrawn, some never adopted), one campaign each; policies with
a mix of high-impact / in-scope; activities across channels and phases, some planned or cancelled, some naming
specific policies.

Speed over ceremony: primary keys are assigned here so rows can reference each other without reading them back,
organization paths are computed in memory, small tables go through ``bulk_create`` in large batches, and on
PostgreSQL policies, activities and the activity–policy table are streamed with ``COPY``. None of this calls the
write services, so the per-save coverage hook does not run: recompute coverage afterwards if you need snapshots.
Everything runs in one transaction — a failure leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import time
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import Membership, Role
from campaigns.models import Activity, ActivityStatus, Campaign, Channel
from core.management.guards import add_production_override, refuse_in_production
from drafts.models import DocumentType, Draft, DraftStatus, Policy
from organizations.models import Organization
from organizations.models import OrganizationKind as K

PRESETS = {
    "small": dict(provinces=3, ministries=2, communes=30, users=50, drafts=200, policies=600, activities=5_000),
    "medium": dict(provinces=34, ministries=17, communes=3321, users=2_000, drafts=5_000, policies=20_000,
                   activities=200_000),
    "national": dict(provinces=34, ministries=17, communes=3321, users=10_000, drafts=25_000, policies=100_000,
                     activities=2_000_000),
}
COUNT_OPTIONS = tuple(PRESETS["small"])
CODE_PREFIX = "GEN-"
USERNAME_PREFIX = "gen"
PASSWORD = "Dataset@policycomms2026"  # nosec B105  # docs/security.md
FIRST_YEAR, LAST_YEAR = 2022, 2027
COMMUNES_START = dt.date(2025, 7, 1)
DISTRICTS_END = dt.date(2025, 6, 30)
BATCH = 5_000
COPY_CHUNK = 100_000

PROVINCES = [
    "Thành phố Hà Nội", "Thành phố Huế", "Tỉnh Lai Châu", "Tỉnh Điện Biên", "Tỉnh Sơn La", "Tỉnh Lạng Sơn",
    "Tỉnh Quảng Ninh", "Tỉnh Thanh Hóa", "Tỉnh Nghệ An", "Tỉnh Hà Tĩnh", "Tỉnh Cao Bằng", "Tỉnh Tuyên Quang",
    "Tỉnh Lào Cai", "Tỉnh Thái Nguyên", "Tỉnh Phú Thọ", "Tỉnh Bắc Ninh", "Tỉnh Hưng Yên", "Thành phố Hải Phòng",
    "Tỉnh Ninh Bình", "Tỉnh Quảng Trị", "Thành phố Đà Nẵng", "Tỉnh Quảng Ngãi", "Tỉnh Gia Lai", "Tỉnh Khánh Hòa",
    "Tỉnh Lâm Đồng", "Tỉnh Đắk Lắk", "Thành phố Hồ Chí Minh", "Tỉnh Đồng Nai", "Tỉnh Tây Ninh",
    "Thành phố Cần Thơ", "Tỉnh Vĩnh Long", "Tỉnh Đồng Tháp", "Tỉnh Cà Mau", "Tỉnh An Giang",
]
MINISTRIES = [
    "Bộ Tư pháp", "Bộ Giáo dục và Đào tạo", "Bộ Y tế", "Bộ Tài chính", "Bộ Công Thương",
    "Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng", "Bộ Nội vụ", "Bộ Khoa học và Công nghệ",
    "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Ngoại giao", "Bộ Quốc phòng", "Bộ Công an", "Bộ Dân tộc và Tôn giáo",
    "Ngân hàng Nhà nước Việt Nam", "Thanh tra Chính phủ", "Văn phòng Chính phủ",
]
MINISTRY_DEPARTMENTS = [
    "Vụ Pháp chế", "Vụ Kế hoạch - Tài chính", "Vụ Tổ chức cán bộ", "Văn phòng", "Thanh tra", "Vụ Hợp tác quốc tế",
]
PROVINCE_DEPARTMENTS = [
    ("SGDDT", "Sở Giáo dục và Đào tạo"), ("STP", "Sở Tư pháp"), ("SYT", "Sở Y tế"), ("STC", "Sở Tài chính"),
    ("SNV", "Sở Nội vụ"), ("SXD", "Sở Xây dựng"), ("SNNMT", "Sở Nông nghiệp và Môi trường"),
    ("SCT", "Sở Công Thương"), ("SKHCN", "Sở Khoa học và Công nghệ"), ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SDTTG", "Sở Dân tộc và Tôn giáo"), ("VPUBND", "Văn phòng Ủy ban nhân dân"), ("TT", "Thanh tra tỉnh"),
]
DEPARTMENT_UNITS = [("VP", "Văn phòng Sở"), ("TTR", "Thanh tra Sở")]
SCHOOLS_PER_PROVINCE = 12
CENTRES_PER_PROVINCE = 3
DISTRICTS_PER_PROVINCE = 3
PLACE_NAMES = [
    "An Hòa", "Bình Minh", "Tân Tiến", "Hòa Bình", "Quang Trung", "Thắng Lợi", "Đồng Tâm", "Hồng Phong",
    "Nam Sơn", "Kiến Thiết", "Thuận Thành", "Phú Xuân", "Tiên Lãng", "Vĩnh Bảo", "Kim Sơn", "Yên Hưng",
    "Trường Sơn", "Cẩm Phả", "Long Hưng", "Hải An", "Lê Lợi", "Trần Hưng Đạo", "Ngô Quyền", "Hùng Vương",
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE_NAMES = ["Văn", "Thị", "Minh", "Thu", "Hồng", "Quốc", "Thanh", "Ngọc", "Đức", "Hải", "Thùy", "Anh"]
GIVEN_NAMES = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phương",
               "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến", "Hiếu", "Nhung", "Long"]

TOPICS = [
    "mức học phí đối với cơ sở giáo dục công lập", "quản lý dạy thêm, học thêm", "tuyển sinh đầu cấp",
    "phụ cấp ưu đãi đối với nhà giáo", "bảo đảm an toàn trường học", "hỗ trợ chi phí học tập",
    "giá dịch vụ khám bệnh, chữa bệnh", "hỗ trợ người lao động mất việc làm", "bồi thường, hỗ trợ tái định cư",
    "phí tham quan danh lam thắng cảnh", "quản lý chất thải rắn sinh hoạt", "hỗ trợ phát triển nhà ở xã hội",
    "xử phạt vi phạm hành chính về trật tự đô thị", "hỗ trợ sản xuất nông nghiệp", "phí sử dụng hạ tầng cửa khẩu",
    "chính sách đối với người có uy tín trong đồng bào dân tộc thiểu số", "trợ giúp xã hội",
    "quản lý karaoke, vũ trường", "khuyến khích xã hội hóa giáo dục", "thu hút nhân lực chất lượng cao",
]
POLICY_OPENINGS = ["Mức", "Đối tượng được hưởng", "Điều kiện áp dụng", "Trách nhiệm thực hiện", "Thủ tục"]
ACTIVITY_TITLES = {
    Channel.PORTAL: ["Đăng tải dự thảo trên Cổng thông tin điện tử", "Đăng tải đề nghị xây dựng văn bản trên Cổng"],
    Channel.PRESS: ["Cung cấp tài liệu cho cơ quan báo chí", "Họp báo cung cấp thông tin về dự thảo"],
    Channel.BROADCAST: ["Phát thanh trên hệ thống loa truyền thanh cơ sở", "Tọa đàm trên Đài Phát thanh - Truyền hình"],
    Channel.SOCIAL: ["Đăng infographic trên Fanpage", "Video giới thiệu chính sách trên Zalo OA"],
    Channel.MEETING: ["Hội nghị lấy ý kiến về dự thảo", "Tọa đàm chuyên gia về chính sách"],
    Channel.VOTER_CONTACT: ["Lồng ghép tại hội nghị tiếp xúc cử tri"],
    Channel.GRASSROOTS: ["Tuyên truyền tại nhà văn hóa thôn, tổ dân phố"],
    Channel.PRINT: ["In và phát tờ gấp giới thiệu dự thảo", "Treo pano, áp phích tuyên truyền"],
    Channel.OTHER: ["Hoạt động truyền thông khác"],
}
DOCUMENT_TITLES = {
    DocumentType.CIRCULAR: "Thông tư",
    DocumentType.DECREE: "Nghị định",
    DocumentType.PM_DECISION: "Quyết định của Thủ tướng Chính phủ",
    DocumentType.PROVINCIAL_COUNCIL_RESOLUTION: "Nghị quyết của Hội đồng nhân dân tỉnh",
    DocumentType.PROVINCIAL_COMMITTEE_DECISION: "Quyết định của Ủy ban nhân dân tỉnh",
    DocumentType.DISTRICT_COUNCIL_RESOLUTION: "Nghị quyết của Hội đồng nhân dân huyện",
    DocumentType.DISTRICT_COMMITTEE_DECISION: "Quyết định của Ủy ban nhân dân huyện",
    DocumentType.COMMUNE_COUNCIL_RESOLUTION: "Nghị quyết của Hội đồng nhân dân xã",
    DocumentType.COMMUNE_COMMITTEE_DECISION: "Quyết định của Ủy ban nhân dân xã",
}
CHANNEL_WEIGHTS = {
    Channel.PORTAL: 30, Channel.PRESS: 15, Channel.BROADCAST: 10, Channel.SOCIAL: 15, Channel.MEETING: 10,
    Channel.VOTER_CONTACT: 5, Channel.GRASSROOTS: 5, Channel.PRINT: 7, Channel.OTHER: 3,
}


def _next_id(model) -> int:
    return (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1


def _copy_text(value) -> str:
    """One value in PostgreSQL's COPY text format (our generated text never contains tabs or newlines)."""
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


class TableWriter:
    """Writes rows given as tuples of ``attnames`` values: COPY on PostgreSQL, ``bulk_create`` elsewhere.

    Fields not in ``attnames`` get their model default (``now`` for auto timestamps), so the writer keeps working
    when a model gains a field with a default.
    """

    def __init__(self, model, attnames, *, now, use_copy):
        self.model = model
        self.attnames = list(attnames)
        self.use_copy = use_copy
        self.count = 0
        self._buffer = []
        fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in self.attnames)]
        by_attname = {f.attname: f for f in fields}
        unknown = set(self.attnames) - set(by_attname)
        if unknown:
            raise CommandError(f"{model.__name__} has no fields {sorted(unknown)}")
        self.columns = [by_attname[name].column for name in self.attnames]
        self.fill = []
        for f in fields:
            if f.attname in self.attnames:
                continue
            auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            self.columns.append(f.column)
            self.fill.append(now if auto else f.get_default())
        self._fill_text = "".join("\t" + _copy_text(v) for v in self.fill)

    def add(self, row):
        self._buffer.append(row)
        if len(self._buffer) >= (COPY_CHUNK if self.use_copy else BATCH):
            self.flush()

    def flush(self):
        if not self._buffer:
            return
        if self.use_copy:
            text = io.StringIO(
                "".join("\t".join(map(_copy_text, row)) + self._fill_text + "\n" for row in self._buffer)
            )
            table = connection.ops.quote_name(self.model._meta.db_table)
            columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
            with connection.cursor() as cursor:
                cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", text)
        else:
            names = self.attnames
            self.model.objects.bulk_create(
                [self.model(**dict(zip(names, row))) for row in self._buffer], batch_size=BATCH
            )
        self.count += len(self._buffer)
        self._buffer = []


class Command(BaseCommand):
    help = "Fill the database with a synthetic national data set (fast bulk loading; bypasses the services)."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(PRESETS), default="small", help="Preset counts (default small).")
        for name in COUNT_OPTIONS:
            parser.add_argument(f"--{name}", type=int, default=None, help=f"Number of {name} (overrides --size).")
        parser.add_argument("--seed", type=int, default=2022, help="Random seed; the same seed gives the same data.")
        parser.add_argument(
            "--today", type=dt.date.fromisoformat, default=None, help="Reference date YYYY-MM-DD (default: today)."
        )
        parser.add_argument("--no-copy", action="store_true", help="Use bulk_create even on PostgreSQL.")
        add_production_override(parser)

    def handle(self, *args, **options):
        refuse_in_production(options)
        counts = {name: options[name] if options[name] is not None else PRESETS[options["size"]][name]
                  for name in COUNT_OPTIONS}
        self._validate(counts)
        self.counts = counts
        self.rng = random.Random(options["seed"])  # nosec B311  # docs/security.md
        self.today = options["today"] or timezone.localdate()
        self.now = timezone.now()
        self.use_copy = connection.vendor == "postgresql" and not options["no_copy"]
        started = time.perf_counter()
        self.stdout.write(
            f"Generating on {connection.vendor} ({'COPY' if self.use_copy else 'bulk_create'}): "
            + ", ".join(f"{name}={value:,}" for name, value in counts.items())
        )
        with transaction.atomic():
            self._timed("organizations", self._organizations)
            self._timed("users + memberships", self._users)
            self._timed("drafts + campaigns", self._drafts)
            self._timed("policies", self._policies)
            with self._loading(Activity, Activity.policies.through):
                self._timed("activities + activity_policies", self._activities)
            self._timed("sequences", self._reset_sequences)
        if connection.vendor == "postgresql":
            self._timed("analyze", self._analyze)
        self.stdout.write(self.style.SUCCESS(f"Done in {time.perf_counter() - started:.1f} s."))
        self.stdout.write(
            f"Users {USERNAME_PREFIX}000001… log in with “{PASSWORD}”. Coverage snapshots were not computed "
            "(bulk loading bypasses the services): run `manage.py recompute_coverage`."
        )

    def _validate(self, counts):
        for name, value in counts.items():
            if value < 0:
                raise CommandError(f"--{name} cannot be negative.")
        if counts["provinces"] < 1 and counts["ministries"] < 1:
            raise CommandError("At least one province or ministry is needed to draft anything.")
        if counts["drafts"] and counts["policies"] < counts["drafts"]:
            raise CommandError("Every draft needs a policy: --policies must be at least --drafts.")
        if counts["activities"] and not counts["drafts"]:
            raise CommandError("Activities need drafts: set --drafts.")
        if Organization.objects.filter(code__startswith=CODE_PREFIX).exists():
            raise CommandError(
                f"A generated data set is already loaded (organizations coded {CODE_PREFIX}…). "
                "Use a fresh database (e.g. `manage.py flush`) before generating again."
            )

    def _timed(self, label, step):
        started = time.perf_counter()
        rows = step()
        elapsed = time.perf_counter() - started
        rate = f", {rows / elapsed:,.0f} rows/s" if rows and elapsed > 0 else ""
        self.stdout.write(f"  {label:<32} {rows or 0:>12,} rows {elapsed:8.2f} s{rate}")

    # Organizations --------------------------------------------------------------------------------------------------

    def _organizations(self) -> int:
        rng, counts = self.rng, self.counts
        next_id = _next_id(Organization)
        objs: list[Organization] = []
        # Where drafts come from: (organization id, document types, earliest S) and who may work where.
        self.drafting_orgs: list[tuple[int, tuple[str, ...], dt.date | None]] = []
        self.member_orgs: list[tuple[int, str]] = []

        def add(code, name, kind, parent=None, valid_from=None, valid_to=None, successor_id=None):
            nonlocal next_id
            org = Organization(
                pk=next_id, code=CODE_PREFIX + code, name=name, kind=kind, parent_id=parent.pk if parent else None,
                valid_from=valid_from, valid_to=valid_to, successor_id=successor_id,
            )
            org.path = f"{parent.path if parent else '/'}{org.pk}/"
            org.depth = org.path.count("/") - 2
            next_id += 1
            objs.append(org)
            return org

        central = (DocumentType.CIRCULAR, DocumentType.DECREE, DocumentType.PM_DECISION)
        for m in range(counts["ministries"]):
            name = MINISTRIES[m] if m < len(MINISTRIES) else f"Bộ số {m + 1}"
            ministry = add(f"M{m + 1:02d}", name, K.MINISTRY)
            self.member_orgs.append((ministry.pk, Role.ADMIN))
            for d, dep_name in enumerate(MINISTRY_DEPARTMENTS):
                dep = add(f"M{m + 1:02d}-D{d + 1}", f"{dep_name} - {name}", K.DEPARTMENT, ministry)
                self.drafting_orgs.append((dep.pk, central, None))
                self.member_orgs.append((dep.pk, Role.OFFICIAL))

        provincial = (DocumentType.PROVINCIAL_COUNCIL_RESOLUTION, DocumentType.PROVINCIAL_COMMITTEE_DECISION)
        communal = (DocumentType.COMMUNE_COUNCIL_RESOLUTION, DocumentType.COMMUNE_COMMITTEE_DECISION)
        district_docs = (DocumentType.DISTRICT_COUNCIL_RESOLUTION, DocumentType.DISTRICT_COMMITTEE_DECISION)
        n_provinces = counts["provinces"]
        communes_left = counts["communes"]
        for p in range(n_provinces):
            name = PROVINCES[p] if p < len(PROVINCES) else f"Tỉnh số {p + 1}"
            pcode = f"P{p + 1:02d}"
            province = add(pcode, name, K.PROVINCE)
            self.member_orgs.append((province.pk, Role.ADMIN))
            short = name.removeprefix("Thành phố ").removeprefix("Tỉnh ")
            for code, dep_name in PROVINCE_DEPARTMENTS:
                dep = add(f"{pcode}-{code}", f"{dep_name} {short}", K.DEPARTMENT, province)
                self.drafting_orgs.append((dep.pk, provincial, None))
                self.member_orgs.extend([(dep.pk, Role.OFFICIAL), (dep.pk, Role.HEAD), (dep.pk, Role.INSPECTOR)])
                for ucode, unit_name in DEPARTMENT_UNITS:
                    add(f"{pcode}-{code}-{ucode}", f"{unit_name} - {dep_name} {short}", K.UNIT, dep)
                if code == "SGDDT":
                    for s in range(SCHOOLS_PER_PROVINCE):
                        add(f"{pcode}-THPT{s + 1:02d}", f"Trường THPT {rng.choice(PLACE_NAMES)} số {s + 1}",
                            K.SCHOOL, dep)
                    for c in range(CENTRES_PER_PROVINCE):
                        add(f"{pcode}-GDNN{c + 1}", f"Trung tâm GDNN-GDTX {rng.choice(PLACE_NAMES)} {c + 1}",
                            K.UNIT, dep)
            # Communes, spread evenly; the first ones succeed the province's historic districts.
            n_communes = communes_left // (n_provinces - p)
            communes_left -= n_communes
            communes = [
                add(f"{pcode}-X{c + 1:04d}", f"{'Phường' if c % 4 == 0 else 'Xã'} {rng.choice(PLACE_NAMES)} {c + 1}",
                    K.COMMUNE, province, valid_from=COMMUNES_START)
                for c in range(n_communes)
            ]
            for commune in communes:
                self.drafting_orgs.append((commune.pk, communal, COMMUNES_START))
            for c in range(DISTRICTS_PER_PROVINCE):
                successor = communes[c].pk if c < len(communes) else None
                district = add(f"{pcode}-H{c + 1}", f"Ủy ban nhân dân huyện {rng.choice(PLACE_NAMES)} {c + 1}",
                               K.DISTRICT, province, valid_to=DISTRICTS_END, successor_id=successor)
                self.drafting_orgs.append((district.pk, district_docs, -1))
        Organization.objects.bulk_create(objs, batch_size=BATCH)
        self.n_organizations = len(objs)
        return len(objs)

    # Users ----------------------------------------------------------------------------------------------------------

    def _users(self) -> int:
        rng = self.rng
        User = get_user_model()
        if User.objects.filter(username__startswith=USERNAME_PREFIX).exists():
            raise CommandError(f"Usernames starting with “{USERNAME_PREFIX}” already exist; use a fresh database.")
        # One hash for everyone: hashing 10,000 passwords would take minutes.
        password = make_password(PASSWORD)
        next_user, next_membership = _next_id(User), _next_id(Membership)
        users = TableWriter(
            User, ["id", "username", "password", "full_name", "email", "date_joined"], now=self.now,
            use_copy=self.use_copy,
        )
        memberships = TableWriter(
            Membership, ["id", "user_id", "organization_id", "role"], now=self.now, use_copy=self.use_copy
        )
        for n in range(self.counts["users"]):
            full_name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"
            username = f"{USERNAME_PREFIX}{n + 1:06d}"
            users.add((next_user + n, username, password, full_name, f"{username}@dataset.example", self.now))
            if self.member_orgs:
                org_id, role = rng.choice(self.member_orgs)
                memberships.add((next_membership + n, next_user + n, org_id, role))
        users.flush()
        memberships.flush()
        return users.count + memberships.count

    # Drafts and campaigns -------------------------------------------------------------------------------------------

    def _random_day(self, first: dt.date, last: dt.date) -> dt.date:
        span = (last - first).days
        return first + dt.timedelta(days=self.rng.randint(0, span)) if span > 0 else first

    def _drafts(self) -> int:
        rng, today = self.rng, self.today
        first_day, last_day = dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 6, 30)
        next_draft, next_campaign = _next_id(Draft), _next_id(Campaign)
        drafts = TableWriter(
            Draft,
            ["id", "title", "document_type", "drafting_organization_id", "proposal_consultation_start",
             "proposal_consultation_end", "draft_consultation_start", "draft_consultation_end", "adopted_on",
             "status", "issued_number"],
            now=self.now, use_copy=self.use_copy,
        )
        campaigns = TableWriter(
            Campaign,
            ["id", "draft_id", "title", "period_start", "period_end", "planned_channels", "budget_vnd"],
            now=self.now, use_copy=self.use_copy,
        )
        # Milestones per draft, kept for the activities: (S, D, A, last day activities may fall on, withdrawn).
        self.windows: list[tuple[dt.date, dt.date | None, dt.date | None, dt.date, bool]] = []
        self.draft_ids: list[int] = []
        self.campaign_ids: list[int] = []
        channels = list(CHANNEL_WEIGHTS)
        for n in range(self.counts["drafts"]):
            org_id, doc_types, since = rng.choice(self.drafting_orgs)
            s_first, s_last = first_day, last_day
            if since == -1:  # historic district: its drafts end with it
                s_last = DISTRICTS_END - dt.timedelta(days=200)
            elif since:
                s_first = max(s_first, since)
            s = self._random_day(s_first, s_last)
            d = s + dt.timedelta(days=rng.randint(30, 120)) if rng.random() < 0.75 else None
            if d and d > today:
                d = None
            a = (d or s) + dt.timedelta(days=rng.randint(30, 200))
            withdrawn = rng.random() < 0.03
            stuck = rng.random() < 0.08  # never adopted, although its planned date has passed
            if since == -1:
                a = min(a, DISTRICTS_END)
            if withdrawn or stuck or a > today:
                a = None
            if withdrawn:
                status = DraftStatus.WITHDRAWN
            elif a:
                status = DraftStatus.ADOPTED
            elif today < s:
                status = DraftStatus.PROPOSAL
            elif d:
                status = DraftStatus.APPRAISAL if stuck else DraftStatus.DRAFT_CONSULTATION
            else:
                status = DraftStatus.PROPOSAL_CONSULTATION
            proposal_end = s + dt.timedelta(days=30)
            if d and proposal_end >= d:
                proposal_end = d - dt.timedelta(days=1)
            draft_end = d + dt.timedelta(days=30) if d and (a is None or d + dt.timedelta(days=30) <= a) else None
            topic = rng.choice(TOPICS)
            doc_type = rng.choice(doc_types)
            title = f"{DOCUMENT_TITLES[doc_type]} quy định {topic} ({s.year})"
            draft_id, campaign_id = next_draft + n, next_campaign + n
            drafts.add((
                draft_id, title, doc_type, org_id, s, max(proposal_end, s), d, draft_end, a, status,
                f"{rng.randint(1, 99)}/{a.year}/VB" if a else "",
            ))
            campaigns.add((
                campaign_id, draft_id, f"Kế hoạch truyền thông dự thảo về {topic}", s, a, rng.sample(channels, 3),
                rng.randrange(5, 80) * 1_000_000,
            ))
            if withdrawn:
                last = s + dt.timedelta(days=60)
            elif a:
                last = a
            else:
                last = max(today, s) + dt.timedelta(days=30)  # planned activities may lie ahead
            self.windows.append((s, d, a, last, withdrawn))
            self.draft_ids.append(draft_id)
            self.campaign_ids.append(campaign_id)
        drafts.flush()
        campaigns.flush()
        return drafts.count + campaigns.count

    # Policies -------------------------------------------------------------------------------------------------------

    def _policies(self) -> int:
        rng = self.rng
        n_drafts = len(self.draft_ids)
        per_draft = [1] * n_drafts
        for _ in range(self.counts["policies"] - n_drafts):
            per_draft[rng.randrange(n_drafts)] += 1
        next_policy = _next_id(Policy)
        # Policies of one draft get consecutive ids, so activities can pick them without a lookup.
        self.policy_ranges: list[tuple[int, int]] = []
        writer = TableWriter(
            Policy,
            ["id", "draft_id", "title", "summary", "criterion_rights", "criterion_sensitive", "criterion_wide",
             "criterion_not_secret", "high_impact", "in_scope", "assessed_on", "position"],
            now=self.now, use_copy=self.use_copy,
        )
        pid = next_policy
        for index, count in enumerate(per_draft):
            s = self.windows[index][0]
            self.policy_ranges.append((pid, count))
            for position in range(1, count + 1):
                high_impact = rng.random() < 0.8
                criteria = [True] * 4 if high_impact else [rng.random() < 0.5 for _ in range(3)] + [True]
                if not high_impact and all(criteria):
                    criteria[1] = False
                writer.add((
                    pid, self.draft_ids[index],
                    f"{rng.choice(POLICY_OPENINGS)} {rng.choice(TOPICS)} (chính sách {position})",
                    "Nội dung chính sách được tạo cho bộ dữ liệu thử nghiệm.",
                    *criteria, high_impact, rng.random() < 0.9, s, position,
                ))
                pid += 1
        writer.flush()
        return writer.count

    # Activities -----------------------------------------------------------------------------------------------------

    def _activity_date(self, s, d, a, last, withdrawn):
        rng = self.rng
        if rng.random() < 0.03:  # a few fall outside the window and never count
            return s - dt.timedelta(days=rng.randint(1, 30))
        if withdrawn:
            return self._random_day(s, last)
        if d and (d == s or rng.random() < 0.5):
            return self._random_day(d, last)
        return self._random_day(s, (d - dt.timedelta(days=1)) if d else last)

    def _activities(self) -> int:
        rng, today = self.rng, self.today
        channels = list(CHANNEL_WEIGHTS)
        weights = list(CHANNEL_WEIGHTS.values())
        titles = {c: ACTIVITY_TITLES[c] for c in channels}
        next_activity = _next_id(Activity)
        activities = TableWriter(
            Activity, ["id", "draft_id", "campaign_id", "channel", "date", "status", "title", "reach"],
            now=self.now, use_copy=self.use_copy,
        )
        links = TableWriter(
            Activity.policies.through, ["activity_id", "policy_id"], now=self.now, use_copy=self.use_copy
        )
        n_drafts = len(self.draft_ids)
        channel_picks = rng.choices(channels, weights=weights, k=self.counts["activities"])
        for n in range(self.counts["activities"]):
            index = rng.randrange(n_drafts)
            s, d, a, last, withdrawn = self.windows[index]
            day = self._activity_date(s, d, a, last, withdrawn)
            if day > today:
                status = ActivityStatus.PLANNED
            else:
                roll = rng.random()
                status = (ActivityStatus.DONE if roll < 0.85 else
                          ActivityStatus.CANCELLED if roll < 0.93 else ActivityStatus.PLANNED)
            channel = channel_picks[n]
            activity_id = next_activity + n
            activities.add((
                activity_id, self.draft_ids[index], self.campaign_ids[index], channel, day, status,
                rng.choice(titles[channel]), rng.randint(50, 50_000) if status == ActivityStatus.DONE else None,
            ))
            first_policy, n_policies = self.policy_ranges[index]
            if n_policies > 1 and rng.random() < 0.3:
                for offset in rng.sample(range(n_policies), min(n_policies - 1, rng.randint(1, 2))):
                    links.add((activity_id, first_policy + offset))
        activities.flush()
        links.flush()
        self.stdout.write(f"    ({links.count:,} activity–policy links)")
        return activities.count + links.count

    # Housekeeping ---------------------------------------------------------------------------------------------------

    @contextmanager
    def _loading(self, *models_):
        """On PostgreSQL (COPY mode), drop the tables' foreign keys and secondary indexes while loading.

        Millions of per-row foreign-key checks and index insertions cost far more than one validating join and one
        index build afterwards. The drop and the re-creation run in the caller's transaction, so nothing is lost
        if loading fails.
        """
        if not self.use_copy:
            yield
            return
        saved = []
        with connection.cursor() as cursor:
            # Run the checks queued so far: PostgreSQL refuses DDL on tables with pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for model in models_:
                table = model._meta.db_table
                cursor.execute(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = %s::regclass AND contype = 'f'",
                    [table],
                )
                foreign_keys = cursor.fetchall()
                cursor.execute(
                    "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                    "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT i.indisunique",
                    [table],
                )
                indexes = cursor.fetchall()
                quoted = connection.ops.quote_name(table)
                for name, _definition in foreign_keys:
                    cursor.execute(f"ALTER TABLE {quoted} DROP CONSTRAINT {connection.ops.quote_name(name)}")
                for name, _definition in indexes:
                    cursor.execute(f"DROP INDEX {name}")
                saved.append((quoted, foreign_keys, indexes))
        yield
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for quoted, foreign_keys, indexes in saved:
                for _name, definition in indexes:
                    cursor.execute(definition)
                for name, definition in foreign_keys:
                    cursor.execute(
                        f"ALTER TABLE {quoted} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
                    )
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        self.stdout.write(f"  {'(re-create indexes and keys)':<32} {'':>12}      {time.perf_counter() - started:8.2f} s")

    def _reset_sequences(self) -> int:
        models_ = [Organization, get_user_model(), Membership, Draft, Campaign, Policy, Activity,
                   Activity.policies.through]
        statements = connection.ops.sequence_reset_sql(no_style(), models_)
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
        return 0

    def _analyze(self) -> int:
        tables = [m._meta.db_table for m in (Organization, Draft, Policy, Campaign, Activity)]
        tables.append(Activity.policies.through._meta.db_table)
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        return 0

"""The demo data set: Hải Phòng's education sector as the seed documents describe it.

Sources: ``shared/seeds/000_*`` (the Department of Education and Training's letter implementing Decision 407 in
2024, sent to its offices, the Inspectorate, the district education offices, the high schools and the GDNN-GDTX
centres) and ``shared/seeds/003_*`` (plan 06/KH-UBND of 16/01/2024 of a district People's Committee, target "từ 70%").
The district page does not name its district; the demo uses Vĩnh Bảo, a rural district of the city at the time.

Dates are either fixed ``date`` objects or ``Ago(n)``: *n* days before the day the demo is loaded, so that the
drafts still in consultation stay "in progress" whenever the demo is loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from accounts.models import Role
from campaigns.models import ActivityStatus, Channel
from drafts.models import DocumentType, DraftStatus
from organizations.models import OrganizationKind as K

D = dt.date
DISTRICTS_END = D(2025, 6, 30)
COMMUNES_START = D(2025, 7, 1)


@dataclass(frozen=True)
class Ago:
    days: int

    def resolve(self, today: dt.date) -> dt.date:
        return today - dt.timedelta(days=self.days)


def resolve(day, today):
    return day.resolve(today) if isinstance(day, Ago) else day


@dataclass(frozen=True)
class Org:
    code: str
    name: str
    kind: str
    parent: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successor: str | None = None


# Order matters: parents and successors come before the organizations that name them.
ORGANIZATIONS = [
    Org("HP", "Thành phố Hải Phòng", K.PROVINCE),
    Org("HP-SGDDT", "Sở Giáo dục và Đào tạo thành phố Hải Phòng", K.DEPARTMENT, "HP"),
    Org("HP-SGDDT-TTR", "Thanh tra Sở Giáo dục và Đào tạo", K.UNIT, "HP-SGDDT"),
    Org("HP-SGDDT-VP", "Văn phòng Sở Giáo dục và Đào tạo", K.UNIT, "HP-SGDDT"),
    Org("HP-SGDDT-GDTRH", "Phòng Giáo dục Trung học", K.UNIT, "HP-SGDDT"),
    Org("HP-SGDDT-GDMN-TH", "Phòng Giáo dục Mầm non - Tiểu học", K.UNIT, "HP-SGDDT"),
    Org("HP-SGDDT-GDNN", "Phòng Giáo dục nghề nghiệp - Giáo dục thường xuyên", K.UNIT, "HP-SGDDT"),
    Org("HP-SGDDT-KHTC", "Phòng Kế hoạch - Tài chính", K.UNIT, "HP-SGDDT"),
    Org("HP-SGDDT-TCCB", "Phòng Tổ chức cán bộ", K.UNIT, "HP-SGDDT"),
    Org("HP-THPT-NQ", "Trường THPT Ngô Quyền", K.SCHOOL, "HP-SGDDT"),
    Org("HP-THPT-TP", "Trường THPT Trần Phú", K.SCHOOL, "HP-SGDDT"),
    Org("HP-THPT-TPH", "Trường THPT Thái Phiên", K.SCHOOL, "HP-SGDDT"),
    Org("HP-THPT-VB", "Trường THPT Vĩnh Bảo", K.SCHOOL, "HP-SGDDT"),
    Org("HP-PTNC-HA", "Trường TH, THCS và THPT Hermann Gmeiner", K.SCHOOL, "HP-SGDDT"),
    Org("HP-GDNN-VB", "Trung tâm GDNN-GDTX huyện Vĩnh Bảo", K.UNIT, "HP-SGDDT"),
    Org("HP-GDNN-TN", "Trung tâm GDNN-GDTX huyện Thủy Nguyên", K.UNIT, "HP-SGDDT"),
    # Two-level local government from 1/7/2025: communes and wards directly under the city.
    Org("HP-X-VINHBAO", "Xã Vĩnh Bảo", K.COMMUNE, "HP", valid_from=COMMUNES_START),
    Org("HP-P-LECHAN", "Phường Lê Chân", K.COMMUNE, "HP", valid_from=COMMUNES_START),
    Org("HP-P-THUYNGUYEN", "Phường Thủy Nguyên", K.COMMUNE, "HP", valid_from=COMMUNES_START),
    # Historic districts, dissolved on 30/6/2025; their work stays attributed to them.
    Org(
        "HP-UBND-VB", "Ủy ban nhân dân huyện Vĩnh Bảo", K.DISTRICT, "HP",
        valid_to=DISTRICTS_END, successor="HP-X-VINHBAO",
    ),
    Org(
        "HP-PGD-VB", "Phòng Giáo dục và Đào tạo huyện Vĩnh Bảo", K.DISTRICT, "HP-UBND-VB",
        valid_to=DISTRICTS_END, successor="HP-X-VINHBAO",
    ),
    Org(
        "HP-PGD-LC", "Phòng Giáo dục và Đào tạo quận Lê Chân", K.DISTRICT, "HP",
        valid_to=DISTRICTS_END, successor="HP-P-LECHAN",
    ),
    Org(
        "HP-PGD-TN", "Phòng Giáo dục và Đào tạo huyện Thủy Nguyên", K.DISTRICT, "HP",
        valid_to=DISTRICTS_END, successor="HP-P-THUYNGUYEN",
    ),
    # Elsewhere: another province and a ministry, to show that scopes do not leak.
    Org("QN", "Tỉnh Quảng Ninh", K.PROVINCE),
    Org("QN-SGDDT", "Sở Giáo dục và Đào tạo tỉnh Quảng Ninh", K.DEPARTMENT, "QN"),
    Org("BTP", "Bộ Tư pháp", K.MINISTRY),
    Org("BTP-VPBGDPL", "Vụ Phổ biến, giáo dục pháp luật", K.DEPARTMENT, "BTP"),
    Org("BTP-VPC", "Vụ Pháp luật hình sự - hành chính", K.DEPARTMENT, "BTP"),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    email: str
    job_title: str
    role: str | None
    organization: str | None
    superuser: bool = False


PASSWORD = "Demo@policycomms2026"  # nosec B105  # docs/security.md

USERS = [
    DemoUser(
        "official", "Nguyễn Thị Thu Hà", "ha.nguyenthithu@haiphong.example",
        "Chuyên viên Phòng Giáo dục Trung học", Role.OFFICIAL, "HP-SGDDT",
    ),
    DemoUser(
        "head", "Trần Văn Hùng", "hung.tranvan@haiphong.example",
        "Phó Giám đốc Sở Giáo dục và Đào tạo", Role.HEAD, "HP-SGDDT",
    ),
    DemoUser(
        "inspector", "Lê Minh Tuấn", "tuan.leminh@haiphong.example",
        "Thanh tra viên, Thanh tra Sở", Role.INSPECTOR, "HP-SGDDT",
    ),
    DemoUser(
        "admin", "Phạm Thị Hồng Nhung", "nhung.phamthihong@haiphong.example",
        "Quản trị cổng, Văn phòng UBND thành phố", Role.ADMIN, "HP",
    ),
    DemoUser("superadmin", "Quản trị hệ thống", "quantri.hethong@haiphong.example", "", None, None, superuser=True),
]


@dataclass(frozen=True)
class DemoPolicy:
    title: str
    summary: str
    high_impact: bool = True
    in_scope: bool = True


@dataclass(frozen=True)
class DemoActivity:
    title: str
    channel: str
    date: object
    status: str = ActivityStatus.DONE
    policies: tuple[int, ...] = ()  # positions (0-based) in the draft's policy list; empty covers them all
    reach: int | None = None
    evidence_pdf: str = ""  # text of a generated PDF attached as evidence


@dataclass(frozen=True)
class DemoDraft:
    title: str
    document_type: str
    organization: str
    s: object
    d: object = None
    a: object = None
    status: str | None = None
    issued_number: str = ""
    policies: list[DemoPolicy] = field(default_factory=list)
    campaign: str = ""
    channels: tuple[str, ...] = ()
    budget_vnd: int | None = None
    activities: list[DemoActivity] = field(default_factory=list)


done, planned, cancelled = ActivityStatus.DONE, ActivityStatus.PLANNED, ActivityStatus.CANCELLED
CH = Channel

DRAFTS = [
    # 2025 — communicated except the support-for-learning-costs policy, whose draft phase had only a cancelled event.
    DemoDraft(
        title="Nghị quyết quy định mức học phí đối với cơ sở giáo dục công lập năm học 2025-2026 "
        "trên địa bàn thành phố Hải Phòng",
        document_type=DocumentType.PROVINCIAL_COUNCIL_RESOLUTION,
        organization="HP-SGDDT-KHTC",
        s=D(2025, 3, 3), d=D(2025, 5, 5), a=D(2025, 7, 10),
        issued_number="12/2025/NQ-HĐND",
        policies=[
            DemoPolicy("Mức thu học phí đối với giáo dục mầm non và giáo dục phổ thông công lập",
                       "Quy định mức trần học phí theo khu vực thành thị, nông thôn và vùng khó khăn."),
            DemoPolicy("Miễn, giảm học phí đối với học sinh thuộc hộ nghèo, cận nghèo và vùng khó khăn",
                       "Mở rộng đối tượng được miễn, giảm học phí."),
            DemoPolicy("Hỗ trợ chi phí học tập cho học sinh có hoàn cảnh đặc biệt khó khăn",
                       "Mức hỗ trợ 150.000 đồng/tháng, tối đa 9 tháng/năm học."),
        ],
        campaign="Kế hoạch truyền thông dự thảo Nghị quyết về học phí năm học 2025-2026",
        channels=(CH.PORTAL, CH.PRESS, CH.MEETING), budget_vnd=25_000_000,
        activities=[
            DemoActivity("Đăng tải đề nghị xây dựng Nghị quyết trên Cổng thông tin điện tử của Sở",
                         CH.PORTAL, D(2025, 3, 5), reach=4_300),
            DemoActivity("Cung cấp tài liệu cho Báo Hải Phòng về mức học phí dự kiến",
                         CH.PRESS, D(2025, 5, 12), policies=(0, 1), reach=18_000),
            DemoActivity("Hội nghị lấy ý kiến phụ huynh về chính sách hỗ trợ chi phí học tập",
                         CH.MEETING, D(2025, 6, 12), status=cancelled, policies=(2,)),
            DemoActivity("Tọa đàm trên Đài Phát thanh và Truyền hình Hải Phòng về học phí",
                         CH.BROADCAST, D(2025, 6, 3), policies=(0,), reach=52_000,
                         evidence_pdf="Bien ban toa dam ve hoc phi nam hoc 2025-2026 - 03/06/2025"),
        ],
    ),
    # 2025 — extra classes: one phase only (no draft consultation date), communicated.
    DemoDraft(
        title="Quyết định ban hành Quy định về quản lý dạy thêm, học thêm trên địa bàn thành phố Hải Phòng",
        document_type=DocumentType.PROVINCIAL_COMMITTEE_DECISION,
        organization="HP-SGDDT-GDTRH",
        s=D(2025, 2, 10), a=D(2025, 5, 20),
        issued_number="25/2025/QĐ-UBND",
        policies=[
            DemoPolicy("Điều kiện tổ chức dạy thêm, học thêm ngoài nhà trường",
                       "Đăng ký kinh doanh, công khai danh sách giáo viên và mức thu."),
            DemoPolicy("Không thu tiền dạy thêm trong nhà trường đối với học sinh",
                       "Dạy thêm trong nhà trường chỉ dành cho học sinh cần bồi dưỡng, ôn thi và không thu tiền."),
        ],
        campaign="Kế hoạch truyền thông dự thảo Quy định về dạy thêm, học thêm",
        channels=(CH.PORTAL, CH.SOCIAL, CH.PRESS), budget_vnd=12_000_000,
        activities=[
            DemoActivity("Đăng tải dự thảo trên Cổng thông tin điện tử của Sở", CH.PORTAL, D(2025, 2, 12), reach=9_800),
            DemoActivity("Chia sẻ infographic về dạy thêm, học thêm trên Fanpage của Sở", CH.SOCIAL,
                         D(2025, 3, 1), reach=41_000),
            DemoActivity("Họp báo cung cấp thông tin về dự thảo Quy định dạy thêm, học thêm", CH.PRESS,
                         D(2025, 4, 2), status=planned),
        ],
    ),
    # 2025, drafted by the historic district People's Committee before it was dissolved.
    DemoDraft(
        title="Quyết định ban hành Quy chế bảo đảm an toàn giao thông cho học sinh trên địa bàn huyện Vĩnh Bảo",
        document_type=DocumentType.DISTRICT_COMMITTEE_DECISION,
        organization="HP-UBND-VB",
        s=D(2025, 1, 15), a=D(2025, 4, 10),
        issued_number="03/2025/QĐ-UBND",
        policies=[
            DemoPolicy("Trách nhiệm của nhà trường, gia đình trong đưa đón học sinh",
                       "Phối hợp giữa nhà trường, cha mẹ học sinh và công an xã."),
        ],
        campaign="Truyền thông dự thảo Quy chế an toàn giao thông cho học sinh",
        channels=(CH.BROADCAST, CH.VOTER_CONTACT),
        activities=[
            DemoActivity("Phát thanh trên hệ thống loa truyền thanh cơ sở các xã", CH.BROADCAST, D(2025, 1, 20)),
            DemoActivity("Lồng ghép tại hội nghị tiếp xúc cử tri huyện Vĩnh Bảo", CH.VOTER_CONTACT, D(2025, 3, 4),
                         reach=350),
        ],
    ),
    # 2026 — teacher allowances: the draft phase had only a planned activity, so both policies are not communicated.
    DemoDraft(
        title="Nghị quyết quy định chính sách hỗ trợ giáo viên công tác tại đặc khu Bạch Long Vĩ, Cát Hải "
        "và vùng khó khăn",
        document_type=DocumentType.PROVINCIAL_COUNCIL_RESOLUTION,
        organization="HP-SGDDT-TCCB",
        s=D(2025, 10, 1), d=D(2025, 12, 1), a=D(2026, 3, 15),
        issued_number="05/2026/NQ-HĐND",
        policies=[
            DemoPolicy("Phụ cấp thu hút đối với giáo viên công tác tại đặc khu",
                       "Phụ cấp bằng 70% mức lương hiện hưởng trong 5 năm."),
            DemoPolicy("Hỗ trợ nhà ở công vụ cho giáo viên", "Bố trí nhà ở công vụ hoặc hỗ trợ tiền thuê nhà."),
        ],
        campaign="Kế hoạch truyền thông chính sách hỗ trợ giáo viên vùng khó khăn",
        channels=(CH.PRESS, CH.PRINT),
        activities=[
            DemoActivity("Cung cấp tài liệu cho Báo Hải Phòng về chính sách thu hút giáo viên", CH.PRESS,
                         D(2025, 10, 20), reach=15_000),
            DemoActivity("In và phát tờ gấp giới thiệu dự thảo chính sách tại các trường", CH.PRINT,
                         D(2026, 1, 15), status=planned),
        ],
    ),
    # 2026 — grade-10 enrolment: each policy covered in each phase by different activities.
    DemoDraft(
        title="Quyết định quy định công tác tuyển sinh vào lớp 10 trung học phổ thông trên địa bàn thành phố",
        document_type=DocumentType.PROVINCIAL_COMMITTEE_DECISION,
        organization="HP-SGDDT-GDTRH",
        s=D(2026, 1, 5), d=D(2026, 3, 2), a=D(2026, 5, 20),
        issued_number="18/2026/QĐ-UBND",
        policies=[
            DemoPolicy("Phương thức tuyển sinh vào lớp 10 kết hợp thi tuyển và xét tuyển",
                       "Ba môn thi: Toán, Ngữ văn, Ngoại ngữ; xét tuyển với trường vùng khó khăn."),
            DemoPolicy("Chế độ ưu tiên, khuyến khích trong tuyển sinh lớp 10",
                       "Cộng điểm ưu tiên cho con thương binh, liệt sĩ, học sinh người dân tộc thiểu số."),
        ],
        campaign="Kế hoạch truyền thông dự thảo Quy định tuyển sinh lớp 10",
        channels=(CH.PORTAL, CH.MEETING, CH.BROADCAST, CH.SOCIAL), budget_vnd=30_000_000,
        activities=[
            DemoActivity("Đăng tải đề nghị xây dựng văn bản trên Cổng thông tin điện tử của Sở", CH.PORTAL,
                         D(2026, 1, 7), reach=12_500),
            DemoActivity("Hội nghị lấy ý kiến phụ huynh về phương thức tuyển sinh lớp 10", CH.MEETING,
                         D(2026, 3, 20), policies=(0,), reach=420),
            DemoActivity("Chuyên mục hỏi đáp về chế độ ưu tiên tuyển sinh trên Đài PT-TH Hải Phòng",
                         CH.BROADCAST, D(2026, 4, 8), policies=(1,), reach=60_000),
            DemoActivity("Livestream giải đáp thắc mắc về tuyển sinh lớp 10 trên Fanpage của Sở", CH.SOCIAL,
                         D(2026, 4, 25), status=cancelled),
        ],
    ),
    # 2026 — service fees: one policy is not high-impact (assessed, so outside the denominator).
    DemoDraft(
        title="Nghị quyết quy định các khoản thu dịch vụ phục vụ, hỗ trợ hoạt động giáo dục của cơ sở giáo dục công lập",
        document_type=DocumentType.PROVINCIAL_COUNCIL_RESOLUTION,
        organization="HP-SGDDT-KHTC",
        s=D(2026, 6, 1), d=D(2026, 8, 15), a=D(2026, 10, 30),
        issued_number="31/2026/NQ-HĐND",
        policies=[
            DemoPolicy("Danh mục và mức thu tối đa các khoản dịch vụ bán trú, xe đưa đón",
                       "Mức trần cho tiền ăn bán trú, trông trưa và xe đưa đón học sinh."),
            DemoPolicy("Công khai, thỏa thuận khoản thu với cha mẹ học sinh",
                       "Thỏa thuận bằng văn bản trước năm học, công khai tại trường."),
            DemoPolicy("Quy trình quyết toán các khoản thu dịch vụ", "Thủ tục nội bộ của nhà trường.",
                       high_impact=False),
        ],
        campaign="Kế hoạch truyền thông dự thảo Nghị quyết về các khoản thu dịch vụ giáo dục",
        channels=(CH.PORTAL, CH.PRESS, CH.GRASSROOTS),
        activities=[
            DemoActivity("Đăng tải dự thảo trên Cổng thông tin điện tử của Sở", CH.PORTAL, D(2026, 6, 3)),
            DemoActivity("Cung cấp tài liệu cho Báo Hải Phòng về các khoản thu đầu năm học", CH.PRESS,
                         D(2026, 8, 25), policies=(0, 1), reach=21_000),
            DemoActivity("Treo pano tuyên truyền tại nhà văn hóa các phường", CH.GRASSROOTS, D(2026, 9, 10),
                         policies=(1,)),
        ],
    ),
    # In progress, on track: in draft consultation with a counting activity in both phases.
    DemoDraft(
        title="Quyết định ban hành Quy định bảo đảm an toàn trường học, phòng, chống bạo lực học đường",
        document_type=DocumentType.PROVINCIAL_COMMITTEE_DECISION,
        organization="HP-SGDDT-VP",
        s=Ago(75), d=Ago(20), status=DraftStatus.DRAFT_CONSULTATION,
        policies=[
            DemoPolicy("Trách nhiệm người đứng đầu cơ sở giáo dục khi xảy ra bạo lực học đường",
                       "Xử lý trách nhiệm hiệu trưởng nếu không kịp thời ngăn chặn, báo cáo."),
            DemoPolicy("Lắp đặt camera giám sát tại khu vực công cộng của trường học",
                       "Bảo đảm quyền riêng tư của học sinh và giáo viên."),
        ],
        campaign="Kế hoạch truyền thông dự thảo Quy định an toàn trường học",
        channels=(CH.PORTAL, CH.SOCIAL, CH.MEETING),
        activities=[
            DemoActivity("Đăng tải đề nghị xây dựng văn bản trên Cổng thông tin điện tử của Sở", CH.PORTAL,
                         Ago(70), reach=7_600),
            DemoActivity("Hội nghị lấy ý kiến phụ huynh và học sinh về an toàn trường học", CH.MEETING, Ago(6),
                         reach=280),
            DemoActivity("Tọa đàm trực tuyến về phòng, chống bạo lực học đường", CH.SOCIAL, Ago(-10),
                         status=planned),
        ],
    ),
    # In progress, at risk: the proposal consultation began weeks ago and only a planned activity exists.
    DemoDraft(
        title="Nghị quyết quy định chính sách hỗ trợ học viên học nghề tại các trung tâm GDNN-GDTX",
        document_type=DocumentType.PROVINCIAL_COUNCIL_RESOLUTION,
        organization="HP-SGDDT-GDNN",
        s=Ago(40), status=DraftStatus.PROPOSAL_CONSULTATION,
        policies=[
            DemoPolicy("Hỗ trợ học phí học nghề cho học viên học chương trình GDTX cấp THPT",
                       "Hỗ trợ 100% học phí học nghề trình độ sơ cấp."),
            DemoPolicy("Hỗ trợ tiền ăn cho học viên thuộc hộ nghèo", "Mức hỗ trợ 30.000 đồng/ngày học."),
        ],
        campaign="Kế hoạch truyền thông chính sách hỗ trợ học nghề",
        channels=(CH.PORTAL, CH.VOTER_CONTACT),
        activities=[
            DemoActivity("Đăng tải đề nghị xây dựng Nghị quyết trên Cổng thông tin điện tử của Sở", CH.PORTAL,
                         Ago(-5), status=planned),
        ],
    ),
    # Withdrawn: its policy is never counted.
    DemoDraft(
        title="Nghị quyết quy định mức hỗ trợ học sinh các trường ngoài công lập",
        document_type=DocumentType.PROVINCIAL_COUNCIL_RESOLUTION,
        organization="HP-SGDDT-KHTC",
        s=D(2025, 4, 1), status=DraftStatus.WITHDRAWN,
        policies=[
            DemoPolicy("Hỗ trợ học phí cho học sinh trường tư thục", "Mức hỗ trợ bằng mức học phí trường công lập."),
        ],
        activities=[
            DemoActivity("Đăng tải đề nghị xây dựng Nghị quyết trên Cổng thông tin điện tử của Sở", CH.PORTAL,
                         D(2025, 4, 3)),
        ],
    ),
    # Outside Hải Phòng: visible only to their own organizations.
    DemoDraft(
        title="Nghị quyết quy định mức học phí năm học 2025-2026 trên địa bàn tỉnh Quảng Ninh",
        document_type=DocumentType.PROVINCIAL_COUNCIL_RESOLUTION,
        organization="QN-SGDDT",
        s=D(2025, 4, 10), a=D(2025, 7, 15),
        issued_number="20/2025/NQ-HĐND",
        policies=[DemoPolicy("Mức thu học phí giáo dục phổ thông công lập", "Mức thu theo vùng.")],
        activities=[
            DemoActivity("Đăng tải dự thảo trên Cổng thông tin điện tử của Sở", CH.PORTAL, D(2025, 4, 12)),
        ],
    ),
    DemoDraft(
        title="Thông tư quy định về phổ biến, giáo dục pháp luật trong nhà trường",
        document_type=DocumentType.CIRCULAR,
        organization="BTP-VPBGDPL",
        s=D(2026, 2, 2), d=D(2026, 4, 6), a=D(2026, 8, 20),
        issued_number="09/2026/TT-BTP",
        policies=[DemoPolicy("Trách nhiệm của cơ sở giáo dục trong phổ biến pháp luật cho học sinh",
                             "Lồng ghép nội dung pháp luật vào hoạt động giáo dục.")],
        activities=[
            DemoActivity("Đăng tải đề nghị trên Cổng thông tin điện tử Bộ Tư pháp", CH.PORTAL, D(2026, 2, 4)),
        ],
    ),
]


DECISION_407 = "407/QĐ-TTg"  # seeded nationally by the directives app's data migration


@dataclass(frozen=True)
class DemoDirective:
    """A directing document from the seed documents, applied to one organization's subtree."""

    code: str
    kind: str
    title: str
    issued_on: dt.date
    issuer: str
    applies_to: str
    implements: str | None = None
    target_title: str = ""
    target_percent: int | None = None
    target_year: int | None = None
    tasks: tuple[tuple[str, str], ...] = ()


DIRECTIVES = [
    DemoDirective(
        code="13/VP-ĐC3",
        kind="official_letter",
        title="Triển khai thực hiện Quyết định số 407/QĐ-TTg phê duyệt Đề án “Tổ chức truyền thông chính sách có "
        "tác động lớn đến xã hội trong quá trình xây dựng văn bản quy phạm pháp luật giai đoạn 2022-2027” năm 2024",
        issued_on=D(2024, 4, 16),
        issuer="Hội đồng phối hợp phổ biến, giáo dục pháp luật thành phố Hải Phòng",
        applies_to="HP",
        implements=DECISION_407,
    ),
    # The seed copy of the department's letter has a blank number and date ("Số: /SGDĐT-TTr", "ngày tháng năm
    # 2024"); the code says so, and the date is set shortly after the city letter it implements.
    DemoDirective(
        code="(chưa số)/SGDĐT-TTr",
        kind="official_letter",
        title="V/v triển khai thực hiện Quyết định số 407/QĐ-TTg phê duyệt Đề án năm 2024",
        issued_on=D(2024, 4, 25),
        issuer="Sở Giáo dục và Đào tạo thành phố Hải Phòng",
        applies_to="HP-SGDDT",
        implements="13/VP-ĐC3",
        tasks=(
            ("training_held", "Quán triệt, nâng cao nhận thức về truyền thông chính sách cho cán bộ, công chức, viên chức"),
            ("officer_assigned", "Rà soát, bố trí nguồn lực thực hiện các nhiệm vụ của Đề án"),
            ("plan_issued", "Ban hành kế hoạch hoặc lồng ghép trong kế hoạch công tác việc truyền thông dự thảo chính sách"),
            ("press_materials", "Xây dựng tài liệu truyền thông cung cấp cho các cơ quan thông tin báo chí"),
            ("portal_posts", "Chủ động đăng tải trên cổng thông tin điện tử của cơ quan, đơn vị"),
        ),
    ),
    DemoDirective(
        code="06/KH-UBND",
        kind="plan",
        title="Kế hoạch thực hiện Đề án “Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình "
        "xây dựng văn bản quy phạm pháp luật giai đoạn 2022 - 2027” năm 2024",
        issued_on=D(2024, 1, 16),
        issuer="Ủy ban nhân dân huyện Vĩnh Bảo",
        applies_to="HP-UBND-VB",
        implements=DECISION_407,
        target_title="Bảo đảm từ 70% chính sách có tác động lớn đến xã hội thuộc phạm vi điều chỉnh của Đề án "
        "được tổ chức truyền thông",
        target_percent=70,
        target_year=2024,
        tasks=(
            ("officer_assigned", "Bố trí công chức chuyên trách làm nhiệm vụ truyền thông dự thảo chính sách"),
            ("portal_posts", "Đăng tải nội dung truyền thông dự thảo chính sách trên Trang thông tin điện tử của huyện"),
            ("training_held", "Tổ chức tập huấn kiến thức, kỹ năng truyền thông dự thảo chính sách"),
        ),
    ),
]


# Public comments (góp ý) -------------------------------------------------------------------------------------------
#
# ``cluster`` labels the true near-duplicate groups (mass submissions of one text with small edits: a greeting, no
# diacritics, capitals, a word changed, a sentence added). Comments with no cluster are distinct opinions, many on
# the same topic as a cluster, and must not be grouped with it. ``manage.py measure_comment_similarity`` measures
# the suggestions against these labels (docs/consultation.md).


@dataclass(frozen=True)
class DemoComment:
    text: str
    day: object
    source: str = "portal"
    cluster: str = ""
    policy: int | None = None  # position (0-based) in the draft's policy list
    provision: str = ""
    name: str = ""
    organization: str = ""
    status: str = "published"
    activity: str = ""  # title of an activity of the draft (meetings, voter contacts)
    decision: str = ""
    response: str = ""


SAFETY = "Quyết định ban hành Quy định bảo đảm an toàn trường học, phòng, chống bạo lực học đường"
ENROLMENT = "Quyết định quy định công tác tuyển sinh vào lớp 10 trung học phổ thông trên địa bàn thành phố"
VOCATIONAL = "Nghị quyết quy định chính sách hỗ trợ học viên học nghề tại các trung tâm GDNN-GDTX"

_CAMERA = ("Tôi đề nghị không lắp camera trong lớp học vì ảnh hưởng đến quyền riêng tư của học sinh và giáo viên. "
           "Chỉ nên lắp camera ở cổng trường, hành lang và sân trường.")
_PRINCIPAL = ("Đề nghị không quy định xử lý trách nhiệm hiệu trưởng trong mọi trường hợp xảy ra bạo lực học đường, "
              "chỉ xử lý khi hiệu trưởng biết mà không ngăn chặn, không báo cáo kịp thời.")
_THREE_SUBJECTS = ("Tôi đồng ý giữ ổn định ba môn thi Toán, Ngữ văn, Ngoại ngữ, không bốc thăm môn thi thứ tư để học "
                   "sinh không phải học lệch, học tủ.")
_ISLAND_PRIORITY = ("Đề nghị bổ sung đối tượng cộng điểm ưu tiên là con của giáo viên đang công tác tại đặc khu Bạch "
                    "Long Vĩ và các xã đảo.")
_MEALS = ("Mức hỗ trợ tiền ăn 30.000 đồng/ngày là quá thấp so với giá cả hiện nay, đề nghị nâng lên ít nhất 50.000 "
          "đồng/ngày.")

# Drafts whose true clusters the demo groups (so the pages show groups and their answers); the others are left to
# the suggestions page.
GROUPED_DRAFTS = {ENROLMENT}

MEETING_SAFETY = "Hội nghị lấy ý kiến phụ huynh và học sinh về an toàn trường học"
MEETING_ENROLMENT = "Hội nghị lấy ý kiến phụ huynh về phương thức tuyển sinh lớp 10"

COMMENTS = {
    SAFETY: [
        # Cluster "camera": a mass submission shared in parents' chat groups (draft phase, last 20 days).
        DemoComment(_CAMERA, Ago(18), cluster="camera", policy=1, name="Trần Thị Hoa", organization="Phường Lê Chân"),
        DemoComment("Kính gửi Sở Giáo dục và Đào tạo. " + _CAMERA, Ago(18), cluster="camera", policy=1),
        DemoComment("Toi de nghi khong lap camera trong lop hoc vi anh huong den quyen rieng tu cua hoc sinh va giao "
                    "vien. Chi nen lap camera o cong truong, hanh lang va san truong.", Ago(17), cluster="camera"),
        DemoComment("Tôi đề nghị không lắp camera trong lớp học vì ảnh hưởng tới quyền riêng tư của học sinh và giáo "
                    "viên. Chỉ nên lắp camera ở cổng trường, hành lang, sân trường.", Ago(17), cluster="camera",
                    policy=1, status="pending"),
        DemoComment("Chúng tôi đề nghị không lắp camera trong lớp học vì ảnh hưởng đến quyền riêng tư của học sinh và "
                    "giáo viên. Chỉ nên lắp camera ở cổng trường, hành lang và sân trường.", Ago(16), cluster="camera"),
        DemoComment(_CAMERA + " Xin trân trọng cảm ơn.", Ago(15), cluster="camera", status="pending"),
        DemoComment(_CAMERA.upper(), Ago(15), cluster="camera"),
        DemoComment("Đề nghị không lắp camera trong lớp học vì ảnh hưởng đến quyền riêng tư của học sinh và giáo viên, "
                    "chỉ nên lắp ở cổng trường, hành lang và sân trường.", Ago(14), cluster="camera",
                    source="email", name="Phạm Văn Long"),
        # Same topic, distinct opinions.
        DemoComment("Tôi ủng hộ việc lắp camera trong lớp học để phụ huynh yên tâm, nhưng cần quy định rõ ai được xem "
                    "và lưu trữ hình ảnh trong bao lâu.", Ago(16), policy=1),
        DemoComment("Đề nghị bổ sung quy định về thời hạn lưu trữ dữ liệu camera, tối đa 30 ngày, và cấm chia sẻ hình "
                    "ảnh học sinh lên mạng xã hội.", Ago(12), policy=1, provision="Điều 9, khoản 3"),
        DemoComment("Kinh phí lắp camera lấy từ nguồn nào? Đề nghị không thu thêm tiền của phụ huynh để lắp camera.",
                    Ago(11), policy=1),
        DemoComment("Tôi đề nghị lắp camera trong lớp học mầm non vì trẻ nhỏ chưa biết kể lại sự việc, còn ở cấp trung "
                    "học chỉ nên lắp ở hành lang và sân trường.", Ago(10), policy=1),
        # Cluster "principal": a written reply copied by several schools, and its variants.
        DemoComment(_PRINCIPAL, Ago(15), source="written", cluster="principal", policy=0, provision="Điều 12",
                    organization="Trường THPT Ngô Quyền"),
        DemoComment("Đề nghị không quy định xử lý trách nhiệm hiệu trưởng trong mọi trường hợp xảy ra bạo lực học "
                    "đường; chỉ xử lý khi hiệu trưởng biết mà không ngăn chặn hoặc không báo cáo kịp thời.", Ago(14),
                    source="written", cluster="principal", policy=0, provision="Điều 12",
                    organization="Trường THPT Lê Quý Đôn"),
        DemoComment("Trường chúng tôi đề nghị không quy định xử lý trách nhiệm hiệu trưởng trong mọi trường hợp xảy ra "
                    "bạo lực học đường, chỉ xử lý khi hiệu trưởng biết mà không ngăn chặn, không báo cáo kịp thời.",
                    Ago(13), source="written", cluster="principal", policy=0, organization="Trường THCS Chu Văn An"),
        DemoComment(_PRINCIPAL.replace("hiệu trưởng", "người đứng đầu cơ sở giáo dục", 1), Ago(12),
                    cluster="principal", policy=0),
        # Same topic, distinct.
        DemoComment("Cần quy định rõ thời hạn hiệu trưởng phải báo cáo vụ việc bạo lực học đường lên Phòng, Sở là 24 "
                    "giờ kể từ khi phát hiện.", Ago(13), policy=0, provision="Điều 12, khoản 2"),
        DemoComment("Đề nghị bổ sung trách nhiệm của cha mẹ học sinh khi con em mình có hành vi bạo lực với bạn học.",
                    Ago(6), source="meeting", activity=MEETING_SAFETY, policy=0),
        DemoComment("Nên thành lập tổ tư vấn tâm lý ở mỗi trường để phòng ngừa bạo lực học đường từ sớm.", Ago(6),
                    source="meeting", activity=MEETING_SAFETY),
        DemoComment("Đề nghị xử lý nghiêm hiệu trưởng che giấu vụ việc bạo lực học đường, kể cả cách chức.", Ago(9),
                    policy=0),
        # Proposal phase (before D), distinct.
        DemoComment("Đề nghị quy định cụ thể hơn thế nào là bạo lực học đường, bao gồm cả bạo lực trên mạng.",
                    Ago(60), provision="Điều 3"),
        DemoComment("Mua quảng cáo giá rẻ, liên hệ 0900000000.", Ago(50), status="hidden"),
    ],
    ENROLMENT: [
        # Proposal phase (S 05/01 – 01/03/2026).
        DemoComment("Đề nghị công bố chỉ tiêu tuyển sinh của từng trường trước ngày 15/3 để phụ huynh có thời gian "
                    "cân nhắc đăng ký nguyện vọng.", D(2026, 1, 20), policy=0, decision="accepted",
                    response="Tiếp thu: bổ sung vào Điều 6 thời hạn công bố chỉ tiêu tuyển sinh trước ngày 15/3."),
        DemoComment("Nên cho phép học sinh đăng ký ba nguyện vọng thay vì hai.", D(2026, 2, 3), policy=0,
                    decision="explained",
                    response="Giải trình: giữ hai nguyện vọng để bảo đảm xét tuyển đúng tiến độ; học sinh không trúng "
                    "tuyển được đăng ký vào trường còn chỉ tiêu."),
        # Draft phase (D 02/03 – A 20/05/2026). Cluster "three-subjects".
        DemoComment(_THREE_SUBJECTS, D(2026, 3, 5), cluster="three-subjects", policy=0, decision="accepted",
                    response="Tiếp thu: dự thảo giữ ổn định ba môn thi Toán, Ngữ văn, Ngoại ngữ."),
        DemoComment("Tôi đồng ý giữ ổn định 3 môn thi Toán, Ngữ văn, Ngoại ngữ, không bốc thăm môn thi thứ tư để học "
                    "sinh không phải học lệch, học tủ.", D(2026, 3, 6), cluster="three-subjects", policy=0),
        DemoComment("Toi dong y giu on dinh ba mon thi Toan, Ngu van, Ngoai ngu, khong boc tham mon thi thu tu de hoc "
                    "sinh khong phai hoc lech, hoc tu.", D(2026, 3, 6), cluster="three-subjects"),
        DemoComment("Tôi hoàn toàn đồng ý giữ ổn định ba môn thi Toán, Ngữ văn, Ngoại ngữ, không bốc thăm môn thứ tư để "
                    "học sinh không phải học lệch, học tủ.", D(2026, 3, 7), cluster="three-subjects", policy=0),
        DemoComment("Phụ huynh lớp 9A đồng ý giữ ổn định ba môn thi Toán, Ngữ văn, Ngoại ngữ, không bốc thăm môn thi "
                    "thứ tư để học sinh không phải học lệch, học tủ.", D(2026, 3, 20), source="meeting",
                    activity=MEETING_ENROLMENT, cluster="three-subjects", policy=0),
        DemoComment(_THREE_SUBJECTS + " Cảm ơn Sở.", D(2026, 3, 9), cluster="three-subjects"),
        # Same topic, distinct (and a negation).
        DemoComment("Đề nghị giữ nguyên ba môn thi nhưng tăng hệ số môn Toán và Ngữ văn lên hệ số 2.",
                    D(2026, 3, 10), policy=0, decision="noted", response="Ghi nhận ý kiến để nghiên cứu."),
        DemoComment("Tôi không đồng ý chỉ thi ba môn; nên thi thêm môn tổng hợp để đánh giá toàn diện học sinh.",
                    D(2026, 3, 11), policy=0),
        DemoComment("Đề nghị tổ chức thi ba môn trong một ngày để giảm chi phí đi lại cho học sinh ở huyện đảo.",
                    D(2026, 3, 21), source="meeting", activity=MEETING_ENROLMENT, policy=0),
        # Cluster "island-priority".
        DemoComment(_ISLAND_PRIORITY, D(2026, 4, 1), cluster="island-priority", policy=1, provision="Điều 8",
                    decision="partly_accepted",
                    response="Tiếp thu một phần: bổ sung con của giáo viên công tác tại đặc khu Bạch Long Vĩ; các xã "
                    "đảo khác áp dụng theo chế độ vùng khó khăn hiện hành."),
        DemoComment("Kính đề nghị bổ sung đối tượng cộng điểm ưu tiên là con của giáo viên đang công tác tại đặc khu "
                    "Bạch Long Vĩ và các xã đảo.", D(2026, 4, 2), cluster="island-priority", policy=1,
                    source="letter", name="Vũ Minh Tuấn", organization="Đặc khu Bạch Long Vĩ"),
        DemoComment("Đề nghị bổ sung đối tượng được cộng điểm ưu tiên là con giáo viên đang công tác tại đặc khu Bạch "
                    "Long Vĩ và các xã đảo.", D(2026, 4, 3), cluster="island-priority", policy=1),
        DemoComment("ĐỀ NGHỊ BỔ SUNG ĐỐI TƯỢNG CỘNG ĐIỂM ƯU TIÊN LÀ CON CỦA GIÁO VIÊN ĐANG CÔNG TÁC TẠI ĐẶC KHU BẠCH "
                    "LONG VĨ VÀ CÁC XÃ ĐẢO!", D(2026, 4, 4), cluster="island-priority"),
        # Same topic, distinct.
        DemoComment("Đề nghị bổ sung đối tượng cộng điểm ưu tiên là học sinh đạt giải thi học sinh giỏi cấp thành phố.",
                    D(2026, 4, 5), policy=1),
        DemoComment("Đề nghị bỏ cộng điểm ưu tiên theo khu vực vì hiện nay điều kiện học tập giữa các vùng đã gần như "
                    "nhau.", D(2026, 4, 9), policy=1, source="press"),
    ],
    VOCATIONAL: [
        # Proposal phase, open now. Cluster "meals".
        DemoComment(_MEALS, Ago(30), cluster="meals", policy=1),
        DemoComment("Mức hỗ trợ tiền ăn 30.000 đ/ngày là quá thấp so với giá cả hiện nay, đề nghị nâng lên ít nhất "
                    "50.000 đ/ngày.", Ago(29), cluster="meals", policy=1),
        DemoComment("Muc ho tro tien an 30.000 dong/ngay la qua thap so voi gia ca hien nay, de nghi nang len it nhat "
                    "50.000 dong/ngay.", Ago(29), cluster="meals"),
        DemoComment("Theo tôi mức hỗ trợ tiền ăn 30.000 đồng/ngày là quá thấp so với giá cả hiện nay, đề nghị nâng lên "
                    "ít nhất 50.000 đồng/ngày.", Ago(27), cluster="meals", policy=1, status="pending"),
        DemoComment(_MEALS.replace("ít nhất 50.000", "tối thiểu 50.000"), Ago(25), cluster="meals",
                    source="written", organization="Trung tâm GDNN-GDTX quận Kiến An"),
        # Same topic, distinct.
        DemoComment("Đề nghị mở rộng hỗ trợ tiền ăn cho cả học viên thuộc hộ cận nghèo, không chỉ hộ nghèo.", Ago(28),
                    policy=1),
        DemoComment("Mức hỗ trợ tiền ăn nên tính theo tháng thay vì theo ngày học để dễ thanh toán.", Ago(26),
                    policy=1),
        DemoComment("Mức hỗ trợ tiền ăn 30.000 đồng/ngày là phù hợp, đề nghị giữ nguyên như dự thảo.", Ago(24),
                    policy=1),
        DemoComment("Đề nghị hỗ trợ học phí học nghề cả trình độ trung cấp, không chỉ sơ cấp.", Ago(22), policy=0),
        DemoComment("Học viên ở xa trung tâm cần được hỗ trợ thêm tiền đi lại.", Ago(20), status="pending"),
        DemoComment("Qua đường dây nóng: đề nghị cho học viên được chọn học nghề tại trung tâm gần nơi cư trú.",
                    Ago(18), source="other", policy=0),
    ],
}

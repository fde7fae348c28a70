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

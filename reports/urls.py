from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportIndexView.as_view(), name="index"),
    path("exports/", views.ExportListView.as_view(), name="export_list"),
    path("exports/new/", views.ExportCreateView.as_view(), name="export_create"),
    path("exports/<int:pk>/", views.ExportStatusView.as_view(), name="export_status"),
    path("exports/<int:pk>/download/", views.ExportDownloadView.as_view(), name="export_download"),
    path("exports/<int:pk>/retry/", views.ExportRetryView.as_view(), name="export_retry"),
    path("signoffs/<int:pk>/", views.SignOffDetailView.as_view(), name="signoff_detail"),
    path("audit/", views.AuditLogView.as_view(), name="audit"),
    path("problems/", views.ProblemListView.as_view(), name="problem_list"),
    path("problems/new/", views.ProblemCreateView.as_view(), name="problem_create"),
    path("problems/<int:pk>/", views.ProblemDetailView.as_view(), name="problem_detail"),
    path("problems/<int:pk>/close/", views.ProblemCloseView.as_view(), name="problem_close"),
    path("problems/<int:pk>/files/<int:file_pk>/", views.ProblemAttachmentView.as_view(), name="problem_attachment"),
    path("consultation/<int:draft_id>/<str:phase>/", views.ConsultationReportView.as_view(), name="consultation"),
    path(
        "consultation/<int:draft_id>/<str:phase>/approve/",
        views.ConsultationApproveView.as_view(),
        name="consultation_approve",
    ),
    path(
        "consultation/<int:draft_id>/<str:phase>/export/",
        views.ConsultationExportView.as_view(),
        name="consultation_export",
    ),
    path("<str:code>/<int:year>/", views.AnnualReportView.as_view(), name="annual"),
    path("<str:code>/<int:year>/text/", views.ReportTextView.as_view(), name="text"),
    path("<str:code>/<int:year>/sign-off/", views.SignOffView.as_view(), name="sign_off"),
]

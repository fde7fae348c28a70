from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import consultation, views
from .feeds import ConsultationFeed

app_name = "public"

urlpatterns = [
    path("", views.ConsultationListView.as_view(), name="index"),
    path("organizations/<str:code>/", views.OrganizationConsultationView.as_view(), name="organization"),
    path("drafts/<int:pk>/", views.PublicDraftView.as_view(), name="draft"),
    path("drafts/<int:pk>/comments/", views.CommentSubmitView.as_view(), name="comment_submit"),
    path("comments/", views.ReceiptLookupView.as_view(), name="receipt_lookup"),
    path("comments/confirm/<str:token>/", views.CommentConfirmView.as_view(), name="comment_confirm"),
    path("comments/<str:code>/", views.ReceiptView.as_view(), name="receipt"),
    path("files/<int:pk>/", views.PublicFileView.as_view(), name="file"),
    path("feed/", login_not_required(ConsultationFeed()), name="feed"),
    path("embed/", views.EmbedView.as_view(), name="embed"),
    path(
        "drafts/<int:pk>/consultation-report/<str:phase>/<str:fmt>/",
        consultation.PublicConsultationReportView.as_view(),
        name="consultation_report",
    ),
]

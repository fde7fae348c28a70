from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.CampaignListView.as_view(), name="campaign_list"),
    path("new/", views.CampaignChooseDraftView.as_view(), name="campaign_choose_draft"),
    path("drafts/<int:draft_pk>/new/", views.CampaignCreateView.as_view(), name="campaign_create"),
    path("<int:pk>/", views.CampaignDetailView.as_view(), name="campaign_detail"),
    path("<int:pk>/edit/", views.CampaignUpdateView.as_view(), name="campaign_update"),
    path("<int:pk>/delete/", views.CampaignDeleteView.as_view(), name="campaign_delete"),
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    path("activities/new/", views.ActivityChooseDraftView.as_view(), name="activity_choose_draft"),
    path("drafts/<int:draft_pk>/activities/new/", views.ActivityCreateView.as_view(), name="activity_create"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", views.ActivityUpdateView.as_view(), name="activity_update"),
    path("activities/<int:pk>/delete/", views.ActivityDeleteView.as_view(), name="activity_delete"),
    path("files/<int:pk>/", views.EvidenceDownloadView.as_view(), name="evidence_download"),
    path("files/<int:pk>/delete/", views.EvidenceDeleteView.as_view(), name="evidence_delete"),
]

from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.CampaignListView.as_view(), name="campaign_list"),
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
]

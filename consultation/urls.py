from django.urls import path

from . import views

app_name = "consultation"

urlpatterns = [
    path("", views.ModerationQueueView.as_view(), name="queue"),
    path("drafts/<int:draft_id>/", views.DraftQueueView.as_view(), name="draft"),
    path("comments/<int:pk>/publish/", views.PublishView.as_view(), name="publish"),
    path("comments/<int:pk>/hide/", views.HideView.as_view(), name="hide"),
]

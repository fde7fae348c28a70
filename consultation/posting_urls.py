from django.urls import path

from . import posting_views

app_name = "consultation_postings"

urlpatterns = [
    path("drafts/<int:draft_pk>/new/", posting_views.PostingCreateView.as_view(), name="create"),
    path("<int:pk>/delete/", posting_views.PostingDeleteView.as_view(), name="delete"),
]

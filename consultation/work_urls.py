from django.urls import path

from . import work_views

app_name = "consultation_work"

urlpatterns = [
    path("drafts/<int:draft_id>/record/", work_views.RecordView.as_view(), name="record"),
    path("drafts/<int:draft_id>/answers/", work_views.AnswersView.as_view(), name="answers"),
    path("drafts/<int:draft_id>/suggestions/", work_views.SuggestionsView.as_view(), name="suggestions"),
    path("comments/<int:pk>/", work_views.CommentView.as_view(), name="comment"),
]

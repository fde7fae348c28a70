from django.urls import path

from . import views

app_name = "drafts"

urlpatterns = [
    path("", views.DraftListView.as_view(), name="list"),
    path("new/", views.DraftCreateView.as_view(), name="create"),
    path("<int:pk>/", views.DraftDetailView.as_view(), name="detail"),
    path("policies/", views.PolicyListView.as_view(), name="policy_list"),
]

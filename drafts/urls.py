from django.urls import path

from . import views

app_name = "drafts"

urlpatterns = [
    path("", views.DraftListView.as_view(), name="list"),
    path("new/", views.DraftCreateView.as_view(), name="create"),
    path("<int:pk>/", views.DraftDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.DraftUpdateView.as_view(), name="update"),
    path("<int:pk>/delete/", views.DraftDeleteView.as_view(), name="delete"),
    path("<int:draft_pk>/policies/new/", views.PolicyCreateView.as_view(), name="policy_create"),
    path("policies/", views.PolicyListView.as_view(), name="policy_list"),
    path("policies/<int:pk>/edit/", views.PolicyUpdateView.as_view(), name="policy_update"),
    path("policies/<int:pk>/delete/", views.PolicyDeleteView.as_view(), name="policy_delete"),
]

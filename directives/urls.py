from django.urls import path

from . import views

app_name = "directives"

urlpatterns = [
    path("", views.DirectiveListView.as_view(), name="list"),
    path("new/", views.DirectiveCreateView.as_view(), name="create"),
    path("<int:pk>/", views.DirectiveDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.DirectiveUpdateView.as_view(), name="update"),
    path("<int:pk>/delete/", views.DirectiveDeleteView.as_view(), name="delete"),
]

from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("recompute/<int:pk>/", views.RecomputeStatusView.as_view(), name="recompute_status"),
    path("<str:code>/", views.DashboardView.as_view(), name="organization"),
    path("<str:code>/recompute/", views.RecomputeView.as_view(), name="recompute"),
    path("<str:code>/<int:year>/policies/", views.PolicyListView.as_view(), name="policies"),
]

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("drafts", views.DraftViewSet, basename="draft")
router.register("policies", views.PolicyViewSet, basename="policy")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("comments", views.CommentViewSet, basename="comment")

urlpatterns = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    path("v1/coverage/", views.CoverageView.as_view(), name="coverage"),
    path("v1/", include(router.urls)),
]

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from drafts.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("organizations/", include("organizations.urls")),
    path("drafts/", include("drafts.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("directives/", include("directives.urls")),
    path("coverage/", include("counting.urls")),
    path("consultation/postings/", include("consultation.posting_urls")),
    path("reports/", include("reports.urls")),
    path("dashboards/", include("notifications.urls")),  # before the dashboards' /dashboards/<code>/
    path("dashboards/", include("dashboards.urls")),
    path("exchange/", include("exchange.urls")),
    path("consultation/", include("consultation.urls")),
    path("public/", include("public.urls")),
    path("consultation/", include("consultation.work_urls")),
    path("api/", include("api.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

urlpatterns += [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]

from django.urls import path

from . import views

app_name = "notifications"

# Included under /dashboards/ (policycomms/urls.py), where the page has always been: the links in sent e-mails.
urlpatterns = [
    path("preferences/", views.PreferencesView.as_view(), name="preferences"),
]

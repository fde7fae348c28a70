from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("", views.ExchangeHomeView.as_view(), name="index"),
    path("import/", views.ExchangeHomeView.as_view(), name="import"),
    path("import/<str:token>/", views.ImportPreviewView.as_view(), name="preview"),
    path("import/<str:token>/discard/", views.ImportDiscardView.as_view(), name="discard"),
    path("export/", views.ExportView.as_view(), name="export"),
    path("templates/<str:kind>.xlsx", views.TemplateDownloadView.as_view(), name="template"),
]

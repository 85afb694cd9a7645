from django.urls import path

from casereviews.imports import views

app_name = "imports"

urlpatterns = [
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/template.<str:file_type>", views.TemplateView.as_view(), name="template"),
]

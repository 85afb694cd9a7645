from django.urls import path

from casereviews.subject_access import views

app_name = "subject_access"

urlpatterns = [
    path("", views.RequestsView.as_view(), name="requests"),
    path("<int:pk>/", views.RequestView.as_view(), name="detail"),
    path("<int:pk>/extend/", views.ExtendView.as_view(), name="extend"),
    path("<int:pk>/export/<str:file_type>/", views.ExportView.as_view(), name="export"),
]

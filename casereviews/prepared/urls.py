from django.urls import path

from casereviews.prepared import views

app_name = "prepared"
urlpatterns = [
    path("<int:pk>/", views.PreparedFileView.as_view(), name="file"),
    path("<int:pk>/download", views.PreparedDownloadView.as_view(), name="download"),
]

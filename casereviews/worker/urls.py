from django.urls import path

from casereviews.worker import views

app_name = "worker"
urlpatterns = [path("", views.OperationsView.as_view(), name="operations")]

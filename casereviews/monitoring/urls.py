from django.urls import path

from casereviews.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("health/live", views.LiveView.as_view(), name="live"),
    path("health/ready", views.ReadyView.as_view(), name="ready"),
    path("metrics", views.MetricsView.as_view(), name="metrics"),
]

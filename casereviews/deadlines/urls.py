from django.urls import path

from casereviews.deadlines import views

app_name = "deadlines"
urlpatterns = [path("", views.DueView.as_view(), name="due")]

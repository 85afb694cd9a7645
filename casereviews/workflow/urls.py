from django.urls import path

from casereviews.workflow import views

app_name = "workflow"
urlpatterns = [
    path("<str:reference>/step/<slug:name>", views.TransitionView.as_view(), name="transition"),
]

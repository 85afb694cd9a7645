from django.urls import path

from casereviews.submission import views

app_name = "submission"
urlpatterns = [
    path("drafts/<int:pk>/check", views.CheckAnswersView.as_view(), name="check"),
    path("<str:reference>/submitted", views.SubmittedView.as_view(), name="submitted"),
]

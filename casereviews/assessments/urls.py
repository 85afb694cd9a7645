from django.urls import path

from casereviews.assessments import views

app_name = "assessments"
urlpatterns = [
    path("<str:reference>/verify", views.VerifyView.as_view(), name="verify"),
    path("<str:reference>/notifiable", views.NotifiabilityView.as_view(), name="notifiability"),
    path("<str:reference>/verify/themes", views.ThemesView.as_view(), name="themes"),
]

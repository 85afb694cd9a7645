from django.urls import path

from casereviews.retention import views

app_name = "retention"

urlpatterns = [
    path("", views.ScheduleView.as_view(), name="schedule"),
    path("periods/<str:kind>/", views.PeriodView.as_view(), name="period"),
    path("disposal/", views.DisposalView.as_view(), name="disposal"),
    path("holds/new/", views.HoldView.as_view(), name="hold"),
    path("holds/<int:pk>/lift/", views.LiftView.as_view(), name="lift"),
]

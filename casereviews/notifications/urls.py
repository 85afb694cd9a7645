from django.urls import path

from casereviews.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.MyNotificationsView.as_view(), name="mine"),
    path("board", views.BoardNotificationsView.as_view(), name="board"),
    path("<str:reference>", views.NotificationDetailView.as_view(), name="detail"),
]

from django.urls import path

from casereviews.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.AuditSearchView.as_view(), name="search"),
    path("export.csv", views.AuditExportView.as_view(), name="export"),
    path("who-has-seen", views.WhoHasSeenView.as_view(), name="who-has-seen"),
    path("sign-ins", views.EventsWithoutBoardView.as_view(), name="without-board"),
]

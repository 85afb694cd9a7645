from django.urls import path

from casereviews.learning import views

app_name = "learning"

urlpatterns = [
    path("search/", views.CaseSearchView.as_view(), name="search"),
    path("figures/", views.DashboardView.as_view(), name="dashboard"),
    path("figures/annual-report/", views.AnnualReportView.as_view(), name="annual-report"),
    path(
        "figures/annual-report/<str:file_type>/",
        views.AnnualReportExportView.as_view(),
        name="annual-report-export",
    ),
    path("lessons/", views.LibraryView.as_view(), name="library"),
    path("lessons/<int:pk>/", views.LessonView.as_view(), name="lesson"),
    path("lessons/<int:pk>/findings/", views.LessonFindingsView.as_view(), name="lesson-findings"),
    path(
        "lessons/<int:pk>/briefings/new/",
        views.BriefingRecordView.as_view(),
        name="briefing-record",
    ),
]

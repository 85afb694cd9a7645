from django.urls import include, path, re_path

from casereviews.involvement.views import (
    answer,
    chronology,
    conflicts,
    disclosures,
    meetings,
    parallel,
    steps,
)

app_name = "involvement"
case_urlpatterns = [
    path("<str:reference>/agencies/new", steps.AgencyAddView.as_view(), name="agency-add"),
    path("<str:reference>/lisg-meeting", steps.MeetingAssignView.as_view(), name="meeting"),
    path("<str:reference>/lisg-go-ahead", steps.GoAheadView.as_view(), name="go-ahead"),
    path("<str:reference>/chronology", chronology.ChronologyView.as_view(), name="chronology"),
    re_path(
        r"^(?P<reference>[^/]+)/chronology\.(?P<file_type>csv|xlsx|pdf)$",
        chronology.ChronologyExportView.as_view(),
        name="chronology-export",
    ),
    path("<str:reference>/chronology/share", steps.ShareView.as_view(), name="share"),
    path("<str:reference>/parallel-processes", parallel.RegisterView.as_view(), name="parallel"),
    path(
        "<str:reference>/parallel-processes/new",
        parallel.ProcessView.as_view(),
        name="parallel-new",
    ),
    path(
        "<str:reference>/parallel-processes/<int:process_id>",
        parallel.ProcessView.as_view(),
        name="parallel-process",
    ),
    path(
        "<str:reference>/parallel-processes/<int:process_id>/liaison",
        parallel.LiaisonView.as_view(),
        name="parallel-liaison",
    ),
    path(
        "<str:reference>/procedure-agreement",
        parallel.AgreementView.as_view(),
        name="procedure-agreement",
    ),
    path(
        "<str:reference>/regulator-notifications/new",
        parallel.RegulatorView.as_view(),
        name="regulator-new",
    ),
    path(
        "<str:reference>/disclosure-decisions/new",
        disclosures.DisclosureDecisionView.as_view(),
        name="disclosure-new",
    ),
    path(
        "<str:reference>/disclosure-decisions.csv",
        disclosures.DisclosureExportView.as_view(),
        name="disclosure-export",
    ),
]
request_urlpatterns = [
    path("<int:pk>", answer.RequestView.as_view(), name="request"),
    path("<int:pk>/send", answer.SendView.as_view(), name="send"),
    path("<int:pk>/entries/new", answer.EntryView.as_view(), name="entry-add"),
    path("<int:pk>/entries/<int:entry_id>", answer.EntryView.as_view(), name="entry"),
    path(
        "<int:pk>/entries/<int:entry_id>/remove",
        answer.EntryRemoveView.as_view(),
        name="entry-remove",
    ),
    path("<int:pk>/upload", answer.UploadView.as_view(), name="upload"),
    re_path(
        r"^(?P<pk>[0-9]+)/template\.(?P<file_type>csv|xlsx)$",
        answer.TemplateDownloadView.as_view(),
        name="template",
    ),
    path("<int:pk>/correct", answer.CorrectView.as_view(), name="correct"),
]

meeting_urlpatterns = [
    path("", meetings.MeetingListView.as_view(), name="lisg-meetings"),
    path("new", meetings.MeetingScheduleView.as_view(), name="lisg-meeting-new"),
    path("<int:pk>", meetings.MeetingView.as_view(), name="lisg-meeting"),
    path("<int:pk>/change", meetings.MeetingChangeView.as_view(), name="lisg-meeting-change"),
    path("<int:pk>/agenda", meetings.AgendaView.as_view(), name="lisg-agenda"),
    path(
        "<int:pk>/agenda/<str:reference>/remove",
        meetings.AgendaRemoveView.as_view(),
        name="lisg-agenda-remove",
    ),
    path("<int:pk>/pack/issue", meetings.PackIssueView.as_view(), name="lisg-pack-issue"),
    path("<int:pk>/pack", meetings.PackView.as_view(), name="lisg-pack"),
    path("<int:pk>/pack.pdf", meetings.PackPdfView.as_view(), name="lisg-pack-pdf"),
    re_path(
        r"^(?P<pk>[0-9]+)/pack/(?P<reference>[^/]+)\.pdf$",
        meetings.PackCasePdfView.as_view(),
        name="lisg-pack-case-pdf",
    ),
    path("<int:pk>/pack/<str:reference>", meetings.PackCaseView.as_view(), name="lisg-pack-case"),
    path("<int:pk>/attendance", meetings.AttendanceView.as_view(), name="lisg-attendance"),
    path("<int:pk>/conflicts/new", conflicts.ConflictView.as_view(), name="lisg-conflict"),
]

urlpatterns = [
    path("lisg-meetings/", include(meeting_urlpatterns)),
    path("notifications/", include(case_urlpatterns)),
    path("agency-requests/", include(request_urlpatterns)),
]

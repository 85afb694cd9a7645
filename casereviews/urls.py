from django.urls import include, path

urlpatterns = [
    path("", include("casereviews.frontend.urls")),
    path("account/", include("casereviews.accounts.urls")),
    path("account/api-tokens/", include("casereviews.api.token_urls")),
    path("administration/", include("casereviews.administration.urls")),
    # Every page of a case lives at /notifications/<reference>/…, whichever app serves it.
    # Before the notifications' own pages: their "<reference>" pattern would take these.
    path("notifications/", include("casereviews.submission.urls")),
    path("notifications/", include("casereviews.notifications.urls")),
    path("notifications/", include("casereviews.assessments.urls")),
    path("notifications/", include("casereviews.workflow.urls")),
    path("notifications/", include("casereviews.decisions.urls")),
    path("notifications/", include("casereviews.communications.urls")),
    path("notifications/", include("casereviews.single_agency.urls")),
    path("notifications/", include("casereviews.reviews.urls")),
    # Pages of a case under /notifications/<reference>/, an agency's under /agency-requests/.
    path("", include("casereviews.involvement.urls")),
    path("cases/", include("casereviews.imports.urls")),
    path("due/", include("casereviews.deadlines.urls")),
    path("audit/", include("casereviews.audit.urls")),
    path("retention/", include("casereviews.retention.urls")),
    path("subject-access/", include("casereviews.subject_access.urls")),
    path("", include("casereviews.learning.urls")),
    path("operations/", include("casereviews.worker.urls")),
    path("files/", include("casereviews.prepared.urls")),
    path("api/v1/", include("casereviews.api.urls")),
    # Health and metrics for the hosting team: public pages that tell nothing.
    path("", include("casereviews.monitoring.urls")),
]

handler400 = "casereviews.frontend.views.bad_request"
handler403 = "casereviews.frontend.views.permission_denied"
handler404 = "casereviews.frontend.views.page_not_found"
handler500 = "casereviews.frontend.views.server_error"

from django.urls import path

from casereviews.reviews import views

app_name = "reviews"
urlpatterns = [
    path("<str:reference>/review", views.ReviewView.as_view(), name="detail"),
    path("<str:reference>/review/reviewer", views.ReviewerView.as_view(), name="reviewer"),
    path(
        "<str:reference>/review/terms-of-reference",
        views.TermsOfReferenceView.as_view(),
        name="terms-of-reference",
    ),
    path("<str:reference>/review/document", views.DocumentView.as_view(), name="document"),
    path("<str:reference>/review/milestone", views.MilestoneView.as_view(), name="milestone"),
    path(
        "<str:reference>/review/milestone/<int:milestone_id>/reached",
        views.MilestoneReachedView.as_view(),
        name="milestone-reached",
    ),
    path(
        "<str:reference>/review/professionals",
        views.ProfessionalsView.as_view(),
        name="professionals",
    ),
    path("<str:reference>/review/family", views.FamilyView.as_view(), name="family"),
    path("<str:reference>/review/sign-off", views.SignOffView.as_view(), name="sign-off"),
    path("<str:reference>/review/copy-sent", views.CopySentView.as_view(), name="copy-sent"),
    path(
        "<str:reference>/review/planned-date",
        views.PlannedDateView.as_view(),
        name="planned-date",
    ),
    path(
        "<str:reference>/review/publication",
        views.PublicationRecordView.as_view(),
        name="publication-record",
    ),
    path("<str:reference>/review/learning", views.LearningView.as_view(), name="learning"),
    path("<str:reference>/review/action", views.ActionAddView.as_view(), name="action-add"),
    path("review-actions/", views.ActionListView.as_view(), name="actions"),
    path("review-actions/<int:action_id>", views.ActionDetailView.as_view(), name="action"),
    path(
        "review-actions/<int:action_id>/update",
        views.ActionUpdateView.as_view(),
        name="action-update",
    ),
    path(
        "review-actions/<int:action_id>/sustained",
        views.ActionSustainedView.as_view(),
        name="action-sustained",
    ),
    path(
        "review-actions/evidence/<int:update_id>",
        views.EvidenceDownloadView.as_view(),
        name="evidence-download",
    ),
    path(
        "review-documents/<int:document_id>",
        views.DocumentDownloadView.as_view(),
        name="document-download",
    ),
]

from django.urls import path

from casereviews.notifications import (
    attachment_views,
    form_views,
    panel_views,
    pdf_views,
    row_views,
    views,
)

app_name = "notifications"
urlpatterns = [
    path("", views.MyNotificationsView.as_view(), name="mine"),
    path("board", views.BoardNotificationsView.as_view(), name="board"),
    path("new", form_views.StartView.as_view(), name="start"),
    # Drafts are named by their id and rows by theirs: a URL never names a child.
    path("drafts/<int:pk>", form_views.ResumeView.as_view(), name="resume"),
    path("drafts/<int:pk>/delete", form_views.DeleteDraftView.as_view(), name="delete"),
    path("drafts/<int:pk>/children", row_views.ChildrenView.as_view(), name="children"),
    path("drafts/<int:pk>/children/add", row_views.ChildView.as_view(), name="children-add"),
    path("drafts/<int:pk>/children/<int:row_id>", row_views.ChildView.as_view(), name="child"),
    path(
        "drafts/<int:pk>/children/<int:row_id>/remove",
        row_views.ChildRemoveView.as_view(),
        name="child-remove",
    ),
    path("drafts/<int:pk>/family", row_views.FamilyView.as_view(), name="family"),
    path("drafts/<int:pk>/family/add", row_views.FamilyMemberView.as_view(), name="family-add"),
    path(
        "drafts/<int:pk>/family/<int:row_id>",
        row_views.FamilyMemberView.as_view(),
        name="family-member",
    ),
    path(
        "drafts/<int:pk>/family/<int:row_id>/remove",
        row_views.FamilyMemberRemoveView.as_view(),
        name="family-member-remove",
    ),
    path("drafts/<int:pk>/documents", attachment_views.DocumentsView.as_view(), name="documents"),
    path(
        "drafts/<int:pk>/documents/<int:row_id>/remove",
        attachment_views.AttachmentRemoveView.as_view(),
        name="attachment-remove",
    ),
    # Named by the document's id alone: the view finds whether its notification may be seen.
    path(
        "attachments/<int:attachment_id>",
        attachment_views.AttachmentDownloadView.as_view(),
        name="attachment",
    ),
    path("drafts/<int:pk>/<slug:slug>", form_views.QuestionPageView.as_view(), name="draft-page"),
    path("<str:reference>/pdf", pdf_views.NotificationPdfView.as_view(), name="pdf"),
    path(
        "<str:reference>/panel-notification",
        panel_views.PanelNotificationView.as_view(),
        name="panel-notification",
    ),
    path("<str:reference>", views.NotificationDetailView.as_view(), name="detail"),
]

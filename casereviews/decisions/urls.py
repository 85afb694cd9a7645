from django.urls import path

from casereviews.decisions import views
from casereviews.involvement.views import ask

app_name = "decisions"
urlpatterns = [
    path(
        "<str:reference>/lisg-recommendation",
        views.LisgRecommendationView.as_view(),
        name="lisg-recommendation",
    ),
    path("<str:reference>/decision", views.ChairDecisionView.as_view(), name="chair-decision"),
    path("<str:reference>/escalation", views.EscalationView.as_view(), name="escalate"),
    path(
        "<str:reference>/involvement-request",
        ask.InvolvementRequestView.as_view(),
        name="involvement-request",
    ),
    path(
        "<str:reference>/external-notification",
        views.ExternalNotificationView.as_view(),
        name="external-notification",
    ),
    path(
        "<str:reference>/external-document/<str:body>.pdf",
        views.ExternalDocumentView.as_view(),
        {"pdf": True},
        name="external-document-pdf",
    ),
    path(
        "<str:reference>/external-document/<str:body>",
        views.ExternalDocumentView.as_view(),
        name="external-document",
    ),
    path(
        "<str:reference>/told/<int:pk>/document.pdf",
        views.SentDocumentView.as_view(),
        name="sent-document",
    ),
    path(
        "<str:reference>/decision-letter.pdf",
        views.DecisionLetterView.as_view(),
        name="decision-letter",
    ),
]

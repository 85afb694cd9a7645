from django.urls import path

from casereviews.decisions import views

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
        views.InvolvementRequestView.as_view(),
        name="involvement-request",
    ),
    path(
        "<str:reference>/external-notification",
        views.ExternalNotificationView.as_view(),
        name="external-notification",
    ),
]

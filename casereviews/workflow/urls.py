from django.urls import path

from casereviews.workflow import views

app_name = "workflow"
urlpatterns = [
    path(
        "<str:reference>/panel-response",
        views.PanelResponseView.as_view(),
        name="panel-response",
    ),
    path(
        "<str:reference>/panel-notified",
        views.PanelNotificationView.as_view(),
        name="panel-notified",
    ),
    path(
        "<str:reference>/partners-decision",
        views.PartnersDecisionView.as_view(),
        name="partners-decision",
    ),
    path(
        "<str:reference>/local-authority-aware",
        views.LocalAuthorityAwareView.as_view(),
        name="local-authority-aware",
    ),
    path("<str:reference>/step/<slug:name>", views.TransitionView.as_view(), name="transition"),
]

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from casereviews.api import involvement_views, notification_views, views
from casereviews.api.base import PolicyAPIView
from casereviews.api.exceptions import not_found
from casereviews.policy import PUBLIC


class OpenApiDocumentView(PolicyAPIView, SpectacularJSONAPIView):
    """The OpenAPI document: public, since it describes the contract and holds no case
    data (docs/adr/0005-api-tokens.md)."""

    permission = PUBLIC
    authentication_classes = ()


app_name = "api"
urlpatterns = [
    path("openapi.json", OpenApiDocumentView.as_view(), name="openapi"),
    path("criteria/assess", views.CriteriaAssessView.as_view(), name="criteria-assess"),
    path(
        "notifications", notification_views.NotificationCreateView.as_view(), name="notifications"
    ),
    path(
        "notifications/<str:reference>",
        notification_views.NotificationDetailView.as_view(),
        name="notification",
    ),
    path(
        "notifications/<str:reference>/chronology",
        involvement_views.ChronologyView.as_view(),
        name="chronology",
    ),
    # Any whole number, so a PUT to a negative one is this endpoint's "not found" too.
    re_path(
        r"^involvement-requests/(?P<pk>-?[0-9]{1,18})$",
        involvement_views.InvolvementRequestView.as_view(),
        name="involvement-request",
    ),
    re_path(r"^.*$", not_found, name="not-found"),
]

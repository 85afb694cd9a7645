from django.urls import path

from casereviews.api import token_views

app_name = "api-tokens"
urlpatterns = [
    path("", token_views.ApiTokensView.as_view(), name="list"),
    path("<int:pk>/revoke", token_views.ApiTokenRevokeView.as_view(), name="revoke"),
]

from django.urls import path

from casereviews.frontend import views

app_name = "frontend"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("board/switch", views.SwitchBoardView.as_view(), name="switch-board"),
    path(
        "accessibility",
        views.InformationPage.as_view(template_name="frontend/accessibility.html"),
        name="accessibility",
    ),
    path(
        "cookies",
        views.InformationPage.as_view(template_name="frontend/cookies.html"),
        name="cookies",
    ),
    path(
        "privacy",
        views.InformationPage.as_view(template_name="frontend/privacy.html"),
        name="privacy",
    ),
]

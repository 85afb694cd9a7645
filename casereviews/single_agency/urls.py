from django.urls import path

from casereviews.single_agency import views

app_name = "single_agency"
urlpatterns = [
    path(
        "<str:reference>/single-agency-cpir",
        views.AgreementView.as_view(),
        name="agreement",
    ),
    path(
        "<str:reference>/single-agency-cpir/outcome",
        views.OutcomeView.as_view(),
        name="outcome",
    ),
]

from django.urls import path

from casereviews.communications import views

app_name = "communications"
urlpatterns = [
    path("<str:reference>/communications", views.LogView.as_view(), name="log"),
    path("<str:reference>/communications/new", views.DraftView.as_view(), name="draft"),
    path("<str:reference>/communications/<int:pk>", views.DetailView.as_view(), name="detail"),
    path(
        "<str:reference>/communications/<int:pk>/agreement",
        views.AgreeView.as_view(),
        name="agree",
    ),
    path(
        "<str:reference>/communications/<int:pk>/approval",
        views.ApproveView.as_view(),
        name="approve",
    ),
    path(
        "<str:reference>/communications/<int:pk>/delivered",
        views.DeliverView.as_view(),
        name="deliver",
    ),
    path("<str:reference>/communications/<int:pk>/held", views.HoldView.as_view(), name="hold"),
]

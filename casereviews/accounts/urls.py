from django.urls import path

from casereviews.accounts import password_views, views

app_name = "accounts"
urlpatterns = [
    path("sign-in", views.SignInView.as_view(), name="sign-in"),
    path("sign-in/code", views.SecondFactorView.as_view(), name="second-factor"),
    path("sign-in/recovery-code", views.RecoveryCodeView.as_view(), name="recovery-code"),
    path("sign-in/set-up-app", views.EnrolView.as_view(), name="enrol"),
    path("recovery-codes", views.RecoveryCodesView.as_view(), name="recovery-codes"),
    path("sign-out", views.SignOutView.as_view(), name="sign-out"),
    path("signed-out", views.SignedOutView.as_view(), name="signed-out"),
    path(
        "password-reset",
        password_views.PasswordResetRequestView.as_view(),
        name="password-reset",
    ),
    path(
        "password-reset/sent",
        password_views.PasswordResetSentView.as_view(),
        name="password-reset-sent",
    ),
    path(
        "password-reset/<uidb64>/<token>",
        password_views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
]

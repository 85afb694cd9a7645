from django.urls import path

from casereviews.administration import views

app_name = "administration"
urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("boards/", views.BoardListView.as_view(), name="boards"),
    path("boards/new", views.BoardCreateView.as_view(), name="board-create"),
    path("boards/<int:pk>/edit", views.BoardUpdateView.as_view(), name="board-update"),
    path("boards/<int:pk>/cover", views.BoardCoverView.as_view(), name="board-cover"),
    path("boards/<int:pk>/deputies/new", views.DeputyCreateView.as_view(), name="deputy-create"),
    path("boards/<int:pk>/absences/new", views.AbsenceCreateView.as_view(), name="absence-create"),
    path(
        "boards/<int:pk>/framework",
        views.BoardFrameworkCreateView.as_view(),
        name="board-framework",
    ),
    path("cases/move", views.FrameworkMoveView.as_view(), name="framework-move"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisations"),
    path("organisations/new", views.OrganisationCreateView.as_view(), name="organisation-create"),
    path(
        "organisations/<int:pk>/edit",
        views.OrganisationUpdateView.as_view(),
        name="organisation-update",
    ),
    path("people/", views.UserListView.as_view(), name="users"),
    path("people/new", views.UserCreateView.as_view(), name="user-create"),
    path("people/<int:pk>", views.UserDetailView.as_view(), name="user"),
    path("people/<int:pk>/edit", views.UserUpdateView.as_view(), name="user-update"),
    path(
        "people/<int:pk>/set-up-email",
        views.UserSetupEmailView.as_view(),
        name="user-setup-email",
    ),
    path("people/<int:pk>/roles/new", views.RoleGrantCreateView.as_view(), name="role-create"),
    path(
        "people/<int:pk>/roles/<int:grant_pk>/remove",
        views.RoleGrantRemoveView.as_view(),
        name="role-remove",
    ),
]

from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "casereviews.boards"
    label = "boards"
    verbose_name = "Boards and partner agencies"

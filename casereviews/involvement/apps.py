from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    name = "casereviews.involvement"
    label = "involvement"
    verbose_name = "Agency involvement, chronologies and LISG meetings"

    def ready(self) -> None:
        from casereviews.involvement import (  # noqa: F401  (register the scopes and the guard)
            guards,
            policy,
            prepared,
        )
        from casereviews.involvement.models import (
            DisclosureDecision,
            LisgGoAhead,
            LisgMeetingCase,
        )
        from casereviews.involvement.services import parallel  # noqa: F401  (its hook)
        from casereviews.involvement.templatetags.involvement import case_agencies
        from casereviews.notifications.holdings import register_holding
        from casereviews.notifications.sections import register_section

        register_section(
            "agencies",
            order=30,
            template="involvement/includes/case_agencies.html",
            context=case_agencies,
        )

        register_holding(
            "lisg_meeting", lambda case: LisgMeetingCase.objects.filter(notification=case)
        )
        register_holding("go_ahead", lambda case: LisgGoAhead.objects.filter(notification=case))
        register_holding(
            "disclosure_decisions",
            lambda case: DisclosureDecision.objects.filter(notification=case),
        )

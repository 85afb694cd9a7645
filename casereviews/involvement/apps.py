from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    name = "casereviews.involvement"
    label = "involvement"
    verbose_name = "Agency involvement, chronologies and LISG meetings"

    def ready(self) -> None:
        from casereviews.boards.models import Role
        from casereviews.frontend.waiting import register_shown_apart, register_waiting
        from casereviews.involvement import (  # noqa: F401  (register the scopes and the guard)
            guards,
            policy,
            prepared,
        )
        from casereviews.involvement.home import meetings_waiting
        from casereviews.involvement.models import (
            DisclosureDecision,
            LisgGoAhead,
            LisgMeetingCase,
        )
        from casereviews.involvement.selectors import requests_for_agency_lead
        from casereviews.involvement.services import parallel  # noqa: F401  (its hook)

        register_waiting(Role.LISG_MEMBER, "Your LISG meetings", order=30, read=meetings_waiting)
        register_shown_apart(lambda user, board: bool(requests_for_agency_lead(user, board)))
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

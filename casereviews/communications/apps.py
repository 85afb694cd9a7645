from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    name = "casereviews.communications"
    label = "communications"
    verbose_name = "Communications with the family, significant others and the press"

    def ready(self) -> None:
        from casereviews.boards.models import Role
        from casereviews.communications import policy  # noqa: F401  (registers the scopes)
        from casereviews.communications.home import communications_waiting
        from casereviews.communications.models import CommunicationState
        from casereviews.frontend.waiting import register_waiting
        from casereviews.policy import Action

        register_waiting(
            Role.INDEPENDENT_CHAIR,
            "Communications waiting for your approval",
            order=10,
            read=communications_waiting(Action.COMMUNICATION_APPROVE, CommunicationState.AGREED),
        )
        register_waiting(
            Role.LISG_MEMBER,
            "Communications for the LISG to agree",
            order=20,
            read=communications_waiting(Action.COMMUNICATION_AGREE, CommunicationState.DRAFTED),
        )
        from casereviews.communications.selectors import case_log
        from casereviews.communications.templatetags.communications import case_communications
        from casereviews.notifications.holdings import register_holding
        from casereviews.notifications.sections import register_section

        register_section(
            "communications",
            order=90,
            template="communications/includes/case_section.html",
            context=case_communications,
        )

        register_holding("communications", case_log)

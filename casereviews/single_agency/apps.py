from django.apps import AppConfig


class SingleAgencyConfig(AppConfig):
    name = "casereviews.single_agency"
    label = "single_agency"
    verbose_name = "Single-agency CPIRs"

    def ready(self) -> None:
        # Registers the scope of its pages, the guards of its transitions and the hook
        # that marks a record escalated.
        from casereviews.notifications.holdings import register_holding
        from casereviews.notifications.sections import register_section
        from casereviews.single_agency.templatetags.single_agency import case_single_agency

        register_section(
            "single_agency",
            order=70,
            template="single_agency/case_section.html",
            context=lambda _, case: case_single_agency(case),
        )
        from casereviews.single_agency import guards, policy, services  # noqa: F401
        from casereviews.single_agency.models import SingleAgencyReview

        register_holding(
            "single_agency_reviews",
            lambda case: SingleAgencyReview.objects.filter(notification=case),
        )

"""The CRNF A's answers to choose from (part of its description, `description.py`)."""

from __future__ import annotations

from casereviews.criteria import DeathSetting

YES_NO = (("yes", "Yes"), ("no", "No"))
YES_NO_UNKNOWN = (*YES_NO, ("unknown", "Not known"))
YES_NO_UNCLEAR = (*YES_NO, ("unclear", "It is not clear yet"))

DEATH_SETTINGS = (
    (DeathSetting.NONE.value, "None of these"),
    (DeathSetting.POLICE_CUSTODY.value, "In police custody"),
    (DeathSetting.CUSTODY.value, "In other custody"),
    (DeathSetting.REMAND_OR_SENTENCED.value, "On remand or following sentencing"),
    (DeathSetting.YOUNG_OFFENDER_INSTITUTION.value, "Detained in a Young Offender Institution"),
    (DeathSetting.SECURE_TRAINING_CENTRE.value, "Resident in a secure training centre"),
    (DeathSetting.SECURE_CHILDRENS_HOME.value, "Resident in a secure children's home"),
    (DeathSetting.MENTAL_HEALTH_ACT_DETENTION.value, "Detained under the Mental Health Act"),
    (
        DeathSetting.DEPRIVATION_OF_LIBERTY_ORDER.value,
        "Aged 16 or 17 and subject to a deprivation of liberty order",
    ),
    ("unknown", "Not known"),
)
# On a summary "None of these" has no list beside it to refer to.
DEATH_SETTING_NONE = "Not in custody, detention or a secure setting"

ABUSE_OR_NEGLECT = (
    ("known", "Known"),
    ("suspected", "Suspected"),
    ("not_suspected", "Not suspected"),
    ("unknown", "Not known yet"),
)

LEARNING_CHOICES = (
    ("single_agency", "How individual organisations carry out their safeguarding duties"),
    ("working_together", "How organisations work together"),
    ("local_services", "Improvements needed in local services"),
    ("none", "None identified yet"),
)

# Each process the form asks about is the criteria fact of the same name.
PARALLEL_PROCESSES = (
    ("criminal_proceedings", "A criminal investigation or criminal proceedings"),
    ("coroner_inquest", "A coroner's investigation or inquest"),
    ("domestic_homicide", "A Domestic Homicide Review (DHR)"),
    ("adult_at_risk", "A Safeguarding Adults Review (SAR)"),
    ("mappa_offender", "A MAPPA review"),
    ("none", "None known"),
)
PARALLEL_FACTS = tuple(key for key, _ in PARALLEL_PROCESSES if key != "none")

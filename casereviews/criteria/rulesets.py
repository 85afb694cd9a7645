"""Rulesets: the words, sources and listed settings of a criteria framework, as data.

A case is judged by the ruleset in force on the day it was notified. Adding a
framework means adding a :class:`Ruleset` to :data:`RULESETS`; the engine reads only
what is here. Every ``source`` quotes the procedure verbatim between “ and ”.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from casereviews.criteria.facts import DeathSetting


class UnknownRuleset(LookupError):
    """No ruleset has this code, or none was in force on the date asked about."""


@dataclass(frozen=True)
class Passage:
    """What a finding, advisory or recommendation says, and the procedure text behind it."""

    text: str
    source: str


@dataclass(frozen=True)
class ListedSetting:
    """A setting where, if the child died there, a serious case review should always be held."""

    passage: Passage
    minimum_age: int = 0  # the deprivation of liberty limb applies only at 16 or 17


@dataclass(frozen=True, eq=False)
class Ruleset:
    """One version of the criteria, in force from ``effective_from``.

    ``findings`` and ``advisories`` are in the order the answer lists them.
    """

    code: str
    version: int
    effective_from: date
    title: str
    recommendations: Mapping[str, Passage]
    findings: Mapping[str, Passage]
    advisories: Mapping[str, Passage]
    listed_death_settings: Mapping[DeathSetting, ListedSetting]


def _frozen[K, V](mapping: dict[K, V]) -> Mapping[K, V]:
    return MappingProxyType(mapping)


_A2I = "Section A 2(i), Regulation 5(2)"
_A2II = "Section A 2(ii), Working Together 2015 Chapter 4 (18)"
_SHOULD_ALWAYS = f"{_A2II}: “an SCR should always be carried out when a child dies”"
_SUICIDE = (
    "Section A 2(ii): “Working Together defines Regulation 5(2)(b)(i) to also include a "
    "requirement that SCRs are commissioned where a child has died by suspected suicide”"
)
_MUST_ALWAYS = (
    f"{_A2II}: “where cases meet the criteria set out within Regulation 5, "
    "LSCBs must always commission a SCR”"
)
_OTHER_PROCEDURES = (
    "Section A 5(i): “Consideration must also be given as to other procedures that may be "
    "relevant, or more applicable such as, a Domestic Homicide Review (DHR), a Safeguarding "
    "Adults Review or a MAPPA review” … “the LISG will agree which procedure is most appropriate”"
)
_PROCEEDINGS = (
    "Section A 5(ii): “liaison must take place with the relevant agencies involved” … "
    "“the completion of a Review should not be delayed due to outstanding criminal matters and "
    "careful consideration should be given to the legal guidance by The Crown Prosecution "
    "Service (CPS) for SCRs”"
)
_CPIR_WHEN = (
    "Section A 3(i): “CPIRs should be undertaken by organisations, or jointly commissioned "
    "through the LSCB where it is agreed that”"
)


def _setting(text: str, quote: str, minimum_age: int = 0) -> ListedSetting:
    return ListedSetting(
        Passage(
            f"The child died {text}. A serious case review should always be carried out "
            "when a child dies in this setting, whatever is known of abuse or neglect.",
            f"{_SHOULD_ALWAYS} … “{quote}”",
        ),
        minimum_age,
    )


BF_LSCB_2015 = Ruleset(
    code="bf-lscb-2015",
    version=1,
    effective_from=date(2015, 3, 26),  # Working Together to Safeguard Children 2015
    title="Bracknell Forest LSCB: notification of CPIR and SCR (Working Together 2015)",
    recommendations=_frozen(
        {
            "scr_mandatory": Passage(
                "Commission a serious case review. The case meets the criteria in "
                "Regulation 5(2), so the board must always commission one.",
                _MUST_ALWAYS,
            ),
            "scr_expected": Passage(
                "Commission a serious case review. The child died in a setting where "
                "a serious case review should always be carried out.",
                _SHOULD_ALWAYS,
            ),
            "insufficient_information": Passage(
                "Find out more before deciding. The missing facts could mean a serious case "
                "review must or should be commissioned.",
                "Section A 4(i): “To inform the decision as to whether a CPIR /SCR should be "
                "commissioned all agencies will be asked to confirm whether they have had any "
                "involvement with the child/young person and their family”",
            ),
            "cpir": Passage(
                "Consider a child protection incident review. Standards were not met and a "
                "review would give learning.",
                _CPIR_WHEN,
            ),
            "cpir_good_practice": Passage(
                "Consider a child protection incident review to share good practice.",
                "Section A 3(ii): “BF LSCB also encourages partner agencies to undertake CPIRs "
                "where they provide evidence of good practice that can be shared”",
            ),
            # Never "not required": a suspected suicide lands here when abuse or neglect
            # is not suspected, and Working Together requires an SCR for one (Section A 2(ii)).
            "scr_discretionary": Passage(
                "On the facts given, the criteria in Regulation 5(2) are not met. The board may "
                "still commission a serious case review, or another form of case review.",
                "Section A 2(ii): “the LSCB may still decide to commission an SCR, or they may "
                "choose to commission an alternative form of case review”",
            ),
            "other_review": Passage(
                "Consider another review or audit of practice by one or more agencies.",
                "Section C 1(iv): “the LSCB must give consideration as to the necessity for a "
                "Child Protection Incident Review (CPIR), or other review or audit of practice”",
            ),
            "no_review": Passage(
                "No review is indicated by the facts given. The Independent Chair makes the "
                "final decision.",
                "Section C 1(iii): “The final decision as to whether a SCR is to be held sits "
                "with the Independent Chair”",
            ),
        }
    ),
    findings=_frozen(
        {
            "reg_5_2_a_abuse_or_neglect": Passage(
                "Abuse or neglect of the child is known or suspected.",
                f"{_A2I}(a): “abuse or neglect of a child is known or suspected”",
            ),
            "reg_5_2_b_i_died": Passage(
                "The child has died.",
                f"{_A2I}(b)(i): “the child has died”",
            ),
            "reg_5_2_b_i_suspected_suicide": Passage(
                "The child died by suspected suicide, which counts as a death under "
                "Regulation 5(2)(b)(i).",
                _SUICIDE,
            ),
            "reg_5_2_b_ii_harmed_with_concern": Passage(
                "The child has been seriously harmed and it is not clear that there are no "
                "concerns about how agencies worked together.",
                "Section A 2(ii): “where a case is being considered under regulation 5(2) "
                "(b)(ii), unless it is clear that there are no concerns about inter-agency "
                "working, the LSCB must commission an SCR”",
            ),
            "harmed_no_inter_agency_concern": Passage(
                "The child has been seriously harmed, but it is clear that there are no "
                "concerns about how agencies worked together, so Regulation 5(2)(b)(ii) is "
                "not met.",
                f"{_A2I}(b)(ii): “the child has been seriously harmed and there is cause for "
                "concern as to the way in which the authority, their Board partners or other "
                "relevant persons have worked together to safeguard the child”",
            ),
            "reg_5_2_met": Passage(
                "The case meets the criteria in Regulation 5(2). The board must always "
                "commission a serious case review.",
                _MUST_ALWAYS,
            ),
            "death_in_listed_setting": Passage(
                "The child died in a setting where a serious case review should always be "
                "carried out.",
                _SHOULD_ALWAYS,
            ),
            "scr_discretion": Passage(
                "The child died or was seriously harmed, but the criteria for a serious case "
                "review are not met. The board may still commission a serious case review or "
                "another form of case review.",
                "Section A 2(ii): “the LSCB may still decide to commission an SCR, or they may "
                "choose to commission an alternative form of case review”",
            ),
            "cpir_standards_not_met": Passage(
                "Legislative or policy requirements, or the board's inter-agency standards, "
                "were not met by individuals or organisations.",
                "Section A 3(i): “legislative/policy requirements and/or standards contained "
                "within LSCB Inter-Agency Guidance were not met by individuals and/or "
                "organisations”",
            ),
            "learning_single_agency": Passage(
                "A review would give learning about an organisation's safeguarding work.",
                "Section A 3(i): “individual organisations safeguarding functions”",
            ),
            "learning_working_together": Passage(
                "A review would give learning about how organisations work together.",
                "Section A 3(i): “how organisations are working together”",
            ),
            "learning_local_services": Passage(
                "A review would give learning about improvements needed in local services.",
                "Section A 3(i): “improvements that maybe required within local services”",
            ),
            "good_practice": Passage(
                "There is good practice that could be shared across partner agencies.",
                "Section A 3(ii): “evidence of good practice that can be shared and embedded "
                "within their organisation and across partner agencies”",
            ),
            # What a suspected suicide is answered when abuse or neglect is not suspected,
            # in place of `scr_discretion`.
            "suspected_suicide_reg_5_2_not_met": Passage(
                "The child died by suspected suicide. On the facts given, Regulation 5(2) is not "
                "met, because abuse or neglect is not known or suspected. Working Together "
                "requires a serious case review where a child has died by suspected suicide: "
                "the board should consider whether abuse or neglect is in fact suspected.",
                _SUICIDE,
            ),
            # The criteria checked and not met, so that every answer, `no_review` included,
            # gives the reasons for it.
            "scr_facts_not_known": Passage(
                "Facts that decide whether a serious case review must or should be commissioned "
                "are not known; they are listed as missing.",
                "Section C 1(i): “unless it is clear that the criteria above are met it is "
                "advisable that guidance is sought”",
            ),
            "reg_5_2_b_not_met": Passage(
                "The facts given do not show that the child died or was seriously harmed, so "
                "Regulation 5(2)(b) is not met and no serious case review criterion applies.",
                f"{_A2I}(b): “either (i) the child has died; or (ii) the child has been "
                "seriously harmed”",
            ),
            "no_learning_identified": Passage(
                "No learning has been identified, so neither a child protection incident review "
                "nor another review or audit of practice is indicated.",
                "Section A 3(i): “Such a review will provide learning in respect of”",
            ),
            "no_good_practice_identified": Passage(
                "No good practice to share has been identified.",
                "Section A 3(ii): “where they provide evidence of good practice that can be "
                "shared”",
            ),
        }
    ),
    advisories=_frozen(
        {
            "suspected_suicide_abuse_not_known": Passage(
                "The child died by suspected suicide, but abuse or neglect is not known or "
                "suspected. Consider whether abuse or neglect is in fact suspected: if it is, "
                "the board must commission a serious case review.",
                _SUICIDE,
            ),
            # Never given with an SCR recommendation: it concerns proposals for jointly
            # commissioned CPIRs, and an SCR that must or should be held is not weighed.
            "similar_issues_previously_reviewed": Passage(
                "Similar issues have been reviewed before. Look at the earlier reviews and "
                "consider whether this review would give additional learning, or whether the "
                "learning would be better gained another way.",
                "Section A 3(v): “whether additional learning is likely to be gleaned in cases "
                "where similar issues have previously been the subject of earlier reviews and "
                "may be better addressed through other learning and improvement process”",
            ),
            "parallel_domestic_homicide_review": Passage(
                "A Domestic Homicide Review may be more applicable. The Learning and "
                "Improvement Sub-Group agrees which procedure is most appropriate. A serious "
                "case review may still be needed alongside a Domestic Homicide Review.",
                "Section A 5(i): “It is recognised that the DHR process does not currently "
                "provide for a clear analysis of safeguarding matters, therefore in such case "
                "a SCR may also be required”",
            ),
            "parallel_safeguarding_adults_review": Passage(
                "A Safeguarding Adults Review may be more applicable. The Learning and "
                "Improvement Sub-Group agrees which procedure is most appropriate.",
                _OTHER_PROCEDURES,
            ),
            "parallel_mappa_review": Passage(
                "A MAPPA review may be more applicable. The Learning and Improvement Sub-Group "
                "agrees which procedure is most appropriate.",
                _OTHER_PROCEDURES,
            ),
            "parallel_criminal_proceedings": Passage(
                "Criminal proceedings are under way. Liaise with the agencies involved, do not "
                "delay the review because of them, and follow the Crown Prosecution Service "
                "guidance on serious case reviews.",
                _PROCEEDINGS,
            ),
            "parallel_coroner_inquest": Passage(
                "A coroner's inquest is under way. Liaise with the agencies involved, do not "
                "delay the review because of it, and follow the Crown Prosecution Service "
                "guidance on serious case reviews.",
                "Section A 5(ii): “in cases where Criminal Court / Coroner's Court Proceedings "
                "have previously commenced; liaison must take place with the relevant agencies "
                "involved”",
            ),
        }
    ),
    # \u2019: the procedure's own apostrophe, so the quotation stays verbatim.
    listed_death_settings=_frozen(
        {
            DeathSetting.POLICE_CUSTODY: _setting(
                "in police custody", "in custody (including police custody)"
            ),
            DeathSetting.CUSTODY: _setting("in custody", "in custody (including police custody)"),
            DeathSetting.REMAND_OR_SENTENCED: _setting(
                "on remand or after sentencing", "on remand or following sentencing"
            ),
            DeathSetting.YOUNG_OFFENDER_INSTITUTION: _setting(
                "while detained in a young offender institution",
                "while detained in a Young Offender institution",
            ),
            DeathSetting.SECURE_TRAINING_CENTRE: _setting(
                "while resident in a secure training centre",
                "while resident in a secure training centre or a secure children\u2019s home",
            ),
            DeathSetting.SECURE_CHILDRENS_HOME: _setting(
                "while resident in a secure children's home",
                "while resident in a secure training centre or a secure children\u2019s home",
            ),
            DeathSetting.MENTAL_HEALTH_ACT_DETENTION: _setting(
                "while detained under the Mental Health Act",
                "while detained under the Mental Health Act 1998",
            ),
            DeathSetting.DEPRIVATION_OF_LIBERTY_ORDER: _setting(
                "aged 16 or 17 while subject to a deprivation of liberty order",
                "aged 16 or 17 was the subject of a deprivation of liberty order under the "
                "Mental Capacity Act 2005",
                minimum_age=16,
            ),
        }
    ),
)

RULESETS: tuple[Ruleset, ...] = (BF_LSCB_2015,)
# Rulesets a case is judged by because its board's framework names them, never chosen by
# date (`ruleset_in_force` keeps answering for a board still under the 2015 procedure).
# `casereviews.criteria.wt2023` adds its own when imported, as the package does.
FRAMEWORK_RULESETS: list[Ruleset] = []


def get_ruleset(code: str) -> Ruleset:
    """The ruleset with this code; :class:`UnknownRuleset` if there is none."""
    for ruleset in (*RULESETS, *FRAMEWORK_RULESETS):
        if ruleset.code == code:
            return ruleset
    known = ", ".join(r.code for r in (*RULESETS, *FRAMEWORK_RULESETS))
    raise UnknownRuleset(f"ruleset: no ruleset has the code {code!r} (known: {known})")


def ruleset_in_force(on: date) -> Ruleset:
    """The ruleset with the latest ``effective_from`` on or before ``on``."""
    in_force = [r for r in RULESETS if r.effective_from <= on]
    if not in_force:
        raise UnknownRuleset(f"ruleset: no ruleset was in force on {on.isoformat()}")
    return max(in_force, key=lambda r: (r.effective_from, r.version))

"""The criteria engine: does a case need a serious case review, a CPIR or other review?

Plain Python with no Django import, so it can be tested and reasoned about alone.
See ``docs/criteria.md``.
"""

from casereviews.criteria.engine import (
    SCR_RECOMMENDATIONS,
    Assessment,
    Finding,
    Recommendation,
    assess,
)
from casereviews.criteria.facts import (
    BOOLEAN_FACTS,
    VOCABULARIES,
    AbuseOrNeglect,
    DeathSetting,
    Facts,
    InterAgencyConcern,
    InvalidFacts,
    LearningArea,
    StandardsNotMet,
    fact_names,
    parse_facts,
)
from casereviews.criteria.rulesets import (
    RULESETS,
    ListedSetting,
    Passage,
    Ruleset,
    UnknownRuleset,
    get_ruleset,
    ruleset_in_force,
)
from casereviews.criteria.wt2023 import CITATIONS as WT_2023_CITATIONS
from casereviews.criteria.wt2023 import WT_2023, PartnershipRecommendation

__all__ = [
    "BOOLEAN_FACTS",
    "RULESETS",
    "SCR_RECOMMENDATIONS",
    "VOCABULARIES",
    "WT_2023",
    "WT_2023_CITATIONS",
    "AbuseOrNeglect",
    "Assessment",
    "DeathSetting",
    "Facts",
    "Finding",
    "InterAgencyConcern",
    "InvalidFacts",
    "LearningArea",
    "ListedSetting",
    "PartnershipRecommendation",
    "Passage",
    "Recommendation",
    "Ruleset",
    "StandardsNotMet",
    "UnknownRuleset",
    "assess",
    "fact_names",
    "get_ruleset",
    "parse_facts",
    "ruleset_in_force",
]

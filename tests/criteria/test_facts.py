"""Parsing and validating facts (DESIGN.md section 4)."""

import pytest

from casereviews.criteria import (
    BOOLEAN_FACTS,
    VOCABULARIES,
    AbuseOrNeglect,
    DeathSetting,
    Facts,
    InvalidFacts,
    LearningArea,
    fact_names,
    parse_facts,
)

ENUMERATED = ("abuse_or_neglect", "inter_agency_concern", "death_setting", "standards_not_met")


def refusal(data: object) -> InvalidFacts:
    with pytest.raises(InvalidFacts) as caught:
        parse_facts(data)
    return caught.value


def test_fact_names_are_the_contract_in_declaration_order() -> None:
    """The fact names are exactly DESIGN.md's, in the order it lists them."""
    assert fact_names() == (
        "abuse_or_neglect",
        "child_died",
        "suspected_suicide",
        "seriously_harmed",
        "inter_agency_concern",
        "death_setting",
        "age_years",
        "standards_not_met",
        "learning",
        "good_practice",
        "similar_issues_previously_reviewed",
        "domestic_homicide",
        "adult_at_risk",
        "mappa_offender",
        "criminal_proceedings",
        "coroner_inquest",
    )


def test_vocabularies_are_exposed_for_forms() -> None:
    """Forms and the API can reuse the vocabularies of the enumerated facts."""
    assert VOCABULARIES["abuse_or_neglect"] == ("known", "suspected", "not_suspected")
    assert VOCABULARIES["inter_agency_concern"] == ("yes", "no", "unclear")
    assert VOCABULARIES["standards_not_met"] == ("yes", "no", "unclear")
    assert VOCABULARIES["learning"] == ("single_agency", "working_together", "local_services")
    assert len(VOCABULARIES["death_setting"]) == 9
    assert VOCABULARIES["death_setting"][0] == "none"
    assert set(BOOLEAN_FACTS) == {
        "child_died",
        "suspected_suicide",
        "seriously_harmed",
        "good_practice",
        "similar_issues_previously_reviewed",
        "domestic_homicide",
        "adult_at_risk",
        "mappa_offender",
        "criminal_proceedings",
        "coroner_inquest",
    }


def test_empty_object_is_all_unknown() -> None:
    """An empty object means every fact is unknown."""
    assert parse_facts({}) == Facts()


@pytest.mark.parametrize("name", fact_names())
def test_null_means_unknown(name: str) -> None:
    """A fact given as null is unknown, the same as leaving it out."""
    assert parse_facts({name: None}) == Facts()


@pytest.mark.parametrize("name", ENUMERATED)
def test_enumerated_facts_accept_the_word_unknown(name: str) -> None:
    """An enumerated fact given as "unknown" is unknown."""
    assert parse_facts({name: "unknown"}) == Facts()


def test_values_are_typed() -> None:
    """Known values are parsed into their vocabulary types."""
    facts = parse_facts(
        {
            "abuse_or_neglect": "suspected",
            "child_died": True,
            "death_setting": "secure_childrens_home",
            "age_years": 16,
            "learning": ["local_services", "single_agency"],
        }
    )
    assert facts.abuse_or_neglect is AbuseOrNeglect.SUSPECTED
    assert facts.child_died is True
    assert facts.death_setting is DeathSetting.SECURE_CHILDRENS_HOME
    assert facts.age_years == 16
    assert facts.learning == (LearningArea.SINGLE_AGENCY, LearningArea.LOCAL_SERVICES)


def test_empty_learning_differs_from_unknown_learning() -> None:
    """[] records that no learning was identified; null records that it is not yet known."""
    assert parse_facts({"learning": []}).learning == ()
    assert parse_facts({"learning": None}).learning is None


def test_facts_round_trip_through_as_dict() -> None:
    """Facts serialise to JSON values that parse back to the same facts."""
    facts = parse_facts(
        {"abuse_or_neglect": "known", "learning": ["working_together"], "age_years": 3}
    )
    assert parse_facts(facts.as_dict()) == facts
    assert list(facts.as_dict()) == list(fact_names())


def test_unknown_fact_name_is_refused_by_name() -> None:
    """A fact name outside the vocabulary is refused, naming it."""
    error = refusal({"childs_age": 4})
    assert error.fact == "childs_age"
    assert str(error) == "childs_age: is not a known fact"


def test_first_unknown_fact_name_is_reported_alphabetically() -> None:
    """With several unknown names the message is still deterministic."""
    assert refusal({"zebra": 1, "apple": 2, "child_died": True}).fact == "apple"


@pytest.mark.parametrize("data", [[], "facts", 3, None, True])
def test_non_object_is_refused(data: object) -> None:
    """Facts must come as a JSON object."""
    assert refusal(data).fact == "facts"


@pytest.mark.parametrize("name", ENUMERATED)
@pytest.mark.parametrize("value", ["maybe", "KNOWN", "", 1, True, ["yes"], {"a": 1}])
def test_value_outside_vocabulary_is_refused_naming_the_fact(name: str, value: object) -> None:
    """An enumerated fact outside its vocabulary is refused with a message naming the fact."""
    error = refusal({name: value})
    assert error.fact == name
    assert str(error).startswith(f"{name}: must be one of ")
    assert "\n" not in str(error)


@pytest.mark.parametrize("name", BOOLEAN_FACTS)
@pytest.mark.parametrize("value", [0, 1, "true", "yes", "unknown", [], 1.0])
def test_booleans_must_be_real_json_booleans(name: str, value: object) -> None:
    """A yes/no fact must be true, false or null; 1, "true" and "unknown" are refused."""
    error = refusal({name: value})
    assert str(error) == f"{name}: must be true, false or null"


@pytest.mark.parametrize("value", [-1, 18, 25, 16.5, 16.0, "16", True, False, [16]])
def test_age_outside_0_to_17_is_refused(value: object) -> None:
    """Only a whole number from 0 to 17 is an age; the message points adults to a SAR."""
    error = refusal({"age_years": value})
    assert str(error) == (
        "age_years: must be a whole number from 0 to 17 "
        "(an adult's case may need a Safeguarding Adults Review)"
    )


@pytest.mark.parametrize("age", [0, 17])
def test_age_limits_are_accepted(age: int) -> None:
    """0 and 17 are both children's ages."""
    assert parse_facts({"age_years": age}).age_years == age


@pytest.mark.parametrize(
    "value", ["single_agency", ["everything"], [1], ["single_agency", None], {"a": 1}, True]
)
def test_learning_must_be_a_list_of_areas(value: object) -> None:
    """learning is a list drawn from the three learning areas."""
    error = refusal({"learning": value})
    assert str(error).startswith("learning: must be a list of areas from single_agency, ")


def test_learning_must_not_repeat_an_area() -> None:
    """Listing a learning area twice is refused."""
    assert str(refusal({"learning": ["local_services", "local_services"]})) == (
        "learning: must not list an area twice"
    )


def test_suspected_suicide_implies_the_child_died() -> None:
    """A suspected suicide is a death even when child_died is left unknown."""
    assert parse_facts({"suspected_suicide": True}).died is True


def test_suspected_suicide_with_child_alive_is_contradictory() -> None:
    """child_died false with suspected_suicide true is refused, naming suspected_suicide."""
    error = refusal({"child_died": False, "suspected_suicide": True})
    assert error.fact == "suspected_suicide"


def test_listed_death_setting_implies_the_child_died() -> None:
    """A death in custody is a death even when child_died is left unknown."""
    assert parse_facts({"death_setting": "custody"}).died is True
    assert parse_facts({"death_setting": "none"}).died is None


def test_listed_death_setting_with_child_alive_is_contradictory() -> None:
    """child_died false with a listed death setting is refused, naming death_setting."""
    error = refusal({"child_died": False, "death_setting": "police_custody"})
    assert error.fact == "death_setting"
    assert parse_facts({"child_died": False, "death_setting": "none"}).died is False


def test_inter_agency_concern_unknown_counts_as_unclear() -> None:
    """An unknown inter-agency concern is treated as unclear."""
    assert parse_facts({}).concern == "unclear"
    assert parse_facts({"inter_agency_concern": "no"}).concern == "no"


def test_facts_built_directly_are_checked_too() -> None:
    """Contradictory or out-of-range Facts cannot be constructed in code either."""
    with pytest.raises(InvalidFacts):
        Facts(age_years=18)
    with pytest.raises(InvalidFacts):
        Facts(child_died=False, suspected_suicide=True)


def test_invalid_facts_is_a_value_error() -> None:
    """Callers that catch ValueError also catch InvalidFacts."""
    assert issubclass(InvalidFacts, ValueError)

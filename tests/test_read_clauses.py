"""Table tests of the clause reader: which actors own the value at a given word, per kind of construction."""

from __future__ import annotations

import pytest

from summitcheck.analyse.knowledge import default_knowledge
from summitcheck.load.seeds import parse_seed
from summitcheck.read.clauses import read
from summitcheck.store import analyse_seed

# (sentence, language, the value's text, the names that own it: [] when its clause names no actor)
OWNERS = [
    # gapping: the verb of the first clause stands for the others
    ("Norway sent 80 engineers, Chile a team of 35 divers and Peru two aircraft.", "en", "35", ["Chile"]),
    ("La Bavière a versé 12 millions d'euros, la Saxe 4 millions.", "fr", "4 millions", ["Saxe"]),
    # relative clauses hang on the name before them
    ("Maria Olsen beat the list of Tomas Berg, who took 38.2%.", "en", "38.2%", ["Tomas Berg"]),
    ("Le club de Clara Dumas devance celui de Paul Verne, qui obtient 41 points.", "fr", "41 points", ["Paul Verne"]),
    # clauses joined by while / tandis que / but
    ("Hartmann won 54% of the vote, while Okafor took 46%.", "en", "46%", ["Okafor"]),
    ("Lemaire a recueilli 2 300 voix tandis que Ferrand en a obtenu 1 900.", "fr", "1 900", ["Ferrand"]),
    # respectively pairs names and values in order
    ("Adler et Novak ont obtenu respectivement 12 et 8 sièges.", "fr", "8", ["Novak"]),
    ("On Sunday, Adler and Novak won 12 and 8 seats respectively.", "en", "12", ["Adler"]),
    # the values may come first, and stand apart from each other ("a 31-year-old nurse and a 45-year-old")
    ("The victims, a 31-year-old nurse and a 45-year-old driver, were named as Ivo Tanski and Rui Paz respectively.",
     "en", "45-year-old", ["Rui Paz"]),
    # a relative clause ends where the main clause's verb resumes after a comma; an apposition inside it does not
    ("The stadium, which seated 41,000 fans in 2019, will hold 52,000 from May.", "en", "52,000", []),
    ("The jury acquitted Ilse Varga, whose co-accused, Tom Rook, was convicted of 3 thefts.", "en", "3",
     ["Tom Rook"]),
    # "..., and" with a subject and a verb of its own opens a clause
    ("Pilots at Norvik Air will strike on Monday, and the crews of Ostra Handling will walk out on 3 May.", "en",
     "3 May", ["Ostra Handling"]),
    # a list after "respectivement" pairs with the names before it, past the values and bracketed names between
    ("Sara Vik a devancé de 12 secondes Ana Roy (Ineos) et de 20 secondes Eva Lund (Lidl), respectivement deuxième "
     "et troisième.", "fr", "troisième", ["Eva Lund"]),
    # who says it does not own the value
    ("Selon Henrik Lund, la digue a coûté 40 millions de couronnes.", "fr", "40 millions", []),
    # one clause, one actor
    ("Farida Haddad scored 27 points on Sunday.", "en", "27", ["Farida Haddad"]),
]


@pytest.mark.parametrize(("text", "lang", "value", "owners"), OWNERS, ids=[o[0][:40] for o in OWNERS])
def test_value_owners(text: str, lang: str, value: str, owners: list[str]) -> None:
    facts = analyse_seed(parse_seed(text, "<t>", "t", lang), default_knowledge())
    (sentence,) = facts.sentences
    reading = read(sentence.text, sentence.start, sentence.words, sentence.facts)
    at = sentence.start + sentence.text.index(value)
    paired = reading.paired(at)
    clause = reading.clause_at(at)
    got = [a.text for a in (paired or (clause.actors if clause else ()))]
    assert got == owners, f"{value!r} in {text!r}: clauses {reading.clauses}"


NEGATED = [
    ("The council did not approve the budget.", "en", True),
    ("Le conseil n'a pas adopté le budget.", "fr", True),
    ("Le conseil n'a plus de budget.", "fr", True),
    ("Le conseil a voté plus de crédits.", "fr", False),  # "plus" without "ne" is "more"
    ("The council approved the budget.", "en", False),
]


@pytest.mark.parametrize(("text", "lang", "negated"), NEGATED, ids=[n[0][:40] for n in NEGATED])
def test_negation_scope(text: str, lang: str, negated: bool) -> None:
    facts = analyse_seed(parse_seed(text, "<t>", "t", lang), default_knowledge())
    (sentence,) = facts.sentences
    reading = read(sentence.text, sentence.start, sentence.words, sentence.facts)
    assert bool(reading.clauses[0].negated) is negated


# (sentence before, sentence, the name the reference opening the sentence stands for)
REFERENCES = [
    ("La juge Anne Roux a interrogé Paul Vidal.", "Elle a ensuite suspendu l'audience.", "Anne Roux"),
    ("Mia Sand faced Oda Lunde in the final.", "The latter won in two sets.", "Oda Lunde"),
    ("Lars Berg, 31, led until Ivo Hahn, 24, passed him.", "The 24-year-old won by two seconds.", "Ivo Hahn"),
    ("Mia Sand faced Oda Lunde in the final.", "The match lasted two hours.", None),
]


@pytest.mark.parametrize(("before", "text", "meant"), REFERENCES, ids=[r[1][:30] for r in REFERENCES])
def test_reference_resolves_to_a_name_of_the_sentence_before(before: str, text: str, meant: str | None) -> None:
    from summitcheck.read.clauses import antecedent

    lang = "fr" if "Elle" in text else "en"
    facts = analyse_seed(parse_seed(f"{before} {text}", "<t>", "t", lang), default_knowledge())
    first, second = facts.sentences
    previous = read(first.text, first.start, first.words, first.facts)
    reading = read(second.text, second.start, second.words, second.facts)
    found = antecedent(reading.clauses[0], second.words, second.facts, previous, first.facts)
    assert (found.text if found else None) == meant


ADVISED = "On Monday, Norland and Vesta said they are advised by Holt & Co and Kessler Partners respectively."
# (sentence, language, a name, the name "respectivement" pairs it with)
PARTNERS = [
    (ADVISED, "en", "Vesta", "Kessler Partners"),
    (ADVISED, "en", "Holt", "Norland"),
    ("Les clubs de Nantes et de Brest sont entraînés respectivement par Luc Morin et Anne Riou.", "fr", "Brest",
     "Anne Riou"),
]


@pytest.mark.parametrize(("text", "lang", "name", "partner"), PARTNERS, ids=[f"{p[0][:30]}-{p[2]}" for p in PARTNERS])
def test_respective_partners(text: str, lang: str, name: str, partner: str) -> None:
    facts = analyse_seed(parse_seed(text, "<t>", "t", lang), default_knowledge())
    (sentence,) = facts.sentences
    reading = read(sentence.text, sentence.start, sentence.words, sentence.facts)
    found = reading.partner(sentence.start + sentence.text.index(name))
    assert found is not None and found[1].text == partner

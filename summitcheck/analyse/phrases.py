"""Entities, concepts, unknown names and remaining content words.

Entities and concepts come from one phrase index (aliases across languages, the bilingual lexicon) by longest
match. What is left: runs of capitalised words become `name` facts (a name the tool does not know must still be
found in the seed), and other content words become `word` facts, compared by stem and by spelling (cognates).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..model import CLAIM_NEGATIONS, MODIFIER_ROLE, Fact, Kind
from . import vocabulary
from .knowledge import Entry, Knowledge, distinct
from .scan import Scan
from .tokens import fold, key

LOCATIVE = frozenset("in at a au aux en dans sur on near pres outside inside hors".split())
COMITATIVE = frozenset("with avec alongside aupres".split())
ORIGIN = frozenset("from depuis".split())
AGENT = frozenset("by par".split())
DESTINATION = frozenset("to towards toward vers for pour".split())
OPPONENT = frozenset("against contre versus vs face".split())  # "won against Rennes", "perdu contre", "face à"
DEPARTURE = frozenset({"depart"})
ARTICLES = frozenset("the le la les l' de du des d'".split())


def _role(scan: Scan, i: int, j: int | None = None) -> str | None:
    """The slot a name at token i fills, from the preposition before it (skipping articles): 'loc' for
    "à Vladivostok", 'with' for "avec le président américain". (A name before "'s" is a 'possessor'.) In a claim,
    a name ending at j that a common noun follows modifies that noun ("2 killed in Calder Resources copper mine
    collapse", "in Rosmalen final"): the place is the noun's, not the name's, and the name is no actor either."""
    if i and scan.tokens[i - 1].norm in FRENCH_FROM and scan.lang == "fr" and (
        (i >= 2 and _departs(scan, i - 2)) or _to_after(scan, i)
    ):
        return "from"  # "parti de Pyongyang", "du Havre", "de Vernoux à Saint-Alban"
    k = i - 1
    while k >= 0 and scan.tokens[k].norm in ARTICLES and k > i - 3:
        k -= 1
    if k < 0:
        return None
    word = scan.tokens[k].norm
    if word in FRENCH_TO and _from_before(scan, k):
        return "to"  # "de Vernoux à Saint-Alban": where it goes
    if (
        word in ORIGIN
        or (word in {"de", "d'"} and k >= 1 and _departs(scan, k - 1))
        or (k == i - 1 and _departs(scan, k))
    ):
        return "from"  # "from Pyongyang", "parti de Pyongyang", "left Vladivostok"
    if word in AGENT:
        return "agent"  # "put in power by the Soviet Union": the doer of a passive
    if word in DESTINATION:
        return "to"
    if word in OPPONENT or (word in FRENCH_TO and k >= 1 and scan.tokens[k - 1].norm == "face"):
        return "against"
    if word in LOCATIVE:
        if j is not None and scan.is_claim and j < len(scan.tokens) and _modifies_next(scan, j):
            return MODIFIER_ROLE
        return "loc"
    return "with" if word in COMITATIVE else None


# "de X à Y" in French is a journey, a route or a span, as "from X to Y" is: X where it starts, Y where it ends
FRENCH_FROM = frozenset("de d' du des".split())
FRENCH_TO = frozenset("a au aux jusqu'a".split())


def _from_before(scan: Scan, k: int) -> bool:
    """Whether "de" and a capitalised name end right before token k ("de Vernoux à")."""
    j = k - 1
    while j >= 0 and scan.tokens[j].is_capitalised and scan.tokens[j].is_word:
        j -= 1
    return j < k - 1 and j >= 0 and scan.tokens[j].norm in FRENCH_FROM and scan.lang == "fr"


def _to_after(scan: Scan, i: int) -> bool:
    """Whether the name at token i is followed by "à" and another capitalised name ("de Vernoux à Saint-Alban")."""
    j = i
    while j < len(scan.tokens) and scan.tokens[j].is_capitalised and scan.tokens[j].is_word:
        j += 1
    return (scan.lang == "fr" and j + 1 < len(scan.tokens) and scan.tokens[j].norm in FRENCH_TO
            and scan.tokens[j + 1].is_capitalised)


def _modifies_next(scan: Scan, j: int) -> bool:
    tok = scan.tokens[j]
    return tok.is_word and not tok.is_capitalised and not scan.is_stop(j) and bool(_senses(scan, j)) and (
        "n" in vocabulary.part_of_speech(tok.text, scan.lang if scan.lang in vocabulary.LANGS else "en"))


def _departs(scan: Scan, k: int) -> bool:
    """Whether token k is a word of leaving ("parti", "left"), after which a place is where one came from."""
    return any(e.kind == "term" and e.target in DEPARTURE for e in scan.knowledge.index.starting(scan.tokens, k, k + 1))


def _types_of(knowledge: Knowledge, ids: list[str]) -> set[str]:
    """The kinds of thing some ids name; a capital standing for its state ("Washington accused") is both."""
    types = set()
    for eid in ids:
        entity = knowledge.entities.get(eid)
        if entity is not None:
            types.add(entity.type)
            if entity.metonym_for in knowledge.entities:
                types.add(knowledge.entities[entity.metonym_for].type)
    return types


def _year_ok(years: tuple[int | None, int | None], scan: Scan) -> bool:
    if scan.ref_date is None or scan.ref_date.year is None:
        return True
    lo, hi = years
    return (lo is None or scan.ref_date.year >= lo) and (hi is None or scan.ref_date.year <= hi)


def extract(scan: Scan) -> None:
    index = scan.knowledge.index
    tokens, taken = scan.tokens, scan.taken
    stopwords = scan.knowledge.stopwords.get(scan.lang, frozenset())  # scan.is_stop
    longer = index.longer  # the first words of phrases of two words or more
    after = 0  # the first token not read yet: a phrase takes its tokens, and the scan goes on after it
    for i in _free_words(scan):
        if i < after:
            continue
        token = tokens[i]
        if (token.key in longer or token.exact in longer) and index.may_be_longer(tokens, i):
            entries, j = index.longest(tokens, i, taken, stopwords)
            entries = _written_in(entries, scan)
            if not entries:  # the longest phrase is the other language's: this one's one-word readings
                entries, j = _written_in(index.one_word_at(token), scan), i + 1
            after = _phrase(scan, entries, i, j) if entries else i + 1
        elif token.norm not in stopwords and token.text.lower() not in ("ne", "n'"):
            # a function word alone names nothing ("dans" is not Denmark; "ne" is no "né")
            # what longest() finds where no phrase of two words can start
            entries = _written_in(index.one_word_at(token), scan)
            if entries and _in_name_run(scan, i) and all(e.kind == "term" for e in entries):
                # "Théo Marchand" is a person, not a merchant: left to the names. A seed keeps the concept too,
                # for a claim that translates the name ("l'Alliance démocratique": "Democratic Alliance")
                if not scan.is_claim:
                    scan.add(Kind.TERM, tuple(sorted({e.target for e in entries})), i, i + 1, take=False)
                entries = ()
            after = _phrase(scan, entries, i, i + 1) if entries else i + 1
    _names_and_words(scan)


def _written_in(entries: Sequence[Entry], scan: Scan) -> list[Entry]:
    """The entries a word of the text's language may be, where a word of one language is spelt as the other's
    word of another concept (PhraseIndex.split): English "court" is no French "court" (short), "report" no
    "report" (postponement), "pays" no "pay"."""
    split = scan.knowledge.index.split
    # then one reading per meaning: "reform" and "réforme" are one
    return list(distinct(e for e in entries if not e.langs or e.keys not in split or scan.lang in e.langs))


def _in_name_run(scan: Scan, i: int) -> bool:
    """Whether token i, a capitalised word the lexicon knows as a concept, is a proper name: capitalised where a
    sentence does not start ("Théo Marchand", "Anton Vessel", "and Labour 9": no merchant, ship or work). Two such
    words side by side may be a name the other language translates ("Democratic Alliance", "Governing Council"),
    and keep their concepts."""
    tokens = scan.tokens
    if not tokens[i].is_capitalised or tokens[i].text.isupper():
        return False
    if scan.is_claim and i == 0 and i + 1 < len(tokens) and tokens[i + 1].norm in ("'s", ","):
        return True  # a claim that opens on "Vessel's PRN", "Vessel, 58," opens on a name ("Turnout: 52%" need not)
    if _starts_sentence(scan, i):
        return False
    index = scan.knowledge.index
    return not any(
        0 <= k < len(tokens)
        and tokens[k].is_word
        and tokens[k].is_capitalised
        and not tokens[k].text.isupper()
        and any(e.kind == "term" for e in index.one_word_at(tokens[k]))
        for k in (i - 1, i + 1)
    )


def _starts_sentence(scan: Scan, i: int) -> bool:
    return i == 0 or scan.tokens[i - 1].text in {".", "!", "?", ":", '"', "«", "“", "'"}


def _free_words(scan: Scan) -> list[int]:
    """The words no fact has taken yet. (A reading that takes words goes on after them, so the list made at its
    start stays right for the words ahead.)"""
    pairs = enumerate(zip(scan.tokens, scan.taken, strict=True))
    return [k for k, (token, taken) in pairs if not taken and token.is_word]


# A verb's particle makes another verb of it: "called off" is cancelled, not called; "turned out", "broke out"
PARTICLES = frozenset("off out up down away back over".split())


def _phrase(scan: Scan, entries: Sequence[Entry], i: int, j: int) -> int:
    """The facts of a phrase of the index written at tokens i..j-1 (its longest reading); returns the token where
    the scan goes on."""
    knowledge, tokens = scan.knowledge, scan.tokens
    if j == i + 1 and len(entries) == 1 and entries[0].kind == "term":  # most phrases: a word of one concept
        if scan.is_stop(i):
            return i + 1  # as below: a function word names nothing by itself
        token = tokens[i]
        if scan.is_claim:
            # the open vocabulary's senses too, where the seed's word is no concept of the lexicon; and the
            # claim's first word may be a name the seed writes in full ("Vessel has led the government")
            opens = _starts_sentence(scan, i) and token.is_capitalised and not token.text.isupper()
            scan.add(Kind.TERM, (entries[0].target,), i, j, extra=(_own_senses(scan, i), token.norm if opens else ""))
        else:
            scan.add(Kind.TERM, (entries[0].target,), i, j)  # and takes its token
        return j
    entries = [e for e in entries if e.form != "title" or _year_ok(e.years, scan)]
    content = [k for k in range(i, j) if tokens[k].norm not in ARTICLES]
    lexicon_word = len(content) == 1 and any(e.kind == "term" for e in knowledge.index.one_word_at(tokens[content[0]]))
    if len(content) == 1 and (lexicon_word or _senses(scan, content[0])):
        # a name of one word that the text also reads as a common word is that word where it is written in lower
        # case ("pendant la réunion de Bruxelles" is a meeting, not La Réunion; "the solar park" is no President
        # Park; "la péninsule coréenne" stays a name), and a short name the lexicon knows as a word is that word
        # where it only opens the sentence ("Ban on dual-use exports": no Ban Ki-moon)
        lower = not tokens[content[0]].is_capitalised
        opening = lexicon_word and _starts_sentence(scan, content[0])
        entries = [e for e in entries if e.kind != "entity" or not (
            (lower and e.form in ("name", "short")) or (opening and e.form == "short")
        )]
    if entries and len(entries[0].keys) == 1 and scan.is_stop(i):
        entries = []  # "dans" is not Denmark, "les" is not Lee
    if not entries:
        return i + 1
    if any(e.kind == "stop" for e in entries):  # "take place", "au sein de": nothing to check
        for k in range(i, j):
            scan.taken[k] = True
        return j
    entity_ids = sorted({e.target for e in entries if e.kind == "entity"})
    named = tuple(entity_ids)  # what the phrase names, before what it mentions inside ("russe" in a region)
    concepts = {e.target for e in entries if e.kind == "term"}
    # a claim's phrase that says which way ("votes against") does not also say what any vote says
    directed = scan.is_claim and any(c in knowledge.opposites for c in concepts)
    if j - i > 1 and (concepts or not scan.is_claim) and not directed:
        # "placé au pouvoir" also says "au pouvoir" (a name such as "United States" says nothing more);
        # in a seed, "dirigeant nord-coréen" mentions the state too and "Conseil de sécurité de l'ONU" the UN
        # (a claim's words are read strictly)
        for e in _written_in(knowledge.index.inside(tokens, i, j), scan):
            if e.kind == "term" and len(e.keys) < j - i and concepts and tokens[j - 1].norm not in PARTICLES:
                concepts.add(e.target)
            elif e.kind == "entity" and not scan.is_claim and e.form in {"adjective", "name"}:
                entity_ids.append(e.target)
        entity_ids = sorted(set(entity_ids))
    if entity_ids:
        forms = sorted({e.form for e in entries if e.kind == "entity"})
        types = sorted(_types_of(knowledge, entity_ids))
        scan.add(
            Kind.ENTITY,
            tuple(entity_ids),
            i,
            j,
            take=False,
            role="possessor" if j < len(tokens) and tokens[j].norm == "'s" else _role(scan, i),
            extra=(tuple(forms), tuple(types), named),
        )
    if concepts:  # a claim's one word of several concepts may still meet its own vocabulary sense ("fermé")
        own = (_own_senses(scan, i), "") if scan.is_claim and j == i + 1 else ()
        scan.add(Kind.TERM, tuple(sorted(concepts)), i, j, take=False, extra=own)
    for k in range(i, j):
        scan.taken[k] = True
    return j


def _compound_names(scan: Scan) -> None:
    """ "Kim-Putin summit": a hyphenated pair of names the tables know one by one."""
    for i in [k for k, tok in enumerate(scan.tokens) if "-" in tok.text]:
        tok = scan.tokens[i]
        if not scan.free(i) or not tok.is_capitalised:
            continue
        parts, start, found = tok.text.split("-"), tok.start, []
        for part in parts:
            ids = sorted(
                {
                    e.target
                    for e in scan.knowledge.index.by_first.get(part if part.isupper() else fold(part), [])
                    if e.kind == "entity" and len(e.keys) == 1 and e.form in ("name", "short")
                }
            )
            if not ids or not part[:1].isupper():
                found = []
                break
            found.append((ids, start, start + len(part), part))
            start += len(part) + 1
        for ids, lo, hi, part in found:
            types = tuple(sorted(_types_of(scan.knowledge, ids)))
            scan.facts.append(Fact(Kind.ENTITY, tuple(ids), lo, hi, part, extra=(("name",), types, tuple(ids))))
        if found:
            scan.taken[i] = True


def _senses(scan: Scan, i: int) -> tuple[str, ...]:
    """The open vocabulary's senses of a claim word the lexicon lacks (match.find_in_sentence meets them)."""
    return tuple(sorted(vocabulary.senses(scan.tokens[i].text, scan.lang if scan.lang in vocabulary.LANGS else "en")))


def _own_senses(scan: Scan, i: int) -> tuple[str, ...]:
    """The senses by which a lexicon word may still meet a seed word its concept lacks ("closed" / "fermé",
    where the lexicon reads "close" as nearness): the word's own meaning only, not its synonyms' ("beat" is no
    "round", though WordNet puts them in one synset). An English word's own keys are its lemmas'; a French word's
    senses are its translations already."""
    senses = _senses(scan, i)
    if scan.lang != "en":
        return senses
    own = {vocabulary.PREFIX + lemma for lemma in vocabulary.lemmas(scan.tokens[i].text, "en")}
    return tuple(k for k in senses if k in own)


NAME_LINKS = frozenset("le la les de du des sur sous en lès les-bains d".split())  # inside a hyphenated place name


def _hyphen_parts(scan: Scan, i: int, stopwords: frozenset[str]) -> bool:
    """A claim's hyphenated word that no table knows, read as its parts: "EELV-led" names EELV, "Euro-area" says
    euro and area, "high-altitude" high and altitude. Returns whether it made any fact."""
    tok = scan.tokens[i]
    parts = tok.text.split("-")
    if tok.is_capitalised and (
        (len(parts) > 2 and any(p in NAME_LINKS for p in parts[1:-1])) or all(p[:1].isupper() for p in parts)
    ):
        # "Lunas-le-Haut", "Aix-en-Provence", "Saint-Jean-de-Luz", "Saint-Alban": a place's name, whole
        role = "possessor" if scan.norm(i + 1) == "'s" else _role(scan, i)
        scan.facts.append(Fact(Kind.NAME, fold(tok.text), tok.start, tok.end, tok.text, role=role))
        scan.taken[i] = True
        return True
    if len(parts) == 2 and fold(parts[1]) in PARTICLES and parts[0].isalpha():
        # "play-off", "run-off", "kick-off", "walk-out": a noun of its own, not a play and an "off"
        joined = "".join(parts)
        senses = tuple(sorted(vocabulary.senses(joined, scan.lang if scan.lang in vocabulary.LANGS else "en")))
        scan.facts.append(Fact(Kind.WORD, key(joined, scan.lang), tok.start, tok.end, tok.text, extra=(senses, "")))
        scan.taken[i] = True
        return True
    made = False
    at = tok.start
    for part in parts:
        start, end = at, at + len(part)
        at = end + 1
        if len(part) <= 2 or fold(part) in stopwords or not part.isalpha():
            continue
        if part.isupper():
            scan.facts.append(Fact(Kind.NAME, fold(part), start, end, part))
        else:
            senses = tuple(sorted(vocabulary.senses(part, scan.lang if scan.lang in vocabulary.LANGS else "en")))
            scan.facts.append(Fact(Kind.WORD, key(part, scan.lang), start, end, part, extra=(senses, "")))
        made = True
    if made:
        scan.taken[i] = True
    return made


def _names_and_words(scan: Scan) -> None:
    _compound_names(scan)
    tokens = scan.tokens
    stopwords = scan.knowledge.stopwords.get(scan.lang, frozenset())
    after = 0  # the first token not read yet
    for i in _free_words(scan):
        tok = tokens[i]
        if scan.is_claim and tok.norm in PARTICLES and i >= after and _after_a_word(scan, i):
            # "rules out", "broke off": the particle makes another verb, which the tables do not know; the
            # seed must say it too, not only "rules" ("ont retenu la préméditation")
            scan.add(Kind.WORD, tok.key, i, i + 1, extra=((), ""))
            continue
        if i < after or tok.norm in stopwords:  # scan.is_stop(i)
            continue
        if scan.is_claim and "-" in tok.text and _hyphen_parts(scan, i, stopwords):
            continue
        if tok.is_capitalised:
            j = i + 1
            while j < len(tokens) and scan.free(j) and tokens[j].is_word and (tokens[j].is_capitalised or (
                tokens[j].norm in NAME_PARTICLES and j + 1 < len(tokens) and scan.free(j + 1)
                and tokens[j + 1].is_capitalised
            )):
                j += 1
            j = _foreign_title(scan, j)
            # a capitalised word that no table knows is a name, but where a sentence starts; a claim is
            # shorthand that mostly opens on its subject ("Mertens beats Dvorská")
            opens = _starts_sentence(scan, i)
            opens_claim = scan.is_claim and opens
            known = tok.norm in scan.names  # "Halse" opens this sentence, and the seed names her elsewhere
            if j - i > 1 or not opens or known or (opens and not _senses(scan, i) and tok.norm not in NOT_NAMES):
                role = "possessor" if j < len(tokens) and tokens[j].norm == "'s" else _role(scan, i, j)
                scan.add(Kind.NAME, " ".join(t.norm for t in tokens[i:j]), i, j, role=role)
                after = j
                continue
            if opens_claim:  # "Turnout 41.2%": a word the vocabulary knows, or a name the seed writes
                scan.add(Kind.WORD, tok.key, i, i + 1, extra=(_senses(scan, i), tok.norm))
                continue
        if len(tok.norm) > 1:
            scan.add(Kind.WORD, tok.key, i, i + 1, extra=(_senses(scan, i), "") if scan.is_claim else ())


FRENCH_TITLE_LINKS = frozenset("de des du la le les d' l' au aux".split())


def _foreign_title(scan: Scan, j: int) -> int:
    """Where an English claim's name goes on in French, the title it is: "La Saison des grues", "Les Heures de
    Tulle" (a French article or "de" and a word English does not have); returns the end of the name."""
    tokens = scan.tokens
    if not scan.is_claim or scan.lang != "en":
        return j
    k = j
    while (k + 1 < len(tokens) and tokens[k].norm in FRENCH_TITLE_LINKS and scan.free(k) and scan.free(k + 1)
           and tokens[k + 1].is_word and not vocabulary.lemmas(tokens[k + 1].text, "en")):
        k += 2
    return k


# Lowercase words inside a name ("Valle del Bove", "Ludwig van Beethoven", "Mohammed bin Salman"); not French
# "de", "du", "la", which join a name to another as often as they sit inside one
NAME_PARTICLES = frozenset("del della delle dei degli di da van von der den ter ten dos das do al el bin ibn".split())

# Words with no sense of their own that open sentences and are never names: the negations the reader reads
NOT_NAMES = CLAIM_NEGATIONS | {"rien", "yes", "oui", "non"}

# English verb particles that change what the verb says: a phrasal verb the tables know ("called off", "pulled
# out") takes its particle with it; one they do not know keeps it as a word of its own
PARTICLES = frozenset("out off away down up over back".split())


def _after_a_word(scan: Scan, i: int) -> bool:
    """Whether the token before i is the last of a concept or word fact (a verb the particle goes with)."""
    before = scan.tokens[i - 1] if i else None
    return before is not None and before.is_word and any(
        f.end == before.end and f.kind in (Kind.TERM, Kind.WORD) for f in scan.facts
    )


# A capitalised word where no sentence starts: after a letter, a digit or a comma and a space (not after . ! ? : or
# a quotation mark)
_NAMED = re.compile(r"(?<=[\w,;)] )([A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_'’-]*)")


@functools.lru_cache(maxsize=16)  # by the seed's text, whose hash Python keeps: one pass a seed
def names_of(text: str) -> frozenset[str]:
    """The words a whole text writes capitalised where no sentence starts: its names, to be read as names at the
    start of a sentence too."""
    return frozenset(fold(w) for w in _NAMED.findall(text) if w[:1].isupper() and not w.isupper())

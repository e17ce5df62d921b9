"""The words of quantities in both languages: qualifiers (≈, about, environ, plus de, up to), scales (k, million,
milliard), time units, units of measure, percent words, currencies, identifier keywords and ordinal words.

Data for quantities.py, which reads them; kept apart so that the reading stays short enough to follow.
"""

from __future__ import annotations

import re

APPROX = (
    "≈",
    "~",
    "∼",
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "nearly",
    "almost",
    "close to",
    "circa",
    "ca",
    "an estimated",
    "environ",
    "pres de",
    "quelque",
    "quelques",
    "autour de",
    "presque",
    "approximativement",
    "pas loin de",
    "a peu pres",
    "aux alentours de",
    "une estimation de",
)
MINIMUM = (
    "more than",
    "over",
    "at least",
    "above",
    "upwards of",
    "in excess of",
    "plus de",
    "au moins",
    "au-dela de",
    "superieur a",
    ">",
    "≥",
)
MAXIMUM = (
    "up to",
    "less than",
    "fewer than",
    "under",
    "below",
    "at most",
    "no more than",
    "jusqu'a",
    "moins de",
    "au plus",
    "au maximum",
    "inferieur a",
    "<",
    "≤",
)
QUALIFIERS = sorted(
    [(tuple(p.split()), q) for ps, q in ((APPROX, "approx"), (MINIMUM, "min"), (MAXIMUM, "max")) for p in ps],
    key=lambda x: -len(x[0]),
)
QUALIFIERS_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # by the word right before the number
for _words, _qualifier_name in QUALIFIERS:
    QUALIFIERS_BY_LAST.setdefault(_words[-1], []).append((_words, _qualifier_name))

SCALES = {
    "thousand": 1e3,
    "thousands": 1e3,
    "mille": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
    "md": 1e9,
    "mds": 1e9,
}
FRENCH_SCALES = {"billion": 1e12, "billions": 1e12, "trillion": 1e18}

# Time units, in days, so that "two years" meets "24 months".
TIME_UNITS = {
    "year": ("year", 365.25),
    "years": ("year", 365.25),
    "yr": ("year", 365.25),
    "an": ("year", 365.25),
    "ans": ("year", 365.25),
    "annee": ("year", 365.25),
    "annees": ("year", 365.25),
    "month": ("month", 30.4375),
    "months": ("month", 30.4375),
    "mois": ("month", 30.4375),
    "week": ("week", 7.0),
    "weeks": ("week", 7.0),
    "semaine": ("week", 7.0),
    "semaines": ("week", 7.0),
    "day": ("day", 1.0),
    "days": ("day", 1.0),
    "jour": ("day", 1.0),
    "jours": ("day", 1.0),
    "journee": ("day", 1.0),
    "journees": ("day", 1.0),
    "hour": ("hour", 1 / 24),
    "hours": ("hour", 1 / 24),
    "heure": ("hour", 1 / 24),
    "heures": ("hour", 1 / 24),
    "minute": ("minute", 1 / 1440),
    "minutes": ("minute", 1 / 1440),
    "second": ("second", 1 / 86400),
    "seconds": ("second", 1 / 86400),
    "seconde": ("second", 1 / 86400),
    "secondes": ("second", 1 / 86400),
    "sec": ("second", 1 / 86400),
    "secs": ("second", 1 / 86400),
    "decade": ("decade", 3652.5),
    "decades": ("decade", 3652.5),
    "decennie": ("decade", 3652.5),
    "decennies": ("decade", 3652.5),
    "century": ("century", 36525.0),
    "centuries": ("century", 36525.0),
    "siecle": ("century", 36525.0),
    "siecles": ("century", 36525.0),
}
# Units of measure: what a number counts, whatever the language or spelling ("680 km" / "680-kilometre").
UNITS = {
    w: unit
    for unit, words in {
        "km": ["km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "kilometre", "kilometres"],
        "m": ["m", "metre", "metres", "meter", "meters", "mètre", "mètres"],  # "95 m"; "95m" is a scale
        "cm": ["cm", "centimetre", "centimetres", "centimeter", "centimeters", "centimètre", "centimètres"],
        "kt": ["kt", "kiloton", "kilotons", "kilotonne", "kilotonnes"],
        "km2": ["km2", "km²", "square-kilometre"],
        "t": ["tonne", "tonnes", "ton", "tons"],
        "kg": ["kg", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes"],
        "mm": ["mm", "millimetre", "millimetres", "millimeter", "millimeters"],
        "mi": ["mile", "miles"],
        "ft": ["ft", "foot", "feet", "pied", "pieds"],
        "in": ["inch", "inches", "pouce", "pouces"],
        "ha": ["ha", "hectare", "hectares"],
        "acre": ["acre", "acres"],
        "g": ["gram", "grams", "gramme", "grammes"],
        "mg": ["mg", "milligram", "milligrams", "milligramme", "milligrammes"],
        "lb": ["lb", "lbs"],  # not "pound": that is money
        "l": ["litre", "litres", "liter", "liters"],
        "hl": ["hl", "hectolitre", "hectolitres", "hectoliter", "hectoliters"],
        "m3": ["m3", "m³"],
        "kW": ["kw", "kilowatt", "kilowatts"],
        "MW": ["mw", "megawatt", "megawatts"],
        "GW": ["gw", "gigawatt", "gigawatts"],
        "kWh": ["kwh"],
        "MWh": ["mwh"],
        "GWh": ["gwh"],
        "TWh": ["twh"],
        "bbl": ["barrel", "barrels", "baril", "barils"],
        "bp": ["bp", "bps", "pb"],  # basis points; "basis points", "points de base": BASIS_POINTS
    }.items()
    for w in words
}
# Units of one dimension compared in one base unit: "6,3 tonnes" is 6,300 kg, "2,8 km" 2,800 m, "3 200 ha" 32 km²
# (the written precision goes over: "6,3 tonnes" is 6,250 to 6,350 kg)
IN_BASE = {
    "t": ("kg", 1000.0), "kt": ("kg", 1e6), "g": ("kg", 1e-3), "mg": ("kg", 1e-6), "lb": ("kg", 0.45359237),
    "km": ("m", 1000.0), "cm": ("m", 0.01), "mm": ("m", 0.001), "mi": ("m", 1609.344), "ft": ("m", 0.3048),
    "in": ("m", 0.0254),
    "km2": ("ha", 100.0), "acre": ("ha", 0.40468564224), "sqmi": ("ha", 258.9988110336),
    "hl": ("l", 100.0), "m3": ("l", 1000.0),
    "kW": ("MW", 1e-3), "GW": ("MW", 1e3), "kWh": ("MWh", 1e-3), "GWh": ("MWh", 1e3), "TWh": ("MWh", 1e6),
    "mph": ("km/h", 1.609344), "kn": ("km/h", 1.852), "nmi": ("m", 1852.0),
}
# Units whose zero is not the base's: "104 °F" is 40 °C ((value + offset) * factor)
AFFINE = {"°F": ("°C", -32.0, 5 / 9)}
# Units written in several tokens: "140 km/h" is a speed, not a distance; "9 °C" a temperature, not 9 and a "C"
COMPOUND_UNITS = {
    ("km", "/", "h"): "km/h", ("km", "h"): "km/h", ("mph",): "mph",
    ("°", "c"): "°C", ("ºc",): "°C", ("°c",): "°C", ("degres", "celsius"): "°C", ("degrees", "celsius"): "°C",
    ("°", "f"): "°F", ("°f",): "°F", ("degrees", "fahrenheit"): "°F",
    ("knots",): "kn", ("knot",): "kn", ("noeuds",): "kn", ("kn",): "kn",
    ("nautical", "miles"): "nmi", ("nautical", "mile"): "nmi", ("milles", "nautiques"): "nmi",
    ("mille", "nautique"): "nmi", ("milles", "marins"): "nmi",
    ("square", "miles"): "sqmi", ("square", "mile"): "sqmi", ("sq", "mi"): "sqmi",
    ("square", "kilometres"): "km2", ("square", "kilometers"): "km2", ("sq", "km"): "km2",
    ("kilometres", "carres"): "km2", ("km", "carres"): "km2",
    ("m3", "/", "s"): "m³/s", ("m3", "par", "seconde"): "m³/s", ("cubic", "metres", "per", "second"): "m³/s",
    ("cubic", "metres"): "m3", ("cubic", "meters"): "m3", ("metres", "cubes"): "m3",
}
PERCENT_WORDS = (("%",), ("percent",), ("per", "cent"), ("pour", "cent"), ("pourcent",), ("pc",))
BASIS_POINTS = (("basis", "points"), ("basis", "point"), ("points", "de", "base"), ("point", "de", "base"))
# A fraction of a percentage point, written out: "a quarter-point cut", "un quart de point" (25 basis points)
POINT_FRACTIONS = {("quarter-point",): 25.0, ("quarter", "point"): 25.0, ("quart", "de", "point"): 25.0,
                   ("half-point",): 50.0, ("half", "point"): 50.0, ("demi-point",): 50.0, ("demi", "point"): 50.0}

CURRENCY_WORDS = {
    "dollar": "dollar",
    "dollars": "dollar",
    "euro": "euro",
    "euros": "euro",
    "pound": "pound",
    "pounds": "pound",
    "livre": "pound",
    "livres": "pound",
    "sterling": "pound",
    "yen": "yen",
    "yuan": "yuan",
    "yuans": "yuan",
    "renminbi": "yuan",
    "rouble": "rouble",
    "roubles": "rouble",
    "ruble": "rouble",
    "rubles": "rouble",
    "won": "won",
    "wons": "won",
    "franc": "franc",
    "francs": "franc",
    "rupee": "rupee",
    "rupees": "rupee",
    "roupie": "rupee",
    "roupies": "rupee",
}
CURRENCY_SYMBOLS = {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₽": "rouble", "₩": "won", "₹": "rupee"}
CURRENCY_CODES = {
    "USD": ("dollar", "US"),
    "SGD": ("dollar", "SG"),
    "EUR": ("euro", None),
    "GBP": ("pound", "GB"),
    "JPY": ("yen", "JP"),
    "CNY": ("yuan", "CN"),
    "RUB": ("rouble", "RU"),
    "KRW": ("won", "KR"),
    "KPW": ("won", "KP"),
    "CAD": ("dollar", "CA"),
    "AUD": ("dollar", "AU"),
    "HKD": ("dollar", "HK"),
    "CHF": ("franc", "CH"),
    "INR": ("rupee", "IN"),
}
# Letters written before a dollar sign: S$, US$, HK$ ...
DOLLAR_PREFIXES = {
    "S": "SG",
    "US": "US",
    "HK": "HK",
    "C": "CA",
    "CA": "CA",
    "A": "AU",
    "AU": "AU",
    "NZ": "NZ",
    "NT": "TW",
}

IDENTIFIER_KEYWORDS = {
    "resolution": "resolution",
    "resolutions": "resolution",
    "res": "resolution",
    "regulation": "regulation",
    "reg": "regulation",
    "reglement": "regulation",
    "unscr": "resolution",
    "article": "article",
    "art": "article",
    "no": "number",
    "n°": "number",
    "nº": "number",
    "number": "number",
    "numero": "number",
    "num": "number",
    "flight": "flight",
    "vol": "flight",
    "decree": "decree",
    "decret": "decree",
    "directive": "directive",
    "amendment": "amendment",
    "amendement": "amendment",
}

ORDINALS_EN = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
ORDINALS_FR = [
    "premier",
    "deuxieme",
    "troisieme",
    "quatrieme",
    "cinquieme",
    "sixieme",
    "septieme",
    "huitieme",
    "neuvieme",
    "dixieme",
    "onzieme",
    "douzieme",
    "treizieme",
    "quatorzieme",
    "quinzieme",
    "seizieme",
    "dix-septieme",
    "dix-huitieme",
    "dix-neuvieme",
    "vingtieme",
]
ORDINAL_WORDS = {w: n for words in (ORDINALS_EN, ORDINALS_FR) for n, w in enumerate(words, 1)}
ORDINAL_WORDS.update({"premiere": 1, "1er": 1, "seconde": 2, "second": 2})
ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th|e|er|re|ere|eme|nd|nde|ieme)\Z")
ARTICLE_NUMBERS = frozenset({"un", "une", "one", "a", "an"})  # "un dialogue" is not a count
DEFINITE = frozenset({"the", "les", "ces", "these", "those", "their", "leurs", "nos", "our"})

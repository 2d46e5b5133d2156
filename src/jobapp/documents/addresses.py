"""The candidate's street address and postcode, in French, Belgian, Swiss, Canadian, UK and US formats.

What goes: the street part ("12 rue de la Paix", "Rue de la Loi 16 bte 3", "Bahnhofstrasse 10",
"1234, rue Notre-Dame Est, app. 5", "Flat 3, 27 Kingsley Road", "742 Evergreen Terrace, Apt 2",
"PO Box 123") and the postcode ("75002", "B-1000", "H2L 1K1", "LS6 2AB", "IL 62704" keeps "IL").
What stays: the city, region, province or state — where the candidate lives or worked matters for
matching, and a city alone identifies nobody. An employer's street address goes too (it is rare in
a CV and harmless to lose); the city of a past job stays.

Words that are also ordinary nouns ("place", "cours", "route", "Court", "Way") only make a street
when a capitalised name follows ("place Bellecour", "12 cours Lafayette", but not "40 cours de
yoga"); a four-digit postcode (Belgium, Switzerland) is only taken beside a street or a "B-"/"CH-"
prefix, since "2019 Paris" is a year.
"""

from __future__ import annotations

import re

from jobapp.documents.spans import Span, fold, job_words, spans_of

_UP = "A-ZÀ-ÖØ-Þ"
_NAME_WORD = (
    rf"(?:[{_UP}][\w'’.-]*|(?:de|du|des|la|le|les|l'|d'|of|the|aux?|sur|sous|en|lès|von|van|der|den)\b)"
)

# Street types that are never ordinary words before a name (French, Dutch, German, English).
_FR_SURE = (
    r"rue|avenue|av\.|ave\.?|bd\.?|boul\.?|boulevard|all[ée]e|impasse|quai|faubourg|fbg\.?|"
    r"lotissement|lieu-dit|rond-point|chauss[ée]e|dr[èe]ve|ruelle|venelle|sentier|mont[ée]e|"
    r"chemin|ch\.|rte\.?|imp\.|pl\.|esplanade|promenade|square|hameau|r[ée]sidence"
)
_FR_AMBIGUOUS = (
    r"place|cours|route|passage|voie|cit[ée]|villa|clos|rang|c[ôo]te|mail|parc|domaine|traverse|carrefour|"
    r"parvis|rampe|ligne|sq\.|via|viale|piazza|piazzale|corso|vicolo|largo|contrada|strada|rua|avenida|"
    r"calle|carrer|travessa|pra[çc]a|plaza|paseo"
)
_SUFFIX_STREET = (
    r"(?:stra(?:ss|ß)e|str\.|gasse|weg|platz|straat|laan|steenweg|plein|dreef|kaai|markt|gracht|singel|dijk)"
)
_EN_SURE = (
    r"Street|St|Road|Rd|Avenue|Ave|Av|Lane|Ln|Drive|Dr|Boulevard|Blvd|Terrace|Terr?|Crescent|Cres|"
    r"Parkway|Pkwy|Gardens|Gdns|Mews|Highway|Hwy|Close|Court|Ct|Grove|Embankment"
)
_EN_AMBIGUOUS = (
    r"Way|Place|Pl|Square|Sq|Row|Gr|Hill|Rise|Walk|Circle|Cir|Trail|Trl|Alley|Park|Green|View|Parade|"
    r"Wharf|Broadway|Hollow|Loop|Pike|Plaza|Point|Ridge|Run|Vale|Yard|Approach|Gate|Meadows?|Chase|"
    r"Heights|Quay"
)
_CARDINAL = (
    r"(?:Est|Ouest|Nord|Sud|East|West|North|South|[NSEOW]|NE|NW|SE|SW|N\.?E\.?|N\.?W\.?|S\.?E\.?|S\.?W\.?)"
)
_NUMBER = r"\d{1,5}(?:[ \t]?(?:bis|ter|quater|[A-Za-z])\b)?(?:[ \t]?[-–/][ \t]?\d{1,5}[A-Za-z]?)?"
_UNIT = (
    r"(?:(?:app(?:t|artement)?|apt|apartment|appartement|flat|suite|ste|unit|bureau|b[âa]t(?:iment)?|escalier|"
    r"esc|[ée]tage|porte|bo[îi]te|bte|bus|box|logement|room|floor)\b\.?|#)[ \t]*(?=[\w-]*\d|[A-Z]\b)[\w-]{1,6}"
)
_END = r"(?=\s*(?:$|[,;|•·\n(]|\s-\s|\s{2,}|\d{4,5}\b|[A-Z]\d[A-Z]\s?\d[A-Z]\d))"
_F = re.IGNORECASE | re.MULTILINE

_STREETS = [
    # number first, French type: "12 rue de la Paix", "1234, rue Notre-Dame Est", "3 bis bd Voltaire"
    re.compile(rf"(?<![\w,.])(?:{_NUMBER}),?[ \t]+(?:{_FR_SURE})[ \t]+[^\n,;|•·()]{{2,60}}?{_END}", _F),
    re.compile(
        rf"(?<![\w,.])(?:{_NUMBER}),?[ \t]+(?i:{_FR_AMBIGUOUS})[ \t]+(?:(?:de|du|des|la|le|les|l'|d')[ \t]*)*"
        rf"[{_UP}][^\n,;|•·()]{{1,60}}?{_END}",
        re.MULTILINE,
    ),
    # street first, number after (Belgium, Switzerland, Germany, Netherlands): "Rue de la Loi 16"
    re.compile(
        rf"(?<![\w])(?i:{_FR_SURE}|{_FR_AMBIGUOUS})[ \t]+(?:(?:de|du|des|la|le|les|l'|d')[ \t]*)*[{_UP}][\w'’.-]*"
        rf"(?:[ \t-]+{_NAME_WORD}){{0,5}}[ \t]+\d{{1,4}}[a-zA-Z]?(?:[ \t]*(?i:bte|bo[îi]te|bus|/)[ \t]*\d{{1,4}})?\b"
        r"(?![ \t]*(?:%|€|\$|ans|years|mois|h\b|km|m²|[-–][ \t]*\d))",
        re.MULTILINE,
    ),
    re.compile(
        rf"(?<![\w])[{_UP}][\w'’-]*{_SUFFIX_STREET}(?:[ \t]+\d{{1,4}}[a-zA-Z]?(?:[ \t]*(?:bus|/)[ \t]*\d{{1,4}})?)\b",
        re.MULTILINE,
    ),
    # number first, English type: "221B Baker Street", "742 Evergreen Terrace", "1600 Pennsylvania Ave NW"
    re.compile(
        rf"(?<![\w,.])\d{{1,5}}[A-Za-z]?,?[ \t]+(?:[{_UP}][\w'’.-]*[ \t]+){{1,4}}(?:{_EN_SURE})\.?"
        rf"(?:[ \t]+{_CARDINAL}\b\.?)?(?![\w])"
    ),
    re.compile(
        rf"(?<![\w,.])(?!(?:19|20)\d\d\b)\d{{1,5}}[A-Za-z]?,?[ \t]+(?:[{_UP}][\w'’.-]*[ \t]+){{1,4}}(?:{_EN_AMBIGUOUS})"
        rf"(?:[ \t]+{_CARDINAL}\b\.?)?(?![\w])"
    ),
    # number first, named street without a type, then a cardinal point (Montréal): "1234 Notre-Dame Est"
    re.compile(
        rf"(?<![\w,.])(?!(?:19|20)\d\d\b)\d{{1,5}},?[ \t]+(?:[{_UP}][\w'’.-]*[ \t-]+){{1,3}}(?:Est|Ouest|Nord|Sud|East|West)\b"
    ),
    # no number: a named lieu-dit, hamlet or residence ("Lieu-dit La Croix", "Résidence les Pins")
    re.compile(
        rf"(?<![\w])(?i:lieu-dit|hameau|r[ée]sidence|lotissement)[ \t]+(?:(?:les|le|la|des|du|de)[ \t]+)?[{_UP}][^\n,;|•·()]{{1,40}}?{_END}",
        re.MULTILINE,
    ),
    # post-office boxes
    re.compile(
        r"(?<![\w])(?:P\.?[ \t]?O\.?[ \t]?Box|Post[ \t]+Office[ \t]+Box|bo[îi]te[ \t]+postale|case[ \t]+postale|BP|CP|CS)[ \t]+\d{1,6}\b",
        re.IGNORECASE,
    ),
]
#: a street without a type word, then the postcode and city: "Meir 45, 2000 Antwerpen", "Grote Markt 7"
#: over "1000 Bruxelles" on the next line (Belgium, Switzerland, Netherlands)
_NAMED_STREET_THEN_POSTCODE = re.compile(
    rf"(?m)^[ \t]*(?P<street>[{_UP}][\w'’.-]*(?:[ \t]+[\w'’.-]+){{0,3}}[ \t]+\d{{1,4}}[a-zA-Z]?)"
    rf"(?:,[ \t]*|[ \t]*\n[ \t]*)(?P<pc>(?:[A-Z]{{1,2}}-)?[1-9]\d{{3,4}})[ \t]+[{_UP}][\w'’-]+"
    r"(?:[ \t]+[\w'’()-]+){0,2}[ \t]*(?:$|[,|•·])"
)
#: a unit or a building before or after a street ("Flat 3, ", "The Old Bakery, ", ", app. 5", " bte 3")
_BUILDING = (
    rf"(?:The[ \t]+)?(?:[{_UP}][\w'’-]+[ \t]+){{0,3}}(?:Cottage|House|Hall|Farm|Lodge|Barn|Bakery|Mill|Manor|"
    r"Court|Building|Chambers|Mansions|Tower|Halls|Rectory|Vicarage|Granary|Stables|Studios?|Apartments|"
    r"Residence|Villa)|(?i:r[ée]sidence|immeuble|b[âa]timent|block)[ \t]+[\w'’ -]{1,30}?"
)
_UNIT_BEFORE = re.compile(rf"(?<![\w])(?:(?i:{_UNIT})|{_BUILDING})[ \t]*[,-]?[ \t]*$")
_UNIT_AFTER = re.compile(rf"(?i)^[ \t]*[,-]?[ \t]*(?:{_UNIT})\b")
_UNIT_LABEL_BEFORE = re.compile(
    r"(?i)(?<![\w])(?:flat|apt\.?|apartment|unit|suite|app\.?|appartement|room)[ \t]*$"
)
#: ", Harrow Road" after "Flat 5B, Marlborough Court": a second street of the same address
_STREET_AFTER = re.compile(rf"^,[ \t]*(?:[{_UP}][\w'’.-]*[ \t]+){{1,3}}(?:{_EN_SURE}|{_EN_AMBIGUOUS})\b\.?")

_LABELLED = re.compile(
    r"(?im)^(?:[ \t]*[•·*-]?[ \t]*)(?:adresse(?:[ \t]+postale)?|address|home[ \t]+address|domicile|"
    r"lieu[ \t]+de[ \t]+r[ée]sidence|residence)[ \t]*[:：][ \t]*(?P<value>(?!\[)[^\n|]*?)"
    r"(?=[ \t]*(?:(?:[A-Z]{1,2}-)?\d{4,5}\b|[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|\||$))"
)

_US_STATES = (
    r"AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|"
    r"NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
_NOT_CITY = r"(?:Euros?|EUR|USD|Dollars?|Brut|Net|Habitants|Utilisateurs|Users|Clients|Employ\w*|Salari\w*|Personnes|Heures|Hours|Jours|Days)\b"
_POSTCODES = [
    # France: 5 digits then a city (a capitalised word), optional "F-" and CEDEX
    re.compile(
        rf"(?<![\w.,-])(?:F-?[ \t]?)?(?:0[1-9]|[1-8]\d|9[0-8])\d{{3}}(?=[ \t]+(?:CEDEX\b|[{_UP}][\w'’-]+))(?![ \t]+{_NOT_CITY})"
    ),
    # France, city first: "Paris 75011", "Lyon (69003)"
    re.compile(
        rf"(?<![\w-])[{_UP}][a-zà-ÿ'’]+(?:[ \t-][{_UP}]?[a-zà-ÿ'’]+)*[ \t]*\(?[ \t]*"
        r"(?P<pc>(?:0[1-9]|[1-8]\d|9[0-8])\d{3})(?=[ \t]*\)|[ \t]*$|[ \t]*[,|])",
        re.MULTILINE,
    ),
    # Belgium, Switzerland, Luxembourg with their prefix: "B-1000", "CH-1204", "L-1234"
    re.compile(rf"(?<![\w-])(?:B|CH|L|D|A)-[ \t]?\d{{4,5}}(?=[ \t]+[{_UP}])"),
    # Canada: "H2L 1K1"
    re.compile(r"(?<![\w-])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d(?![\w-])"),
    # UK: "NW1 6XE", "LS6 2AB", "EC1A 1BB"
    re.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[ABD-HJLNP-UW-Z]{2}(?![\w-])"),
]
#: US ZIP after a state code: "Austin, TX 78701" -> the ZIP
_US_ZIP = re.compile(
    rf"(?<![\w])(?:{_US_STATES}),?[ \t]+(?P<zip>\d{{5}}(?:-\d{{4}})?)(?![\w-])(?![ \t]*(?:€|k€|M€|EUR|euros?|\$|%|USD))"
)
#: four-digit postcodes (Belgium, Switzerland, also Denmark, Austria...): "1000 Bruxelles"
_FOUR_DIGIT = re.compile(rf"(?<![\w.,-])[1-9]\d{{3}}(?=[ \t]+[{_UP}][\w'’-]+)(?![ \t]+{_NOT_CITY})")


def _extend_units(text: str, span: Span) -> Span:
    """Grow a street span over an adjoining flat/suite/box number."""
    start, end = span.start, span.end
    line_start = text.rfind("\n", 0, start) + 1
    while (before := _UNIT_BEFORE.search(text[line_start:start])) or (
        text[start : start + 1].isdigit() and (before := _UNIT_LABEL_BEFORE.search(text[line_start:start]))
    ):
        start = line_start + before.start()
    while after := _UNIT_AFTER.match(text[end : end + 30]) or _STREET_AFTER.match(text[end : end + 60]):
        end += after.end()
    return Span(start, end, span.kind)


def _labelled(text: str) -> list[Span]:
    """The value of an "Adresse :" label up to the postcode — unless it is only a city."""
    spans = []
    for match in _LABELLED.finditer(text):
        value = match.group("value").rstrip(" ,;-")
        if not value or (not re.search(r"\d", value) and len(value.split()) <= 2 and "," not in value):
            continue  # "Adresse : Lyon" says where, not who
        spans.append(Span(match.start("value"), match.start("value") + len(value), "address"))
    return spans


def find_addresses(text: str) -> list[Span]:
    """Street addresses (with their units) and postcodes."""
    streets = [_extend_units(text, s) for p in _STREETS for s in spans_of(p, text, "address")]
    streets += _labelled(text)
    for match in _NAMED_STREET_THEN_POSTCODE.finditer(text):
        words = re.findall(r"[^\W\d_]+", fold(match.group("street")).lower())
        if not any(w in job_words() for w in words):  # "Python 3" over "2019 Paris" is no street
            streets.append(Span(*match.span("street"), "address"))
    postcodes = [
        s for p in _POSTCODES for s in spans_of(p, text, "postcode", "pc" if "?P<pc>" in p.pattern else 0)
    ]
    postcodes += spans_of(_US_ZIP, text, "postcode", "zip")
    for match in _FOUR_DIGIT.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        prev_line_start = text.rfind("\n", 0, max(line_start - 1, 0)) + 1
        near = any(prev_line_start <= s.start and s.end <= match.start() for s in streets)
        if near:  # "Rue de la Loi 16, 1000 Bruxelles" or the street on the line above
            postcodes.append(Span(match.start(), match.end(), "postcode"))
    return streets + postcodes

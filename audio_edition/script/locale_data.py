"""Tables for reading numbers, dates, money and short forms in languages other than
English: what num2words and Babel's CLDR data do not say. The rules that read them
are in localised.py. Keys are ISO 639-1 codes; a language without an entry in a
table is read with num2words and CLDR alone.

Sources, in our own words: German endings follow Duden's rules for ordinal numbers
(an ordinal is an adjective: "am 8. Januar" is dative, "der 3. Oktober" nominative);
the Spanish readings follow the Real Academia's Diccionario panhispánico de dudas
(cardinals for days of the month, ordinals up to ten after a king's name); the plural
forms of Polish nouns follow CLDR's plural categories (one, few, many, other).
"""
from __future__ import annotations

from typing import NamedTuple

#: a noun's forms: one word for every count, (singular, plural), or one word for each
#: CLDR plural category ("one", "few", "many", "other")
Forms = str | tuple[str, str] | dict[str, str]


class Money(NamedTuple):
    """A currency as a language names it when reading an amount."""
    name: Forms
    gender: str            #: "m", "f" or "n": "ein Euro", "une livre", "dwie złote"
    cents: Forms           #: the minor unit, said when there is no major amount
    cents_gender: str = "m"


#: the region whose numbers a language without one is read with, as CLDR formats it
#: (Portuguese without a region is Brazil's: "dezenove")
DEFAULT_TERRITORIES = {"pt": "BR"}

# --- web addresses -------------------------------------------------------------

#: how "." and "@" are said in a web or e-mail address ("spiegel Punkt de")
DOT_WORDS = {"de": "Punkt", "fr": "point", "es": "punto", "it": "punto", "nl": "punt",
             "pt": "ponto", "pl": "kropka"}
AT_WORDS = {"de": "ät", "fr": "arobase", "es": "arroba", "it": "chiocciola",
            "nl": "apenstaartje", "pt": "arroba", "pl": "małpa"}
#: endings that make a bare name with a dot a web address ("tennisnet.com")
DOMAIN_ENDINGS = ("com", "org", "net", "info", "eu", "de", "at", "ch", "fr", "be", "es",
                  "it", "nl", "pt", "pl", "br", "mx", "ar", "co.uk", "io")

# --- numbers ------------------------------------------------------------------

#: the word before a negative number; num2words has none for some languages
MINUS = {"de": "minus", "fr": "moins", "es": "menos", "it": "meno", "nl": "min",
         "pt": "menos", "pl": "minus"}
#: the decimal sign as said; digits after it are read one by one ("drei Komma eins null")
#: (the word for the point where a locale writes one: Mexican "tres punto cinco")
DECIMAL_WORDS = {"de": "Komma", "fr": "virgule", "es": "coma", "it": "virgola", "nl": "komma",
                 "pt": "vírgula", "pl": "przecinek"}
DECIMAL_POINT_WORDS = {"es": "punto", "pt": "ponto"}
#: languages that read the digits after the decimal sign as one number ("dwa przecinek
#: dwadzieścia pięć"), as their schools teach
DECIMALS_AS_NUMBER = {"pl"}
#: languages that read a telephone number in pairs ("zéro un, vingt-trois, ...")
PHONE_IN_PAIRS = {"fr"}
#: languages that read a year from 1100 to 1999 in pairs ("neunzehnhundertneunzig")
YEARS_IN_PAIRS = {"de", "nl"}

#: how a cardinal agrees with the noun after it: gender -> (pattern, replacement) on its
#: words. "1 Euro" is "ein Euro", "21 heures" "vingt et une heures", "2 horas" "duas horas".
AGREEMENT = {
    "de": {"m": ((r"eins\b", "ein"),), "n": ((r"eins\b", "ein"),),
           "f": ((r"eins\b", "eine"),)},
    "fr": {"f": ((r"\bun\b", "une"),)},
    "es": {"m": ((r"\bveintiuno\b", "veintiún"), (r"\buno\b", "un")),
           "f": ((r"uno\b", "una"), (r"ientos\b", "ientas"))},
    "it": {"m": ((r"^uno$", "un"),), "f": ((r"^uno$", "una"),)},
    "pt": {"f": ((r"\bum\b", "uma"), (r"\bdois\b", "duas"), (r"entos\b", "entas"))},
    "pl": {"f": ((r"\bjeden\b", "jedna"), (r"\bdwa\b", "dwie")),
           "n": ((r"\bjeden\b", "jedno"),)},
}
#: the gender of nouns that follow numbers (units, money, time, people, scale words);
#: the key is the noun as written after the number, in any of its forms
NOUN_GENDERS = {
    "de": {"f": {"Million", "Milliarde", "Billion", "Stunde", "Minute", "Sekunde", "Woche",
                 "Person", "Tonne", "Kilowattstunde", "Meile", "Krone", "Lira"},
           "m": {"Euro", "Dollar", "Franken", "Cent", "Kilometer", "Meter", "Zentimeter",
                 "Millimeter", "Liter", "Milliliter", "Grad", "Monat", "Tag", "Złoty", "Yen"},
           "n": {"Jahr", "Kilogramm", "Gramm", "Milligramm", "Prozent", "Pfund", "Mal",
                 "Kilowatt", "Hektar", "Uhr"}},  # "ein Uhr": the hour, not the clock
    "fr": {"f": {"heure", "heures", "minute", "minutes", "seconde", "secondes", "tonne",
                 "tonnes", "livre", "livres", "personne", "personnes", "semaine", "semaines",
                 "fois", "année", "années"}},
    "es": {"f": {"hora", "horas", "persona", "personas", "semana", "semanas", "tonelada",
                 "toneladas", "libra", "libras", "vez", "veces", "hectárea", "hectáreas"},
           "m": {"euro", "euros", "dólar", "dólares", "peso", "pesos", "año", "años", "día",
                 "días", "mes", "meses", "minuto", "minutos", "segundo", "segundos",
                 "kilómetro", "kilómetros", "metro", "metros", "kilogramo", "kilogramos",
                 "gramo", "gramos", "litro", "litros", "grado", "grados", "millón",
                 "céntimo", "céntimos", "centavo", "centavos"}},
    "it": {"f": {"ora", "persona", "settimana", "tonnellata", "sterlina", "volta"},
           "m": {"euro", "dollaro", "anno", "giorno", "mese", "minuto", "secondo",
                 "chilometro", "metro", "chilogrammo", "grammo", "litro", "grado",
                 "centesimo", "milione", "miliardo"}},
    "pt": {"f": {"hora", "horas", "pessoa", "pessoas", "semana", "semanas", "tonelada",
                 "toneladas", "libra", "libras", "vez", "vezes"}},
    "pl": {"f": {"godzina", "godziny", "godzin", "minuta", "minuty", "minut", "sekunda",
                 "sekundy", "sekund", "osoba", "osoby", "tona", "tony", "ton", "mila", "mile"},
           "n": {"euro"}},
}

# --- dates and times ----------------------------------------------------------

#: how a date is written with its month's name, for numeric dates ("8.1.2024")
DATE_PATTERNS = {"de": "{day}. {month} {year}", "fr": "{day} {month} {year}",
                 "es": "{day} de {month} de {year}", "it": "{day} {month} {year}",
                 "nl": "{day} {month} {year}", "pt": "{day} de {month} de {year}",
                 "pl": "{day} {month} {year}"}
#: the word for the first day of a month where it is an ordinal ("1 maggio": "primo")
FIRST_DAY = {"fr": "premier", "it": "primo", "pt": "primeiro"}
#: short month names as newspapers write them after a day, to the full name
MONTH_ABBREVIATIONS = {
    "de": {"Jan.": "Januar", "Feb.": "Februar", "Febr.": "Februar", "Apr.": "April",
           "Jun.": "Juni", "Jul.": "Juli", "Aug.": "August", "Sep.": "September",
           "Sept.": "September", "Okt.": "Oktober", "Nov.": "November", "Dez.": "Dezember"},
    "fr": {"janv.": "janvier", "févr.": "février", "avr.": "avril", "juil.": "juillet",
           "sept.": "septembre", "oct.": "octobre", "nov.": "novembre", "déc.": "décembre"},
}
#: how a clock time is said: (hours and minutes, full hour); {hours} is the word for
#: hours in the count's plural form (HOUR_NOUNS)
TIMES = {
    "de": ("{hour} Uhr {minute}", "{hour} Uhr"),
    "fr": ("{hour} {hours} {minute}", "{hour} {hours}"),
    "es": ("{hour} {minute}", "{hour} {hours}"),
    "it": ("{hour} e {minute}", "{hour}"),
    "nl": ("{hour} uur {minute}", "{hour} uur"),
    "pt": ("{hour} {hours} e {minute}", "{hour} {hours}"),
    "pl": ("{hour} {minute}", "{hour}"),
}
HOUR_NOUNS = {"fr": ("heure", "heures"), "es": ("hora", "horas"), "pt": ("hora", "horas")}
#: the gender hours agree with ("une heure", "duas horas", "ein Uhr")
TIME_GENDERS = {"de": "n", "fr": "f", "es": "f", "it": "f", "pt": "f"}
#: minutes under ten read with a zero first, as the 24-hour clock is said
#: ("dieciocho cero cinco"); elsewhere "achtzehn Uhr fünf"
MINUTE_ZERO = {"es": "cero", "pl": "zero"}
#: the written marks of a clock time after the hour: "18 Uhr", "18h30", "18.30 uur"
HOUR_MARKS = {"de": "Uhr", "fr": "h", "nl": "uur", "pt": "h", "es": "h"}
#: Polish hours are feminine ordinals: "osiemnasta", and "o osiemnastej" after a
#: preposition; "godz." before them is "godzina", or "godzinie" after "o"
POLISH_HOUR_WORDS = {"nom f": "godzina", "loc f": "godzinie"}
#: words before a colon between numbers that make it a score, not a time
SCORE_CONTEXT = {
    "de": {"Endstand", "Halbzeit", "Halbzeitstand", "Zwischenstand", "Spielstand", "Stand",
           "Sieg", "siegte", "gewann", "gewinnt", "verlor", "verliert", "unterlag", "endete",
           "Niederlage", "Tore", "Satz", "Sätze", "Ergebnis", "Heimsieg", "Auswärtssieg"},
    "fr": {"score", "victoire", "défaite", "battu", "gagné", "perdu", "mi-temps"},
    "es": {"victoria", "derrota", "ganó", "perdió", "marcador", "resultado", "empate"},
    "it": {"vittoria", "sconfitta", "vinto", "perso", "risultato", "punteggio"},
    "pt": {"vitória", "derrota", "venceu", "perdeu", "placar", "resultado"},
}
#: words before a time written with a leading zero ("um 08:30") that make it a time of
#: day; without one, "02:46" is a place in a video
CLOCK_WORDS = {
    "de": {"um", "ab", "bis", "gegen", "von", "seit", "zwischen", "Uhrzeit"},
    "fr": {"à", "vers", "de", "dès", "jusqu'à", "entre"},
    "es": {"las", "la", "a", "desde", "hasta", "entre"},
    "it": {"alle", "dalle", "dalla", "entro", "verso", "ore", "tra", "fra"},
    "nl": {"om", "vanaf", "tot", "van", "tussen"},
    "pt": {"às", "a", "das", "da", "até", "desde", "entre"},
}
#: words around a colon between numbers that make it a time taken ("1:50 Minuten",
#: "bei Minute 0:28"), left as written
DURATION_WORDS = {
    "de": {"Minute", "Minuten", "min", "Min.", "Sekunden", "Sek.", "sec", "Bestzeit", "Zeit",
           "Laufzeit", "Dauer", "Spielzeit", "Länge"},
    "fr": {"minute", "minutes", "min", "secondes", "temps", "chrono", "durée"},
    "es": {"minuto", "minutos", "min", "segundos", "tiempo", "duración"},
    "it": {"minuto", "minuti", "min", "secondi", "tempo", "durata"},
    "pt": {"minuto", "minutos", "min", "segundos", "tempo", "duração"},
    "nl": {"minuut", "minuten", "min", "seconden", "tijd", "duur"},
    "pl": {"minuta", "minuty", "minut", "min", "sekund", "czas"},
}
#: the word between the two sides of a score or ratio ("3:2": "drei zu zwei")
SCORE_WORDS = {"de": "zu", "fr": "à", "es": "a", "it": "a", "pt": "a"}

# --- ranges -------------------------------------------------------------------

#: how "2020–2022" or "10-20" is said; Italian says "dal ... al ..." with an article
#: that follows the number's sound, so its ends are only joined ("tre-quattro")
RANGES = {"de": "{0} bis {1}", "fr": "{0} à {1}", "es": "{0} a {1}", "it": "{0}-{1}",
          "nl": "{0} tot {1}", "pt": "{0} a {1}", "pl": "od {0} do {1}"}

# --- money ----------------------------------------------------------------------

#: how an amount with cents is said: "drei Euro fünfzig", "tres euros con cincuenta"
AMOUNTS = {"de": "{major} {minor}", "fr": "{major} {minor}", "es": "{major} con {minor}",
           "it": "{major} e {minor}", "nl": "{major} {minor}", "pt": "{major} e {minor}",
           "pl": "{major} {minor}"}
#: what joins a million to the currency, and the words it follows: "millions d'euros",
#: "millones de euros" (but "mille euros", "mil pesos")
SCALE_LINKS = {
    "fr": ("de", {"million", "millions", "milliard", "milliards"}),
    "es": ("de", {"millón", "millones"}),
    "it": ("di", {"milione", "milioni", "miliardo", "miliardi"}),
    "pt": ("de", {"milhão", "milhões", "bilhão", "bilhões"}),
}
#: the currencies a page names, as said; a currency missing here is named by CLDR
CURRENCIES = {
    "de": {"EUR": Money("Euro", "m", "Cent"), "USD": Money("Dollar", "m", "Cent"),
           "GBP": Money("Pfund", "n", "Pence"), "CHF": Money("Franken", "m", "Rappen"),
           "PLN": Money("Złoty", "m", "Groszy"), "JPY": Money("Yen", "m", "Sen")},
    "fr": {"EUR": Money(("euro", "euros"), "m", ("centime", "centimes")),
           "USD": Money(("dollar", "dollars"), "m", ("cent", "cents")),
           "GBP": Money(("livre", "livres"), "f", ("penny", "pence")),
           "CHF": Money(("franc", "francs"), "m", ("centime", "centimes"))},
    "es": {"EUR": Money(("euro", "euros"), "m", ("céntimo", "céntimos")),
           "USD": Money(("dólar", "dólares"), "m", ("centavo", "centavos")),
           "GBP": Money(("libra", "libras"), "f", ("penique", "peniques")),
           "MXN": Money(("peso", "pesos"), "m", ("centavo", "centavos")),
           "ARS": Money(("peso", "pesos"), "m", ("centavo", "centavos")),
           "COP": Money(("peso", "pesos"), "m", ("centavo", "centavos")),
           "CLP": Money(("peso", "pesos"), "m", ("centavo", "centavos"))},
    "it": {"EUR": Money("euro", "m", ("centesimo", "centesimi")),
           "USD": Money(("dollaro", "dollari"), "m", ("centesimo", "centesimi")),
           "GBP": Money(("sterlina", "sterline"), "f", ("penny", "pence")),
           "CHF": Money(("franco", "franchi"), "m", ("centesimo", "centesimi"))},
    "nl": {"EUR": Money("euro", "m", "cent"), "USD": Money("dollar", "m", "cent"),
           "GBP": Money("pond", "n", "pence")},
    "pt": {"EUR": Money(("euro", "euros"), "m", ("cêntimo", "cêntimos")),
           "USD": Money(("dólar", "dólares"), "m", ("centavo", "centavos")),
           "BRL": Money(("real", "reais"), "m", ("centavo", "centavos")),
           "GBP": Money(("libra", "libras"), "f", ("péni", "pence"))},
    "pl": {"PLN": Money({"one": "złoty", "few": "złote", "many": "złotych", "other": "złotego"},
                        "m", {"one": "grosz", "few": "grosze", "many": "groszy",
                              "other": "grosza"}),
           "EUR": Money("euro", "n", {"one": "cent", "few": "centy", "many": "centów",
                                       "other": "centa"}),
           "USD": Money({"one": "dolar", "few": "dolary", "many": "dolarów", "other": "dolara"},
                        "m", {"one": "cent", "few": "centy", "many": "centów",
                              "other": "centa"}),
           "GBP": Money({"one": "funt", "few": "funty", "many": "funtów", "other": "funta"},
                        "m", {"one": "pens", "few": "pensy", "many": "pensów",
                              "other": "pensa"})},
}
#: currency signs and codes as written; "$" is the local peso where CLDR says so
CURRENCY_SIGNS = {"€": "EUR", "US$": "USD", "R$": "BRL", "£": "GBP", "¥": "JPY", "zł": "PLN",
                  "EUR": "EUR", "USD": "USD", "GBP": "GBP", "CHF": "CHF", "PLN": "PLN",
                  "BRL": "BRL", "JPY": "JPY", "MXN": "MXN"}
#: a cents part written as a dash: "3,– €", "3,- Euro"
NO_CENTS = ("–", "-", "—")

#: short scale words after a number, with their gender; full words are matched too
SCALES = {
    "de": {"Tsd.": ("Tausend", "n"), "Mio.": (("Million", "Millionen"), "f"),
           "Mrd.": (("Milliarde", "Milliarden"), "f"), "Bio.": (("Billion", "Billionen"), "f")},
    "fr": {"k": (("mille", "mille"), "m"), "M": (("million", "millions"), "m"),
           "Md": (("milliard", "milliards"), "m"), "Mds": (("milliard", "milliards"), "m"),
           "Mrd": (("milliard", "milliards"), "m")},
    "es": {"M": (("millón", "millones"), "m"), "mill.": (("millón", "millones"), "m")},
    "it": {"mln": (("milione", "milioni"), "m"), "mln.": (("milione", "milioni"), "m"),
           "mld": (("miliardo", "miliardi"), "m"), "mld.": (("miliardo", "miliardi"), "m")},
    "nl": {"mln.": ("miljoen", "n"), "mln": ("miljoen", "n"), "mld.": ("miljard", "n"),
           "mrd.": ("miljard", "n"), "mld": ("miljard", "n")},
    "pt": {"mi": (("milhão", "milhões"), "m"), "bi": (("bilhão", "bilhões"), "m"),
           "M": (("milhão", "milhões"), "m")},
    "pl": {"tys.": ({"one": "tysiąc", "few": "tysiące", "many": "tysięcy",
                     "other": "tysiąca"}, "m"),
           "mln": ({"one": "milion", "few": "miliony", "many": "milionów",
                    "other": "miliona"}, "m"),
           "mld": ({"one": "miliard", "few": "miliardy", "many": "miliardów",
                    "other": "miliarda"}, "m")},
}
#: scale words spelled out, so that "3,5 Millionen Euro" is read as one amount
SCALE_WORDS = {
    "de": ("Tausend", "Million", "Millionen", "Milliarde", "Milliarden"),
    "fr": ("mille", "million", "millions", "milliard", "milliards"),
    "es": ("mil", "millón", "millones", "mil millones"),
    "it": ("mila", "milione", "milioni", "miliardo", "miliardi"),
    "nl": ("duizend", "miljoen", "miljard"),
    "pt": ("mil", "milhão", "milhões", "bilhão", "bilhões", "mil milhões"),
    "pl": ("tysiąc", "tysiące", "tysięcy", "milion", "miliony", "milionów", "miliona",
           "miliard", "miliardy", "miliardów", "miliarda"),
}

# --- units ----------------------------------------------------------------------

#: written unit -> CLDR unit id; CLDR gives its name in every language
UNIT_IDS = {
    "km/h": "speed-kilometer-per-hour", "m/s": "speed-meter-per-second",
    "km²": "area-square-kilometer", "m²": "area-square-meter", "qm": "area-square-meter",
    "ha": "area-hectare", "km": "length-kilometer", "cm": "length-centimeter",
    "mm": "length-millimeter", "m": "length-meter", "kg": "mass-kilogram",
    "mg": "mass-milligram", "g": "mass-gram", "t": "mass-tonne", "ml": "volume-milliliter",
    "l": "volume-liter", "°C": "temperature-celsius", "%": "concentr-percent",
    "kWh": "energy-kilowatt-hour", "kW": "power-kilowatt", "MW": "power-megawatt",
    "GW": "power-gigawatt", "h": "duration-hour", "Std.": "duration-hour",
    "min": "duration-minute", "Min.": "duration-minute", "GB": "digital-gigabyte",
    "MB": "digital-megabyte",
}
#: units written as a word that is also a word of the language, read only in these
#: languages ("5 t" is tonnes; a French "18 h" is a time, read before units)
UNIT_LANGUAGES = {"qm": {"de"}, "Std.": {"de"}, "Min.": {"de"}}

# --- ordinals -------------------------------------------------------------------

#: German: the ending an ordinal takes after the word before it (Duden: an ordinal is an
#: adjective; after the definite article it declines weakly: "der dritte", "am dritten").
#: "ein"-words without an ending ("ein", "sein") take the noun's gender (GERMAN_STRONG).
GERMAN_ENDINGS = {
    "der": "e", "die": "e", "das": "e", "dem": "en", "den": "en", "des": "en",
    "am": "en", "im": "en", "vom": "en", "zum": "en", "zur": "en", "beim": "en",
    "ins": "e", "ans": "e", "aufs": "e", "fürs": "e", "übers": "e",
    "eine": "e", "einen": "en", "einem": "en", "einer": "en", "eines": "en",
    "jeder": "e", "jede": "e", "jedes": "e", "jedem": "en", "jeden": "en",
    "dieser": "e", "diese": "e", "dieses": "e", "diesem": "en", "diesen": "en",
    **{f"{stem}{end}": ending for stem in ("mein", "dein", "sein", "ihr", "unser", "euer", "kein")
       for end, ending in (("e", "e"), ("en", "en"), ("em", "en"), ("er", "en"), ("es", "en"))},
}
#: German prepositions before an ordinal without an article: they count only before a
#: noun the tables know ("ab 1. Mai", "seit 3. Oktober"; "seit 2019. Die" is no ordinal)
GERMAN_PREPOSITION_ENDINGS = {"ab": "en", "bis": "en", "für": "en", "gegen": "en",
                              "über": "en", "seit": "em", "von": "em"}
#: German words before an article that make it dative ("in der 3. Klasse": "dritten")
GERMAN_DATIVE_BEFORE_ARTICLE = {
    "in", "an", "auf", "aus", "bei", "mit", "nach", "von", "zu", "vor", "hinter", "neben",
    "unter", "zwischen", "seit", "während", "wegen", "trotz", "innerhalb", "außerhalb",
}
#: the strong ending of an ordinal with no article or after an "ein"-word without an
#: ending ("dritter Platz", "sein zweites Album"), by the noun's gender
GERMAN_STRONG = {"m": "er", "f": "e", "n": "es"}
#: German nouns that follow ordinals, by gender; a compound counts by its last part
#: ("Bundesliga" ends in "liga"). Months are masculine.
GERMAN_ORDINAL_NOUNS = {
    "m": ("platz", "rang", "geburtstag", "jahrestag", "spieltag", "tag", "advent",
          "weltkrieg", "stock", "anlauf", "versuch", "durchgang", "wahlgang", "lauf",
          "monat", "schritt", "abschnitt", "absatz", "punkt", "parteitag", "bezirk",
          "satz", "band", "teil", "akt", "sieg", "titel", "treffer", "kongress", "gipfel",
          "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
          "september", "oktober", "november", "dezember"),
    "f": ("liga", "klasse", "runde", "halbzeit", "etappe", "auflage", "staffel", "folge",
          "stufe", "woche", "stelle", "amtszeit", "ausgabe", "kammer", "reihe", "welle",
          "lesung", "instanz", "generation", "mannschaft", "division", "sitzung", "wahl",
          "spielzeit", "saison", "legislaturperiode", "symphonie", "sinfonie", "tagung"),
    "n": ("jahrhundert", "jahrtausend", "jahr", "mal", "quartal", "halbjahr", "semester",
          "kapitel", "spiel", "rennen", "album", "kind", "buch", "geschoss", "obergeschoss",
          "stockwerk", "gebot", "programm", "treffen", "viertel", "finale", "jubiläum",
          "gesetz", "festival", "konzert", "turnier", "schuljahr", "lebensjahr"),
}
#: written ordinal endings after digits, and the form they ask for: masculine "m",
#: feminine "f", or a form of its own ("1.er": "primer")
ORDINAL_MARKS = {
    "fr": {"er": "m", "re": "f", "ère": "f", "e": "m", "ème": "m", "eme": "m", "è": "m",
           "nd": "second", "nde": "seconde", "ER": "m"},
    "es": {".º": "m", "º": "m", ".ª": "f", "ª": "f", ".er": "short", "er": "short",
           ".os": "plural", ".as": "plural f", "ro": "m", "do": "m", "to": "m", "vo": "m",
           "mo": "m", "no": "m", "ra": "f", "da": "f", "ta": "f", "va": "f", "ma": "f",
           "na": "f"},
    "it": {"º": "m", "ª": "f"},
    "pt": {".º": "m", "º": "m", ".ª": "f", "ª": "f"},
    "nl": {"e": "m", "ste": "m", "de": "m"},
}
#: how an ordinal changes for the feminine, the short form and the plural
ORDINAL_FORMS = {
    "fr": {"f": ((r"premier$", "première"),)},
    "es": {"f": ((r"o\b", "a"),), "short": ((r"(prim|terc)ero$", r"\1er"),),
           "plural": ((r"o\b", "os"),), "plural f": ((r"o\b", "as"),)},
    "it": {"f": ((r"o\b", "a"),)},
    "pt": {"f": ((r"o\b", "a"),)},
}
#: how a Roman numeral after a name is read ("Louis XIV", "Felipe VI", "Pio XII"):
#: "cardinal" (French: "Louis quatorze"), "ordinal", or ordinals up to ten and
#: cardinals above (Spanish and Portuguese usage: "Felipe sexto", "Alfonso trece");
#: German and Dutch add the article ("Friedrich der Zweite", "Willem de Derde")
ROMAN_AFTER_NAMES = {"fr": "cardinal", "es": "ordinal to ten", "pt": "ordinal to ten",
                     "it": "ordinal", "de": "der", "nl": "de"}
#: century words and where the Roman numeral stands: before ("XIXe siècle" is read
#: through the ordinal mark) or after ("siglo XIX"); read as ROMAN_AFTER_NAMES says
CENTURIES = {"es": ("siglo", "siglos"), "pt": ("século", "séculos"), "it": ("secolo",)}
#: century words shortened before a Roman numeral ("s. XIX")
CENTURY_SHORT = {"es": {"s.": "siglo"}, "pt": {"séc.": "século"}, "it": {"sec.": "secolo"}}
#: nouns after which a Roman numeral is a number, not a king's ("Teil II": "Teil zwei")
ROMAN_CARDINAL_AFTER = {
    "de": {"Teil", "Band", "Kapitel", "Akt", "Staffel", "Folge", "Phase", "Stufe", "Klasse",
           "Liga", "Abschnitt", "Anhang", "Artikel", "Nummer", "Typ", "Gruppe"},
    "nl": {"Deel", "Hoofdstuk", "Fase", "Boek", "Klasse", "Groep", "Type"},
}
#: Polish centuries: "XIX wiek" (nominative), "XIX wieku", "XIX w." (genitive, or
#: locative after "w")
POLISH_CENTURY_WORDS = {"wiek": "nom", "wieku": "gen", "w.": "gen", "wieków": "gen"}

# --- Polish cases ---------------------------------------------------------------

#: Polish ordinal adjectives (masculine, and feminine for hours) in the cases dates,
#: years and hours take: "ósmego stycznia", "w dwa tysiące dwudziestym roku", "o ósmej"
POLISH_ORDINAL_CASES = {
    "nom": (),
    "gen": ((r"i$", "iego"), (r"y$", "ego")),
    "loc": ((r"i$", "im"), (r"y$", "ym")),
    "nom f": ((r"i$", "ia"), (r"y$", "a")),
    "loc f": ((r"i$", "iej"), (r"y$", "ej")),
}
#: Polish prepositions after which a count is in the genitive ("około pięciu osób")
POLISH_GENITIVE_AFTER = {"około", "od", "do", "z", "ze", "bez", "dla", "u", "wśród",
                         "spośród", "powyżej", "poniżej", "blisko", "niespełna"}
#: Polish prepositions that put a year or an hour in the locative ("w 2020 r.", "o 8:00")
POLISH_LOCATIVE_AFTER = {"w", "we", "o", "po", "przy"}
#: Polish cardinals in the genitive, word by word ("dwudziestu trzech")
POLISH_GENITIVE = {
    "zero": "zera", "jeden": "jednego", "dwa": "dwóch", "trzy": "trzech", "cztery": "czterech",
    "pięć": "pięciu", "sześć": "sześciu", "siedem": "siedmiu", "osiem": "ośmiu",
    "dziewięć": "dziewięciu", "dziesięć": "dziesięciu", "jedenaście": "jedenastu",
    "dwanaście": "dwunastu", "trzynaście": "trzynastu", "czternaście": "czternastu",
    "piętnaście": "piętnastu", "szesnaście": "szesnastu", "siedemnaście": "siedemnastu",
    "osiemnaście": "osiemnastu", "dziewiętnaście": "dziewiętnastu",
    "dwadzieścia": "dwudziestu", "trzydzieści": "trzydziestu", "czterdzieści": "czterdziestu",
    "pięćdziesiąt": "pięćdziesięciu", "sześćdziesiąt": "sześćdziesięciu",
    "siedemdziesiąt": "siedemdziesięciu", "osiemdziesiąt": "osiemdziesięciu",
    "dziewięćdziesiąt": "dziewięćdziesięciu", "sto": "stu", "dwieście": "dwustu",
    "trzysta": "trzystu", "czterysta": "czterystu", "pięćset": "pięciuset",
    "sześćset": "sześciuset", "siedemset": "siedmiuset", "osiemset": "ośmiuset",
    "dziewięćset": "dziewięciuset", "tysiąc": "tysiąca", "tysiące": "tysięcy",
    "milion": "miliona", "miliony": "milionów", "miliard": "miliarda", "miliardy": "miliardów",
}
#: Polish words before a date that make its day nominative ("Dziś jest 8 stycznia")
POLISH_NOMINATIVE_BEFORE = {"jest", "był", "to"}

# --- short forms ------------------------------------------------------------------

#: short forms always read in full; a space inside may be left out ("z.B.")
ABBREVIATIONS = {
    "de": {"z. B.": "zum Beispiel", "u. a.": "unter anderem", "d. h.": "das heißt",
           "bzw.": "beziehungsweise", "usw.": "und so weiter", "ca.": "circa",
           "etc.": "et cetera", "vgl.": "vergleiche", "ggf.": "gegebenenfalls",
           "inkl.": "inklusive", "zzgl.": "zuzüglich", "evtl.": "eventuell",
           "bspw.": "beispielsweise", "v. a.": "vor allem", "u. U.": "unter Umständen",
           "i. d. R.": "in der Regel", "z. T.": "zum Teil", "o. ä.": "oder ähnlich",
           "s. o.": "siehe oben", "s. u.": "siehe unten", "v. Chr.": "vor Christus",
           "n. Chr.": "nach Christus", "e. V.": "eingetragener Verein", "Jh.": "Jahrhundert",
           "Jhd.": "Jahrhundert", "Tel.": "Telefon", "u. v. m.": "und vieles mehr",
           "Urt.": "Urteil", "Beschl.": "Beschluss", "Az.": "Aktenzeichen"},
    "fr": {"etc.": "et cetera", "p. ex.": "par exemple", "c.-à-d.": "c'est-à-dire",
           "av. J.-C.": "avant Jésus-Christ", "apr. J.-C.": "après Jésus-Christ",
           "J.-C.": "Jésus-Christ", "env.": "environ"},
    "es": {"EE. UU.": "Estados Unidos", "etc.": "etcétera", "p. ej.": "por ejemplo",
           "a. C.": "antes de Cristo", "d. C.": "después de Cristo", "aprox.": "aproximadamente",
           "Uds.": "ustedes", "Ud.": "usted", "Avda.": "avenida"},
    "it": {"ecc.": "eccetera", "p. es.": "per esempio", "a.C.": "avanti Cristo",
           "d.C.": "dopo Cristo", "Sig.ra": "signora", "Dott.ssa": "dottoressa",
           "Prof.ssa": "professoressa"},
    "nl": {"bijv.": "bijvoorbeeld", "o.a.": "onder andere", "enz.": "enzovoort",
           "d.w.z.": "dat wil zeggen", "i.p.v.": "in plaats van", "m.b.t.": "met betrekking tot",
           "t/m": "tot en met", "v.Chr.": "voor Christus", "n.Chr.": "na Christus",
           "ca.": "circa", "jl.": "jongstleden", "vnl.": "voornamelijk"},
    "pt": {"etc.": "etcétera", "p. ex.": "por exemplo", "a.C.": "antes de Cristo",
           "d.C.": "depois de Cristo"},
    "pl": {"np.": "na przykład", "m.in.": "między innymi", "itd.": "i tak dalej",
           "itp.": "i tym podobne", "tzn.": "to znaczy", "proc.": "procent", "ok.": "około",
           "tj.": "to jest", "wg": "według"},
}
#: short forms that may end a sentence: their full stop is kept there
SENTENCE_ENDS = {"usw.", "etc.", "u. a.", "e. V.", "enz.", "ecc.", "itd.", "itp.", "u. v. m.",
                 "Jh.", "proc."}
#: short forms read in full only before a number ("Nr. 5", "S. 12")
BEFORE_NUMBERS = {
    "de": {"Nr.": "Nummer", "S.": "Seite", "v.": "vom", "Abs.": "Absatz", "Art.": "Artikel", "Bd.": "Band",
           "Kap.": "Kapitel", "Abb.": "Abbildung", "Ziff.": "Ziffer", "Tab.": "Tabelle"},
    "fr": {"n°": "numéro", "no": "numéro", "p.": "page", "art.": "article", "vol.": "volume"},
    "es": {"n.º": "número", "nº": "número", "núm.": "número", "pág.": "página",
           "págs.": "páginas", "art.": "artículo", "p.": "página"},
    "it": {"n.": "numero", "pag.": "pagina", "art.": "articolo"},
    "nl": {"nr.": "nummer", "blz.": "bladzijde", "art.": "artikel"},
    "pt": {"nº": "número", "n.º": "número", "pág.": "página", "art.": "artigo"},
    "pl": {"nr": "numer", "s.": "strona", "art.": "artykuł"},
}
#: short forms read in full only after a number ("S. 35 ff.": "fünfunddreißig folgende")
AFTER_NUMBERS = {"de": {"ff.": "folgende", "f.": "folgende"}}
#: short forms read in full only before a name ("Dr. Weber", "M. Dupont", "Sra. López")
BEFORE_NAMES = {
    "de": {"Dr.": "Doktor", "Prof.": "Professor", "Hr.": "Herr", "Hrn.": "Herrn",
           "Fr.": "Frau", "St.": "Sankt"},
    "fr": {"M.": "Monsieur", "MM.": "Messieurs", "Mme": "Madame", "Mmes": "Mesdames",
           "Mlle": "Mademoiselle", "Dr": "docteur", "Pr": "professeur", "Me": "maître",
           "St": "Saint", "Ste": "Sainte"},
    "es": {"Sr.": "señor", "Sra.": "señora", "Srta.": "señorita", "Sres.": "señores",
           "Dr.": "doctor", "Dra.": "doctora", "Dña.": "doña", "Sto.": "santo", "Sta.": "santa"},
    "it": {"Sig.": "signor", "Sigg.": "signori", "Dott.": "dottor", "Prof.": "professor",
           "On.": "onorevole"},
    "nl": {"dhr.": "de heer", "mevr.": "mevrouw", "mr.": "meester", "dr.": "doctor",
           "prof.": "professor", "ir.": "ingenieur", "drs.": "doctorandus"},
    "pt": {"Sr.": "senhor", "Sra.": "senhora", "Dr.": "doutor", "Dra.": "doutora",
           "Prof.": "professor", "Profa.": "professora"},
    "pl": {"dr": "doktor", "prof.": "profesor", "mgr": "magister", "inż.": "inżynier",
           "ul.": "ulica", "al.": "aleja", "pl.": "plac", "św.": "święty"},
}
#: capitalised words that open a sentence before a title, so that the title after them
#: is not a middle initial ("Selon M. Dupont" but "Jean M. Dupont")
SENTENCE_OPENERS = {
    "fr": {"Selon", "Pour", "Avec", "Chez", "Et", "Mais", "Car", "Donc", "Quant", "Ainsi",
           "Alors", "Puis", "Hier", "Pourtant", "Lorsque", "Quand", "Si", "Comme", "Pendant",
           "Depuis", "Après", "Avant", "Contre", "Sans", "Par", "Sur", "Sous", "Vers",
           "Entre", "Interrogé", "Interrogée", "Où", "Que", "Qui", "Dont", "Le", "La",
           "Les", "À", "De", "Du", "Des", "Un", "Une", "Ce", "Cette", "Pourquoi", "Comment"},
}
#: endings of words that stand for a longer ending ("Hauptstr." is "Hauptstraße")
WORD_ENDINGS = {"de": {"str.": "straße", "Str.": "Straße"}, "nl": {"str.": "straat"}}

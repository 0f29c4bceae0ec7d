"""Lookup tables for speech normalisation, kept apart from the rules that use them."""
from __future__ import annotations

#: symbol -> (singular, plural, minor unit singular, minor unit plural)
CURRENCY_SYMBOLS = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("US dollar", "US dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", "sen", "sen"),
    "₹": ("rupee", "rupees", "paisa", "paise"),
}
CURRENCY_CODES = {
    "USD": CURRENCY_SYMBOLS["$"],
    "EUR": CURRENCY_SYMBOLS["€"],
    "GBP": CURRENCY_SYMBOLS["£"],
    "JPY": CURRENCY_SYMBOLS["¥"],
}
#: written scale words and their spoken forms
SCALES = {
    "thousand": "thousand", "k": "thousand", "million": "million", "m": "million",
    "mn": "million", "billion": "billion", "bn": "billion", "b": "billion",
    "trillion": "trillion", "tn": "trillion",
}

#: abbreviations that always expand the same way (matched with their dots)
ABBREVIATIONS = {
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "vs.": "versus",
    "vs": "versus",
    "approx.": "approximately",
    "Dr.": "Doctor",
    "Mr.": "Mister",
    "Mrs.": "Missus",
    "Ms.": "Miz",
    "Prof.": "Professor",
    "Mt.": "Mount",
    "Jr.": "Junior",
    "Sr.": "Senior",
    "Ltd.": "Limited",
    "Inc.": "Incorporated",
    "Co.": "Company",
    "Corp.": "Corporation",
    "Dept.": "Department",
    "Ave.": "Avenue",
    "Rd.": "Road",
    "Jan.": "January",
    "Feb.": "February",
    "Aug.": "August",
    "Sept.": "September",
    "Oct.": "October",
    "Nov.": "November",
    "Dec.": "December",
    "fig.": "figure",
    "Fig.": "Figure",
    "p.": "page",
    "pp.": "pages",
    "min.": "minutes",
    "max.": "maximum",
    "cf.": "compare",
    "et al.": "and others",
    # titles before a name, as news style writes them
    "Sen.": "Senator",
    "Sens.": "Senators",
    "Rep.": "Representative",
    "Reps.": "Representatives",
    "Gov.": "Governor",
    "Lt. Gov.": "Lieutenant Governor",
    "Gen.": "General",
    "Lt.": "Lieutenant",
    "Col.": "Colonel",
    "Maj.": "Major",
    "Capt.": "Captain",
    "Cmdr.": "Commander",
    "Adm.": "Admiral",
    "Sgt.": "Sergeant",
    "Cpl.": "Corporal",
    "Pvt.": "Private",
    "Rev.": "Reverend",
    "Supt.": "Superintendent",
    "Det.": "Detective",
    "Atty.": "Attorney",
    "Pres.": "President",
    "Ft.": "Fort",
    "Blvd.": "Boulevard",
    "Hwy.": "Highway",
}

#: Months as news style abbreviates them before a day ("Jan. 5")
MONTH_ABBREVIATIONS = {
    "Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April", "Jun": "June",
    "Jul": "July", "Aug": "August", "Sep": "September", "Sept": "September",
    "Oct": "October", "Nov": "November", "Dec": "December",
}

#: US states as AP style abbreviates them after a city or in a party tag
STATES = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas",
    "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts",
    "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri",
    "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
    "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
    "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn.": "Tennessee", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington",
    "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}
#: ...of which these are also words, titles or abbreviations ("after Mass. on Sunday",
#: "Miss. Smith", "Ind. film", "Pa." for a father): states only beside a city, in a
#: party tag or in a list with another state ("Colo. and Mass.")
AMBIGUOUS_STATES = {"Ala.", "Ark.", "Del.", "Ga.", "Ill.", "Ind.", "La.", "Mass.", "Md.",
                    "Miss.", "Mo.", "Mont.", "Ore.", "Pa.", "Va.", "Wash."}
#: party letters in "(D-Calif.)"
PARTIES = {"D": "Democrat", "R": "Republican", "I": "Independent"}
#: news agencies named in datelines, "WASHINGTON (AP) —"
AGENCIES = ("AP", "Reuters", "AFP", "UPI", "Bloomberg", "CNN", "dpa", "PA", "CP", "AAP")

#: initialisms that stay spelled inside text set in capitals ("FBI AGENTS RAID ...");
#: short ones that are also words (US, IT, WHO) are words there
KNOWN_INITIALISMS = {
    "FBI", "CIA", "NSA", "NGO", "NGOs", "ILO", "IMF", "EU", "UK", "USA", "UN", "BBC", "CNN",
    "NBC", "CBS", "ABC", "NPR", "PBS", "CEO", "CFO", "CTO", "GDP", "AI", "NFL", "NBA", "MLB",
    "NHL", "FDA", "CDC", "EPA", "DOJ", "IRS", "ICE", "GOP", "DNC", "RNC", "LGBTQ", "HIV",
    "DNA", "UFO", "MVP", "PhD", "MP", "MPs", "TV", "PC", "BMW", "UAE", "USSR", "IBM", "HP",
    "VIP", "ID", "PR", "HR", "DC", "LA", "NYC", "AP", "UPI", "AFP", "US",
}

#: ...of which these short ones are also words, and words in a text set in capitals
INITIALISMS_ALSO_WORDS = {"US"}

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

#: unit -> (singular, plural); matched only right after a number
UNITS = {
    "km": ("kilometer", "kilometers"), "m": ("meter", "meters"),
    "cm": ("centimeter", "centimeters"), "mm": ("millimeter", "millimeters"),
    "kg": ("kilogram", "kilograms"), "g": ("gram", "grams"), "mg": ("milligram", "milligrams"),
    "lb": ("pound", "pounds"), "lbs": ("pounds", "pounds"), "oz": ("ounce", "ounces"),
    "ft": ("foot", "feet"), "in": ("inch", "inches"), "mi": ("mile", "miles"),
    "l": ("liter", "liters"), "ml": ("milliliter", "milliliters"),
    "mph": ("mile per hour", "miles per hour"), "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "kW": ("kilowatt", "kilowatts"), "kWh": ("kilowatt hour", "kilowatt hours"),
    "W": ("watt", "watts"), "V": ("volt", "volts"), "Hz": ("hertz", "hertz"),
    "GB": ("gigabyte", "gigabytes"), "MB": ("megabyte", "megabytes"), "TB": ("terabyte", "terabytes"),
    "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
}

#: capitalised short forms that are said as words, not letter by letter
SAID_AS_WORDS = {
    "NASA", "NATO", "UNESCO", "UNICEF", "OPEC", "FIFA", "UEFA", "IKEA", "AIDS",
    "COVID", "GIF", "JPEG", "PIN", "RAM", "ROM", "LASER", "RADAR", "SCUBA", "ASAP",
    "NAFTA", "OK", "TV", "JSON", "YAML", "SIM", "WIFI", "NIMBY", "ISO",
}
#: spoken forms for a few that are neither words nor plain letters
SPECIAL_INITIALISMS = {"OK": "okay", "WWW": "W-W-W", "WiFi": "wifi", "Wi-Fi": "wifi"}

#: roman numerals read as cardinals after these words ("World War II" -> "two")
ROMAN_CARDINAL_CONTEXT = {"War", "Chapter", "Part", "Volume", "Book", "Act", "Phase",
                          "Apollo", "Schedule", "Type", "Class", "Stage", "Level", "Season"}

FRACTION_NAMES = {2: ("half", "halves"), 4: ("quarter", "quarters")}
#: denominators of fractions as recipes, measures and news write them; "9/11" is no fraction
FRACTION_DENOMINATORS = {2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64}

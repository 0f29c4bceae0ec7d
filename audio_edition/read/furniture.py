"""Furniture that survives extraction, recognised by what it is, not by site.

A block of the article is furniture when its text *is* a label of the page
rather than prose: a teaser that names itself ("Read more: ...", "Lea más:
..."), an image credit ("Photo: ..., AP", also at the end of a caption or an
alternative text: "... | © Jo Bloggs/Getty Images"), an "Advertisement"
label, a browser or JavaScript warning, a reprint or copyright notice, a
comment count, a short label that points on ("View this image ›"), a label
that opens links to other pages ("Related", "Lesen Sie auch:"), a list
whose every item is a share/print/text-size button, a line that only dates
the page ("Updated: 11.04.2020, 10:27", in any order: "Updated 5:27 a.m. CST,
Wednesday, November 20, 2019"), a byline ("Jane Doe, AP National Security
Writer"), a picture viewer's controls and counters ("Image 1 of 8", "Back to
Gallery"), a rating or "Loading..." widget, or a call to follow the site on its
channels ("Follow us on Twitter"). The
words are data (below), in the languages of the corpora we measure on;
rules look only at short blocks, so an article that discusses advertising
or copyright is read whole.
"""
from __future__ import annotations

import re

#: Labels that open a teaser of another page, followed by a colon.
TEASER_LABELS = (
    "read more", "read also", "also read", "see also", "related", "related article",
    "related story", "more on this", "recommended", "watch", "listen",
    "lea más", "lea también", "le puede interesar", "te puede interesar", "mira", "mire",
    "ver más", "también te puede interesar", "lee también", "vea también",
    "auch lesen", "lesen sie auch", "lesen sie mehr", "mehr zum thema", "auch interessant",
    "das könnte sie auch interessieren", "weiterlesen", "lesen sie hier", "hier weiterlesen",
    "à lire aussi", "lire aussi", "voir aussi", "à voir aussi",
    "leia também", "leia mais", "veja também", "saiba mais",
    "czytaj też", "czytaj także", "czytaj więcej", "zobacz też", "zobacz także",
    "leggi anche", "potrebbe interessarti",
    # a pointer to the page that treats a part at length (a wiki's "Main article: X")
    "main article", "main articles", "further information", "hauptartikel",
    "article détaillé", "articles détaillés", "artículo principal", "artigo principal",
    "voce principale", "artykuł główny",
)
#: Headings and lines that open links to other pages, beside the teaser labels.
RELATED_LABELS = (
    "you may also like", "you might also like", "more stories", "related articles",
    "related posts", "related stories", "weitere beiträge", "weitere artikel", "mehr zum thema",
    "das könnte dich auch interessieren", "schon gelesen", "auch interessant",
    "empfohlener redaktioneller inhalt", "más noticias", "noticias relacionadas",
    "artículos relacionados", "articles similaires", "sur le même sujet", "artigos relacionados",
    "zum weiterlesen", "mehr themen", "weitere themen", "top-themen", "das thema könnte dich auch",
    "more on this story", "most read", "most popular", "meistgelesen",
    "lo más leído", "les plus lus",
)
#: Labels of image credits, followed by a colon.
CREDIT_LABELS = (
    "photo", "photos", "photograph", "image", "images", "picture", "credit", "credits",
    "photo credit", "image credit", "foto", "fotos", "bild", "bilder", "bildquelle",
    "crédit", "crédits", "crédit photo", "crédits photo", "crédits photos", "photo credits",
    "image credits", "crédito", "créditos", "fotografía", "zdjęcie", "fot",
    "source", "quelle", "fuente", "fonte", "źródło",
)
#: Photo agencies and stock libraries, which end a credit ("Jo Bloggs/Getty Images").
AGENCIES = (
    "getty images", "ap photo", "reuters", "afp", "dpa", "epa", "shutterstock", "istock",
    "istockphoto", "imago", "picture alliance", "picture-alliance", "unsplash", "pixabay",
    "stock.adobe.com", "adobe stock", "keystone", "efe", "ansa",
)
#: Blocks that are nothing but an advertising label.
AD_LABELS = (
    "advertisement", "advertising", "sponsored", "sponsored content", "anzeige", "werbung",
    "publicidad", "publicité", "pubblicità", "publicidade", "reklama", "annonse",
)
#: Phrases of browser, JavaScript and reprint notices.
NOTICE_PHRASES = (
    "outdated browser", "update your browser", "upgrade your browser", "browser is not supported",
    "browser is out of date", "on internet explorer", "using internet explorer",
    "browser ist veraltet", "browser ist leider veraltet", "veralteten browser",
    "navegador está desactualizado", "navegador desactualizado", "navigateur est obsolète",
    "navigateur obsolète", "navegador está desatualizado", "browser non è aggiornato",
    "przeglądarka jest nieaktualna",
    "enable javascript", "javascript is disabled", "javascript is required",
    "for your personal, non-commercial use only", "order reprints", "all rights reserved",
    "alle rechte vorbehalten", "todos los derechos reservados", "tous droits réservés",
    "angaben ohne gewähr", "you are not logged in", "sind nicht eingeloggt",
    "sind aktuell nicht eingeloggt", "bist nicht eingeloggt",
)
#: Labels of the line that dates the page ("Updated: 11.04.2020, 10:27").
DATE_LABELS = (
    "updated", "last updated", "published", "first published", "posted", "posted on",
    "modified", "last modified", "created", "date", "aktualisiert", "aktualisiert am",
    "zuletzt aktualisiert", "publiziert", "publiziert am", "veröffentlicht", "veröffentlicht am",
    "erstellt", "erstellt am", "stand", "datum", "actualizado", "actualizado el", "publicado",
    "publicado el", "publicado em", "atualizado", "atualizado em", "fecha", "mis à jour",
    "mis à jour le", "publié", "publié le", "aggiornato", "aggiornato il", "pubblicato",
    "pubblicato il", "opublikowano", "zaktualizowano", "data",
)
#: Months and weekdays, whole and short, that a stamp of the story's time names.
CALENDAR_WORDS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
    "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre", "lunes", "martes", "miércoles", "jueves", "viernes",
    "sábado", "domingo", "janvier", "février", "mars", "avril", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre", "lundi", "mardi", "mercredi", "jeudi",
    "vendredi", "samedi", "dimanche",
)
#: The other words of such a stamp: the hour's marks, time zones, and the little words
#: between its parts ("5:27 a.m. CST, Wednesday", "am 20. November um 5:27 Uhr").
STAMP_WORDS = (
    "a.m.", "p.m.", "am", "pm", "uhr", "h", "at", "on", "the", "of", "um", "le", "à", "de",
    "del", "el", "a las", "a la", "alle", "o", "et", "gmt", "utc", "bst", "cet", "cest",
    "mez", "mesz", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "pt", "ct",
    "ist", "aest", "jst", "sgt", "hkt",
)
#: Words that say who wrote a story, before the names ("By Jane Doe").
BYLINE_LABELS = (
    "by", "written by", "reported by", "story by", "text by", "words by", "von", "text von",
    "por", "par", "di", "door",
)
#: What a byline says of its writer after the name ("Jane Doe, AP National Security
#: Writer", "Jo Smith, Staff Reporter"): the last word of a job title...
STAFF_WORDS = (
    "writer", "writers", "reporter", "reporters", "correspondent", "correspondents", "editor",
    "editors", "columnist", "photographer", "contributor", "staff", "producer", "critic",
    "journalist", "bureau chief", "redakteur", "redakteurin", "korrespondent",
    "korrespondentin", "autor", "autorin", "redacción", "corresponsal", "rédaction",
    "correspondant", "correspondante", "journaliste", "envoyé spécial", "envoyée spéciale",
)
#: ...or the news agency the writer works for.
NEWS_AGENCIES = (
    "ap", "the associated press", "associated press", "reuters", "afp", "agence france-presse",
    "dpa", "efe", "upi", "bloomberg", "bloomberg news", "pa", "press association", "ansa",
    "europa press", "the canadian press", "canadian press",
)
#: What a widget shows while a script fills it ("Like Loading...").
LOADING_WORDS = (
    "loading", "wird geladen", "lädt", "cargando", "chargement", "caricamento", "carregando",
    "ładowanie",
)
#: What a rating widget counts ("(212 ratings)", "3,65 von 1990 Bewertungen"); a review's
#: own verdict ("4 out of 5 stars") counts no one and is read.
RATING_WORDS = (
    "rating", "ratings", "vote", "votes", "review", "reviews", "bewertung", "bewertungen",
    "stimme", "stimmen", "valoración", "valoraciones", "voto", "votos", "avis", "voti", "ocen",
    "avaliações",
)
#: A rating widget with nothing counted yet.
NO_RATING_PHRASES = (
    "no ratings yet", "be the first to rate", "noch keine bewertungen", "sin valoraciones",
    "aucun avis", "aún no hay valoraciones", "nessuna valutazione", "brak ocen",
)
#: What a site asks of its reader: to follow it, subscribe, download its app...
REACH_VERBS = (
    "follow", "follow us", "subscribe", "subscribing", "sign up", "signing up", "download",
    "join", "like us",
    "folgen sie", "folge uns", "folgt uns", "abonnieren", "abonniere", "abonnieren sie",
    "síguenos", "siguenos", "suscríbete", "suscribete", "suscribirse", "únete", "mira",
    "descarga", "descargue", "suivez-nous", "suivez", "abonnez-vous", "inscrivez-vous",
    "téléchargez",
    "seguici", "iscriviti", "scarica", "obserwuj", "subskrybuj", "zapraszamy do subskrypcji",
    "siga-nos", "assine", "baixe",
)
#: ...on a channel of its own.
CHANNELS = (
    "twitter", "facebook", "instagram", "telegram", "whatsapp", "youtube", "tiktok",
    "linkedin", "pinterest", "mastodon", "threads", "bluesky", "newsletter", "newsletters",
    "app", "apps", "app store", "google play", "ios", "android", "podcast", "rss", "inbox",
    "posteingang", "canal", "channel", "kanal", "e-paper", "edition", "eedition",
)
#: Phrases of the notice that the page earns from the links it shows (affiliate links) or
#: carries advertising, and of a blog's line about the post (where it was filed, its tags):
#: notices of up to `_DISCLOSURE_MAX_WORDS` words.
DISCLOSURE_PHRASES = (
    "contains affiliate link", "contain affiliate link", "are affiliate link",
    "(affiliate link)", "enthält affiliate", "sind affiliate", "um affiliate",
    "we may earn a commission", "we may earn a small commission", "we earn a commission",
    "we may receive compensation", "we may be compensated", "erhalten wir eine provision",
    "provision vom händler", "provisionslinks", "werbelinks",
    "enlaces de afiliados", "enlaces de afiliado", "liens affiliés", "lien affilié",
    "link di affiliazione",
    "enthält werbung", "contains advertising", "contiene publicidad",
    # a blog's line about the post ("This entry was posted in News and tagged ...")
    "this entry was posted in", "dieser eintrag wurde veröffentlicht in",
    "esta entrada fue publicada en", "cet article a été publié dans",
)
#: The words of share, print and text-size buttons.
TOOLBAR_WORDS = (
    "share", "share this", "share on facebook", "share on twitter", "share on x", "tweet",
    "facebook", "twitter", "x", "whatsapp", "linkedin", "pinterest", "reddit", "xing",
    "telegram", "email", "e-mail", "mail", "print", "print article", "print this page",
    "copy link", "copy", "link", "text size", "font size", "a", "a+", "a-", "order reprints",
    "reprints", "save", "save article", "bookmark", "comments", "comment", "teilen",
    "drucken", "merken", "compartir", "imprimir", "partager", "imprimer", "condividi",
    # a picture viewer's controls
    "close", "fullscreen", "full screen", "thumbnails", "previous", "next", "prev",
)
#: What a picture viewer calls a picture in its counter ("Image 1 of 8") and itself.
GALLERY_WORDS = (
    "image", "images", "photo", "photos", "picture", "pictures", "slide", "slides", "gallery",
    "photo gallery", "slideshow", "bild", "bilder", "foto", "fotos", "bildergalerie", "galerie",
    "imagen", "imágenes", "galería", "diapositiva", "photographie", "diaporama", "immagine",
    "zdjęcie", "galeria",
)
#: The controls of a picture viewer, beside its counter and the toolbar's words.
GALLERY_CONTROLS = (
    "back to gallery", "back to the gallery", "view gallery", "open gallery", "view all",
    "view all photos", "view all images", "see all photos", "next image", "previous image",
    "next photo", "previous photo", "next slide", "previous slide", "start slideshow",
    "zurück zur galerie", "zur bildergalerie", "nächstes bild", "vorheriges bild", "weiter",
    "zurück", "volver a la galería", "ver galería", "siguiente", "anterior",
    "retour à la galerie", "voir la galerie", "suivant", "précédent",
)
#: What a comment box says before anyone has written in it, or to ask for a comment.
COMMENT_PROMPTS = (
    "leave a comment", "leave a reply", "post a comment", "add a comment", "write a comment",
    "be the first to comment", "no comments yet", "no comments", "keine kommentare",
    "kommentar schreiben", "kommentar verfassen", "schreibe einen kommentar",
    "deja un comentario", "sin comentarios", "laisser un commentaire", "aucun commentaire",
    "lascia un commento", "nessun commento", "dodaj komentarz", "brak komentarzy",
)
#: Labels that lead back to a list or on to the whole story, not into the article.
NAVIGATION_LABELS = (
    "back to top", "back to overview", "back to the list", "back to list", "back to all",
    "zurück zur übersicht", "zurück zur liste", "zurück zur listenansicht",
    "zurück zum seitenanfang", "nach oben", "volver al listado", "volver arriba",
    "retour à la liste", "retour en haut", "torna all'elenco", "powrót do listy",
    "auf einer seite lesen", "read on one page", "view as one page", "view as single page",
)
#: What a link tells a screen reader about where it opens, inside the link:
#: "said<span>Opens a new window</span>" is read "said" by a sighted reader.
LINK_HINTS = (
    "opens a new window", "opens in a new window", "opens in new window", "opens in a new tab",
    "opens in new tab", "link opens in a new window", "external link",
    "öffnet in einem neuen fenster", "öffnet in neuem fenster", "öffnet in einem neuen tab",
    "s'ouvre dans une nouvelle fenêtre", "nouvelle fenêtre", "se abre en una nueva ventana",
    "abre en una nueva ventana", "se abre en una ventana nueva", "nueva ventana",
)
#: Alternative texts that name no image, only that there is one (or its shape).
PLACEHOLDER_ALTS = (
    "image", "img", "photo", "picture", "graphic", "icon", "logo", "line", "spacer",
    "divider", "separator", "thumbnail", "placeholder", "banner", "blank", "alt",
    "bild", "foto", "imagen", "imagem", "immagine", "zdjęcie", "grafik",
)

_LINK_LABEL_MAX_WORDS = 6  #: "View this image ›", "Continue reading »"
_NOTICE_MAX_WORDS = 25  #: longer blocks are prose about such things, not notices
_LABEL_MAX_WORDS = 30


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_TEASER = re.compile(rf"^\W*(?:{_alternatives(TEASER_LABELS)})\s*[:：»>|]", re.IGNORECASE)
_RELATED_WORDS = 6  #: a heading that opens related links is a label, not a sentence
_RELATED_PHRASE = re.compile(
    rf"^\W*(?:{_alternatives(tuple(w for w in TEASER_LABELS + RELATED_LABELS if ' ' in w))})\b",
    re.IGNORECASE)
_RELATED_WORD = {w for w in TEASER_LABELS + RELATED_LABELS if " " not in w}
_CREDIT = re.compile(rf"^\W*(?:{_alternatives(CREDIT_LABELS)})\s*[:：]", re.IGNORECASE)
_CREDIT_TAIL = re.compile(rf"\((?:photo|foto|image|bild)\b[^)]*\)\s*$|"
                          rf"\b(?:{_alternatives(AGENCIES)})(?:\.com)?\s*\)?\s*$", re.IGNORECASE)
#: A credit at the end of an image's text: "Photo: ...", "(Foto: ...)", "© ...",
#: "(REUTERS/...)", after an optional separator ("... | © Jo Bloggs").
_TRAILING_CREDIT = re.compile(
    rf"\s*(?:[|–—]\s*)?(?:[(\[]?\s*(?:{_alternatives(CREDIT_LABELS)})\s*[:：][^()\[\]]*[)\]]?"
    rf"|(?:©|copyright\s*(?:©|\d{4}))[^()\[\]]*"
    rf"|[(\[][^()\[\]]*\b(?:{_alternatives(AGENCIES)})\b[^()\[\]]*[)\]])\W*$", re.IGNORECASE)
#: A "© ..." credit at the end of a paragraph, after an optional separator, and the words
#: it has at most (the sign and separator included).
_TRAILING_COPYRIGHT = re.compile(r"\s*([|–—]\s*)?©[^©]*$")
_CREDIT_MAX_WORDS = 9
#: A labelled credit in brackets at the end of a paragraph: "(Image: AGENCY )", "[Foto: dpa]".
_BRACKETED_CREDIT = re.compile(
    rf"\s*[(\[]\s*(?:{_alternatives(CREDIT_LABELS)})\s*[:：][^()\[\]]*[)\]]\W*$", re.IGNORECASE)
#: The end of a sentence, and the closing quotes and brackets after it.
PROSE_END = re.compile(r"[.!?…。！？]['\"”’»)\]]*$")
_AD = re.compile(rf"^\W*(?:{_alternatives(AD_LABELS)})\W*$", re.IGNORECASE)
_NOTICE = re.compile(_alternatives(NOTICE_PHRASES), re.IGNORECASE)
_DISCLOSURE = re.compile(_alternatives(DISCLOSURE_PHRASES), re.IGNORECASE)
_DISCLOSURE_MAX_WORDS = 60  #: such notices run to two or three sentences
_LINK_HINT = re.compile(rf"\W*(?:{_alternatives(LINK_HINTS)})\W*", re.IGNORECASE)
_REPRINT = re.compile(r"permission|reprint|rights reserved|genehmigung|autorización", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^\W*(?:©|\(c\)|copyright\b)", re.IGNORECASE)
#: The word that counts a story's comments ("12 Comments", "71 Kommentare").
_COMMENT_WORD = r"(?:comments?|kommentare?|comentarios?|commentaires?|komentarz[ey]?)"
_COMMENTS = re.compile(rf"^\W*(?:\d+\s+)?{_COMMENT_WORD}\W*(?:\(?\d+\)?)?\W*$", re.IGNORECASE)
_DATE = (r"(?:[^\W\d_]+,?\s+)?(?:\d{1,2}[./-]\s?\d{1,2}[./-]\s?\d{2,4}|\d{4}-\d{2}-\d{2}"
         r"|\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,}\.?,?\s+(?:de\s+)?\d{4}"
         r"|[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})")
_TIME = (r"(?:\s*[,|–-]?\s*(?:um|at|à|a las|alle|o)?\s*\d{1,2}[:.h]\d{2}"
         r"(?:\s*(?:uhr|h|am|pm|a\.m\.|p\.m\.))?(?:\s+[A-Z]{2,4})?)?")
#: A line that is only a date, after a label that says what it dates.
_DATE_LINE = re.compile(rf"^\W*(?:(?:{_alternatives(DATE_LABELS)})\s*:?\s*)?{_DATE}{_TIME}\W*$",
                        re.IGNORECASE)
#: A line that dates a story, may name its author, and ends with its comment count.
_META_LINE = re.compile(rf"^\W*{_DATE}{_TIME}\b[^.!?]{{0,80}}?\b\d+\s+{_COMMENT_WORD}\W*$",
                        re.IGNORECASE)
_META_MAX_WORDS = 14
#: A stamp of the story's time in any order: its label ("Updated"), then nothing but
#: numbers, times, months, weekdays, time zones and the words between them.
_STAMP_LABEL = re.compile(rf"^\W*(?:{_alternatives(DATE_LABELS)})\b\s*:?", re.IGNORECASE)
_STAMP_PIECE = re.compile(
    rf"(?<!\w)(?:{_alternatives(CALENDAR_WORDS + STAMP_WORDS)})(?!\w)\.?|\d+(?:st|nd|rd|th)?",
    re.IGNORECASE)
_CALENDAR = re.compile(rf"(?<!\w)(?:{_alternatives(CALENDAR_WORDS)})(?!\w)|\d[:.h]\d\d"
                       r"|(?<![\d+])(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d\d-\d\d)(?!\d)",
                       re.IGNORECASE)
_STAMP_MAX_WORDS = 14
#: A byline: who wrote the story and, after a comma, for whom or as what. A name is two
#: words or more in capitals or with a capital, with initials and particles.
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ][\w'’\-]*\.?|[A-Z]\.)"
_NAME = (rf"{_NAME_WORD}(?:\s+(?:(?:de|da|del|der|van|von|la|le|di|du|al|bin)\s+)*{_NAME_WORD})"
         rf"{{1,3}}")
_NAMES = rf"{_NAME}(?:\s*(?:,|\band\b|\bund\b|\by\b|\bet\b|&)\s*{_NAME})*"
_TITLE_WORD = r"(?:[A-ZÀ-ÖØ-Þ][\w.'’\-]*|of|for|the|and|de|du|des|für|der|del|la)"
_TITLE = rf"{_TITLE_WORD}(?:\s+{_TITLE_WORD}){{0,6}}"
_BYLINE = re.compile(
    rf"^\W*(?:(?i:{_alternatives(BYLINE_LABELS)})\s+(?:{_NAMES}(?:\s*[,|/–—-]\s*{_TITLE})?"
    rf"|(?i:{_alternatives(NEWS_AGENCIES)}))"
    rf"|{_NAMES}\s*[,|/–—-]\s*(?:{_TITLE}\s+)?(?i:{_alternatives(STAFF_WORDS + NEWS_AGENCIES)}))"
    r"\.?\s*$")
_BYLINE_MAX_WORDS = 14
_LOADING = re.compile(rf"\b(?:{_alternatives(LOADING_WORDS)})\s*(?:\.\.\.|…)\s*$", re.IGNORECASE)
_RATING = re.compile(rf"\d\s*\)?\s*(?:{_alternatives(RATING_WORDS)})\b"
                     rf"|^\W*(?:{_alternatives(NO_RATING_PHRASES)})\b", re.IGNORECASE)
#: A call to follow the site: a verb of REACH_VERBS, and the site speaking of itself (us,
#: our, "síguenos") or naming its handle (@valleygazette). "Follow these steps to close your
#: Facebook account" and "Download the app from the App Store" are instructions, and read.
_REACH = re.compile(rf"(?<!\w)(?:{_alternatives(REACH_VERBS)})(?!\w)", re.IGNORECASE)
_SITE = re.compile(r"(?<!\w)(?:us|our|ours|uns|unser\w*|nos|nuestr\w*|notre|ci|nostr\w*|nas|"
                   r"nasz\w*)(?!\w)|síguenos|siguenos|suivez-nous|seguici|siga-nos|@\w+",
                   re.IGNORECASE)
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_CHANNEL = re.compile(rf"(?<!\w)(?:{_alternatives(CHANNELS)})(?!\w)", re.IGNORECASE)
_WIDGET_MAX_WORDS = 15
_PROMPT_MAX_WORDS = 8  #: "No comments (they appear once we have read them)"
_DATE_MAX_WORDS = 10
_TOOLBAR = {w.casefold() for w in TOOLBAR_WORDS}
_COUNTER = re.compile(r"\d+\s*(?:/|of|von|de|sur|di|z)\s*\d+")
#: A picture viewer's counter, with the word for a picture before it or not ("Image 1 of 8",
#: "1 / 8", "Foto 3 von 12")...
_GALLERY_COUNTER = rf"(?:(?:{_alternatives(GALLERY_WORDS)})\s*)?{_COUNTER.pattern}"
#: ...at the start of a caption or an item, with that word ("1/2 cup" is a measure)...
_LEADING_COUNTER = re.compile(
    rf"^\W*(?:{_alternatives(GALLERY_WORDS)})\s*{_COUNTER.pattern}(?:\s*[:.|–—-]\s*|\s+)(?=\w)",
    re.IGNORECASE)
#: ...or at the end, after a sentence that ends or with that word ("Image 2 of 8").
_TRAILING_COUNTER = re.compile(
    rf"(?:(?<=[.!?…)\]\"'”’])\s*(?:[|–—-]\s*)?\(?{_GALLERY_COUNTER}"
    rf"|\s*(?:[|–—-]\s*)?\(?(?:{_alternatives(GALLERY_WORDS)})\s*{_COUNTER.pattern})\)?\W*$",
    re.IGNORECASE)
_GALLERY_CONTROL = re.compile(
    rf"{_GALLERY_COUNTER}|(?<!\w)(?:{_alternatives(GALLERY_CONTROLS + TOOLBAR_WORDS)})(?!\w)"
    rf"|(?<!\w)(?:{_alternatives(GALLERY_WORDS)})(?!\w)", re.IGNORECASE)
_GALLERY_MAX_WORDS = 8
_LINK_LABEL = re.compile(r"[›»→▶▸]\s*$")
_COMMENT_PROMPT = re.compile(rf"^\W*(?:{_alternatives(COMMENT_PROMPTS)})\b", re.IGNORECASE)
_NAVIGATION = re.compile(rf"^\W*(?:{_alternatives(NAVIGATION_LABELS)})\b", re.IGNORECASE)
_PLACEHOLDER = {w.casefold() for w in PLACEHOLDER_ALTS}
_FILE_NAME = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)$", re.IGNORECASE)


def furniture(text: str) -> str | None:
    """What kind of furniture a block is, or None when it is content."""
    words = len(text.split())
    if not words:
        return None
    if _AD.match(text):
        return "advertising label"
    if _COMMENTS.match(text) or (words <= _PROMPT_MAX_WORDS and _COMMENT_PROMPT.match(text)):
        return "comment count"
    if is_teaser(text):
        return "teaser of another page"
    if words <= _NOTICE_MAX_WORDS and (_CREDIT.match(text) or
                                      (words <= 8 and _CREDIT_TAIL.search(text))):
        return "image credit"
    if words <= _NOTICE_MAX_WORDS and (_NOTICE.search(text) or _COPYRIGHT.match(text)):
        return "notice"
    if words <= _DISCLOSURE_MAX_WORDS and (_DISCLOSURE.search(text) or (
            _COPYRIGHT.match(text) and _REPRINT.search(text))):
        return "notice"  # that the page earns from its links, or who may reprint it
    if words <= _LINK_LABEL_MAX_WORDS and _LINK_LABEL.search(text) and "«" not in text:
        return "link label"
    if words <= _LINK_LABEL_MAX_WORDS and _NAVIGATION.match(text) and not PROSE_END.search(text):
        return "link label"  # "Back to the list", "Auf einer Seite lesen"
    if words <= _GALLERY_MAX_WORDS and is_gallery_control(text):
        return "gallery control"
    if words <= _DATE_MAX_WORDS and _DATE_LINE.match(text):
        return "date line"
    if words <= _STAMP_MAX_WORDS and is_time_stamp(text):
        return "date line"  # "Updated 5:27 a.m. CST, Wednesday, November 20, 2019"
    if words <= _BYLINE_MAX_WORDS and is_byline(text):
        return "byline"
    if words <= _META_MAX_WORDS and _META_LINE.match(text) and not PROSE_END.search(text):
        return "date line"  # when, by whom and how many comments: the story's line of facts
    if words <= _WIDGET_MAX_WORDS and (_LOADING.search(text) or (
            _RATING.search(text) and not PROSE_END.search(text))):
        return "widget"
    if words <= _LABEL_MAX_WORDS:
        first = _FIRST_SENTENCE.split(text, maxsplit=1)[0]  # not a bio ending "Follow him on X"
        if _CHANNEL.search(first) and _REACH.search(first) and _SITE.search(first):
            return "call to follow"
    return None


def is_teaser(text: str) -> bool:
    """A line that opens with a teaser label and names another page ("Read also:
    ...", "MIRA: ..."): a heading so made is a link to another story, not a part."""
    return len(text.split()) <= _LABEL_MAX_WORDS and _TEASER.match(text) is not None


def is_related_label(text: str) -> bool:
    """A short heading or line that opens links to other pages ("Read more",
    "Lesen Sie auch die folgenden Beiträge:"): a phrase of several words that
    begins it, or one word that is all of it ("Related", not "Watch the birds")."""
    if len(text.split()) > _RELATED_WORDS:
        return False
    if _RELATED_PHRASE.match(text):
        return True
    return text.strip(" :!?.…»›").casefold() in _RELATED_WORD


def is_toolbar(items: list[str]) -> bool:
    """A list whose every item is a share, print or text-size button, or a picture
    viewer's control or counter ("1 of 5")."""
    texts = [" ".join(i.split()).casefold().strip(" :|·•") for i in items]
    return bool(texts) and all(t in _TOOLBAR or _COUNTER.fullmatch(t) for t in texts)


def is_time_stamp(text: str) -> bool:
    """A line that only dates the story, in any order of its parts: "Updated 5:27
    a.m. CST, Wednesday, November 20, 2019", "Aktualisiert am Mittwoch, 20.11.2019,
    um 5:27 Uhr". A sentence about an update has words of its own."""
    body = _STAMP_LABEL.sub(" ", text, count=1)
    return (_CALENDAR.search(body) is not None and re.search(r"\d", body) is not None
            and not re.search(r"[^\W_]", _STAMP_PIECE.sub(" ", body)))


def is_byline(text: str) -> bool:
    """A line that says who wrote the story ("By Jane Doe and Jo Smith", "By JANE DOE,
    Associated Press", "Jane Doe, AP National Security Writer"): the episode's
    tags and the feed name the author; the line is not read. A sentence about a
    writer ("Jane Doe, a staff writer, first reported it.") is."""
    return _BYLINE.match(" ".join(text.split())) is not None


def is_gallery_control(text: str) -> bool:
    """A picture viewer's controls and counters, in any form: "Image 1 of 8",
    "Previous 1 / 8 Next", "Back to Gallery". Only such words, with a counter or a
    phrase of a gallery among them, or two controls at least ("Previous Next"):
    "Next" alone may be a word of dialogue, and "Images" a label of a part."""
    controls = _GALLERY_CONTROL.findall(text)
    rest = _GALLERY_CONTROL.sub(" ", text)
    if not controls or re.search(r"[^\W_]", rest):
        return False
    telling = [c for c in controls if re.search(r"\d", c) or " " in c.strip()]
    return bool(telling) or len(controls) >= 2


def without_gallery_counter(text: str) -> str:
    """A caption or an item without the viewer's counter that opens or ends it
    ("Image 1 of 8", "3/12"); "He came 3 of 12" keeps its words."""
    for pattern in (_LEADING_COUNTER, _TRAILING_COUNTER):
        found = pattern.search(text)
        if found and _counts(found.group()):
            text = (text[:found.start()] + text[found.end():]).strip() or text
    return text


def _counts(text: str) -> bool:
    """Whether the numbers of a counter are a place in a show: "3 of 12", not "2020/21"."""
    place, total = map(int, re.findall(r"\d+", text)[-2:])
    return 1 <= place <= total

def is_link_hint(text: str) -> bool:
    """Words of a link that say where it opens ("(Opens a new window)")."""
    return _LINK_HINT.fullmatch(" ".join(text.split())) is not None


def is_placeholder_alt(alt: str) -> bool:
    """An image's alternative text that describes nothing: a generic word
    ("image", "line") or no words at all."""
    text = " ".join(alt.split()).strip(" .:-_|").casefold()
    return not re.search(r"[^\W\d_]", text) or text in _PLACEHOLDER


def is_file_name(alt: str) -> bool:
    """An image's file name given as its alternative text ("IMG_0042.JPG")."""
    return _FILE_NAME.match(alt.strip().rstrip(".")) is not None


def strip_copyright_credit(text: str) -> str:
    """A paragraph without the "© Agency / Name" that ends it: a caption set as a
    paragraph ("Marco at the start. © AFP / Jo Bloggs"); the whole text when it is
    only that, or when what follows the sign is more than a credit's few words."""
    found = _TRAILING_COPYRIGHT.search(text)
    if not found or len(found.group().split()) > _CREDIT_MAX_WORDS:
        return text
    before = text[:found.start()].rstrip()
    # after a sentence or a separator: "He added the © sign to it." is a sentence
    if before and (found.group(1) or PROSE_END.search(before)):
        return before
    return text


def strip_caption_credit(text: str) -> str:
    """A paragraph without the labelled credit in brackets that ends it: a caption set
    as a paragraph under its picture ("... during the protests (Image: AGENCY )"); a
    sentence that names a photo in its middle ("the photo (Photo: page 3) shows") keeps it."""
    found = _BRACKETED_CREDIT.search(text)
    if not found or len(found.group().split()) > _CREDIT_MAX_WORDS:
        return text
    return text[:found.start()].rstrip() or text


def strip_declared_credit(text: str, credits: list[str]) -> str:
    """A caption without the credit its picture declares in an attribute
    (`data-credit="Jo Bloggs"`) when the caption ends with it, in brackets or after
    a label ("Dig a hole. (Jo Bloggs)", "Credit Jo Bloggs"); "" when that is all it says."""
    for credit in credits:
        credit = " ".join(credit.split())
        found = credit and re.search(
            rf"\s*[(\[|–—]?\s*(?:(?:{_alternatives(CREDIT_LABELS)})\s*[:：]?\s*)?"
            rf"{re.escape(credit)}\s*[)\]]?\W*$", text, re.IGNORECASE)
        if found:
            return text[:found.start()].rstrip()
    return text


def strip_credit(caption: str) -> str:
    """A caption without the credit that ends it ("A cup of tea. Photo: Jo Bloggs")."""
    return _TRAILING_CREDIT.sub("", caption).strip() or caption

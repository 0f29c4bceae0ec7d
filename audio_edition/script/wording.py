"""The words that make structure audible ("Quote.", "Image:", "Item 2 of 6.") and the
names of the show's intro and outro as chapters, in the language of the passage they
frame (for the chapters, the episode's): a German voice reading a German article says
"Zitat", never the English word in a German accent. Each language's words were
written here in the plain register of its screen readers; a language not listed
falls back to English, which its voice then reads as best it can.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..language import written_in


@dataclass(frozen=True)
class Wording:
    quote_start: str  #: said before a quotation
    quote_end: str  #: said after it
    image: str  #: before an image's description; `{}` is the description
    table: str  #: before a table's caption; `{}` is the caption
    item: str  #: the screen-reader style position of a list item
    footnote: str  #: a footnote reference; `{}` is its label
    code: str  #: said instead of a skipped code block
    intro: str  #: the name of the show's intro as a chapter of its own
    outro: str  #: ... and of its outro


WORDINGS: dict[str, Wording] = {
    "en": Wording("Quote.", "End of quote.", "Image: {}", "Table: {}",
                  "Item {position} of {count}.", "Footnote {}.", "Code block skipped.",
                  "Intro", "Outro"),
    "de": Wording("Zitat.", "Zitat Ende.", "Bild: {}", "Tabelle: {}",
                  "Eintrag {position} von {count}.", "Fußnote {}.", "Codeblock übersprungen.",
                  "Einleitung", "Schluss"),
    "fr": Wording("Citation.", "Fin de citation.", "Image : {}", "Tableau : {}",
                  "Élément {position} sur {count}.", "Note {}.", "Bloc de code ignoré.",
                  "Introduction", "Clôture"),
    "es": Wording("Cita.", "Fin de la cita.", "Imagen: {}", "Tabla: {}",
                  "Elemento {position} de {count}.", "Nota {}.", "Bloque de código omitido.",
                  "Introducción", "Cierre"),
    "it": Wording("Citazione.", "Fine citazione.", "Immagine: {}", "Tabella: {}",
                  "Elemento {position} di {count}.", "Nota {}.", "Blocco di codice omesso.",
                  "Introduzione", "Chiusura"),
    "nl": Wording("Citaat.", "Einde citaat.", "Afbeelding: {}", "Tabel: {}",
                  "Item {position} van {count}.", "Voetnoot {}.", "Codeblok overgeslagen.",
                  "Inleiding", "Afsluiting"),
    "pt": Wording("Citação.", "Fim da citação.", "Imagem: {}", "Tabela: {}",
                  "Item {position} de {count}.", "Nota {}.", "Bloco de código omitido.",
                  "Introdução", "Encerramento"),
    "pl": Wording("Cytat.", "Koniec cytatu.", "Obraz: {}", "Tabela: {}",
                  "Element {position} z {count}.", "Przypis {}.", "Pominięto blok kodu.",
                  "Wstęp", "Zakończenie"),
}


def wording(lang: str | None) -> Wording:
    """The structure words of a language (its primary subtag), else English."""
    return WORDINGS[written_in(lang, WORDINGS)]

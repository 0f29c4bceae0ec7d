"""The words of the edition's pages (button labels, accessible names, headings, what the
live region says, the seek bar's time in words), one table per language, written here
in the plain register of each language's own software: a German article's player
page has German controls, and its `lang` says so (WCAG 3.1.1). The episode's language
chooses the table (the index of all episodes: the feed's), through the same lookup as
the spoken structure words (`script/wording.py`); a language not listed gets the
English table, and the page is then `lang="en"` with the article's own words marked
in their language (WCAG 3.1.2).

Times and numbers in words follow the table's locale through CLDR: Babel here, the
browser's `Intl` in the player's script, so "2 minuty" and "5 minut" are both right.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from babel.numbers import format_decimal
from babel.units import format_unit

from ..language import same_language, written_in

#: The texts the player's script says or shows (passed to it in the page, as JSON).
SCRIPT_TEXTS = ("play", "pause", "playing", "paused", "chapter_of", "speed_said", "code_copied",
                "code_selected", "highlighting_on", "highlighting_off", "position_of")


@dataclass(frozen=True)
class Labels:
    lang: str  #: the language the table is written in (a primary subtag)
    # the player page
    skip: str  #: the skip link to the transcript
    all_episodes: str  #: the link back to the index; `{show}` is the show's title
    read_by: str  #: the credit; `{voices}` are the voices that read it
    licence: str  #: "dataset licence", in a voice's credit
    and_: str  #: the last join of a list ("a, b and c")
    player: str  #: the player's region
    chapters: str
    transcript: str
    follow: str  #: the switch of the highlighting
    play_from: str  #: a passage's seek button; `{time}` is "1:05"
    downloads: str
    audio_file: str  #: `{format}` is "MP3"
    epub: str
    transcript_page: str
    captions: str
    daisy: str
    embed_heading: str
    embed_help: str
    copy: str
    shortcuts: str
    shortcuts_help: str
    shortcut_play: str  #: what each shortcut does, in the list of shortcuts
    shortcut_back: str
    shortcut_forward: str
    shortcut_previous: str
    shortcut_next: str
    shortcut_speed: str
    slider_help: str
    # the controls, on both pages
    no_audio: str  #: where the audio cannot play; `{link}` is `download_it`, a link
    download_it: str
    play: str
    pause: str
    back: str  #: "Back 15", then `seconds` (shown where there is room)
    forward: str
    seconds: str
    previous_chapter: str
    next_chapter: str
    speed: str
    position: str
    # the embed
    listen_to: str  #: its name, and its frame's title; `{title}` is the episode's
    close: str
    full_player: str
    new_tab: str  #: said after a link that opens a new tab
    # the index of all episodes, the transcript, the book, the feed
    subscribe: str
    about: str  #: "about 12 minutes"; `{duration}` is the time in words
    transcript_title: str  #: `{title}` is the episode's
    start_time: str  #: a transcript passage's time link
    contents: str  #: the EPUB's table of contents
    feed_chapters: str  #: before the chapters' timestamps in an episode's description
    # said by the player's script (SCRIPT_TEXTS)
    playing: str
    paused: str
    chapter_of: str  #: `{number}`, `{count}`, `{title}`
    speed_said: str  #: `{speed}` is "1.5" in the locale's digits
    code_copied: str
    code_selected: str
    highlighting_on: str
    highlighting_off: str
    position_of: str  #: the seek bar's value: `{position}` of `{length}`, each in words

    def time(self, seconds: int) -> str:
        """A time in words: "1 hour 2 minutes 5 seconds", "12 Minuten", "0 sekund"."""
        hours, rest = divmod(seconds, 3600)
        minutes, rest = divmod(rest, 60)
        said = [self.count(n, unit) for n, unit in ((hours, "hour"), (minutes, "minute"),
                                                     (rest, "second")) if n]
        return " ".join(said) or self.count(0, "second")

    def count(self, n: int, unit: str) -> str:
        """`n` hours, minutes or seconds, in the locale's plural: "1 Minute", "5 minut"."""
        return format_unit(n, f"duration-{unit}", length="long", locale=self.lang)

    def number(self, value: float) -> str:
        """A number as the locale writes it: "1.5", "1,5"."""
        return format_decimal(value, locale=self.lang)

    def credit(self, voices: list[dict]) -> str:
        """Every voice of a record, in words ("a, b and c (dataset licence: CC0)");
        empty when it names none."""
        credits = [self.voice(voice) for voice in voices]
        return f" {self.and_} ".join(filter(None, [", ".join(credits[:-1]), *credits[-1:]]))

    def voice(self, voice: dict) -> str:
        """One voice of a record: "de_DE-thorsten-medium (dataset licence: CC0)"."""
        licence = voice.get("licence")
        return f"{voice['name']} ({self.licence}: {licence})" if licence else voice["name"]

    def for_script(self) -> str:
        """What the player's script says, and the locale it says times in, as JSON."""
        texts = asdict(self)
        return json.dumps({"locale": self.lang, **{name: texts[name] for name in SCRIPT_TEXTS}},
                          ensure_ascii=False, separators=(",", ":"))

    def page_lang(self, tag: str) -> str:
        """The `lang` of a page about a text in `tag`: the tag itself when the table is
        in its language, else the table's (the text is then marked as in `tag`)."""
        return tag if same_language(tag, self.lang) else self.lang


def foreign(tag: str | None, page_lang: str) -> dict[str, str]:
    """The `lang` attribute of a text in `tag` on a page in `page_lang`: none when
    they are one language."""
    return {"lang": tag} if tag and not same_language(tag, page_lang) else {}


LABELS: dict[str, Labels] = {
    "en": Labels(
        lang="en",
        skip="Skip to the article", all_episodes="All episodes of {show}", read_by="Read by {voices}.",
        licence="dataset licence", and_="and", player="Player", chapters="Chapters",
        transcript="Transcript", follow="Highlight the passage being read", play_from="Play from {time}",
        downloads="Downloads", audio_file="Audio ({format})",
        epub="Talking book (EPUB 3 with text and audio together)",
        transcript_page="Transcript (web page)", captions="Captions (WebVTT)",
        daisy="Talking book (DAISY 2.02)", embed_heading="Embed this episode",
        embed_help="To play this episode on another page, such as the article's own, "
                   "paste this code into it:",
        copy="Copy the code", shortcuts="Keyboard shortcuts",
        shortcuts_help="Tab moves through every control. These shortcuts work anywhere on the page:",
        shortcut_play="play or pause", shortcut_back="back 15 seconds",
        shortcut_forward="forward 15 seconds", shortcut_previous="previous chapter",
        shortcut_next="next chapter", shortcut_speed="next speed",
        slider_help="On the position slider, the arrow keys move 5 seconds, Page Up and Page Down "
                    "to the next or previous chapter (marked on the slider), Home and End to "
                    "the start and the end.",
        no_audio="Your browser cannot play this audio here; {link}.", download_it="download it",
        play="Play", pause="Pause", back="Back 15", forward="Forward 15", seconds=" seconds",
        previous_chapter="Previous chapter", next_chapter="Next chapter", speed="Speed",
        position="Position",
        listen_to="Listen to: {title}", close="Close", full_player="Full player",
        new_tab=" (opens in a new tab)",
        subscribe="Subscribe with the podcast feed", about="about {duration}",
        transcript_title="Transcript: {title}", start_time="Start time", contents="Contents",
        feed_chapters="Chapters:",
        playing="Playing", paused="Paused", chapter_of="Chapter {number} of {count}: {title}",
        speed_said="Speed {speed} times", code_copied="Code copied",
        code_selected="Code selected: press Control+C to copy it",
        highlighting_on="Highlighting on", highlighting_off="Highlighting off",
        position_of="{position} of {length}"),
    "de": Labels(
        lang="de",
        skip="Zum Artikel springen", all_episodes="Alle Folgen von {show}",
        read_by="Gelesen von {voices}.", licence="Lizenz des Datensatzes", and_="und",
        player="Player", chapters="Kapitel", transcript="Transkript",
        follow="Gelesene Passage hervorheben", play_from="Ab {time} abspielen",
        downloads="Downloads", audio_file="Audio ({format})",
        epub="Hörbuch (EPUB 3, Text und Ton zusammen)", transcript_page="Transkript (Webseite)",
        captions="Untertitel (WebVTT)", daisy="Hörbuch (DAISY 2.02)",
        embed_heading="Diese Folge einbetten",
        embed_help="Um diese Folge auf einer anderen Seite abzuspielen, etwa auf der des Artikels, "
                   "fügen Sie diesen Code dort ein:",
        copy="Code kopieren", shortcuts="Tastenkürzel",
        shortcuts_help="Mit der Tabulatortaste erreichen Sie jedes Bedienelement. Diese "
                       "Tastenkürzel wirken überall auf der Seite:",
        shortcut_play="abspielen oder pausieren", shortcut_back="15 Sekunden zurück",
        shortcut_forward="15 Sekunden vor", shortcut_previous="vorheriges Kapitel",
        shortcut_next="nächstes Kapitel", shortcut_speed="nächste Geschwindigkeit",
        slider_help="Auf dem Positionsregler springen die Pfeiltasten um 5 Sekunden, Bild auf und "
                    "Bild ab zum nächsten oder vorherigen Kapitel (auf dem Regler markiert), Pos1 "
                    "und Ende an den Anfang und ans Ende.",
        no_audio="Ihr Browser kann dieses Audio hier nicht abspielen; {link}.",
        download_it="laden Sie es herunter",
        play="Abspielen", pause="Pause", back="Zurück 15", forward="Vorwärts 15", seconds=" Sekunden",
        previous_chapter="Vorheriges Kapitel", next_chapter="Nächstes Kapitel",
        speed="Geschwindigkeit", position="Position",
        listen_to="Anhören: {title}", close="Schließen", full_player="Vollständiger Player",
        new_tab=" (öffnet in einem neuen Tab)",
        subscribe="Mit dem Podcast-Feed abonnieren", about="etwa {duration}",
        transcript_title="Transkript: {title}", start_time="Startzeit", contents="Inhalt",
        feed_chapters="Kapitel:",
        playing="Wiedergabe", paused="Pausiert", chapter_of="Kapitel {number} von {count}: {title}",
        speed_said="Geschwindigkeit {speed}-fach", code_copied="Code kopiert",
        code_selected="Code markiert: zum Kopieren Strg+C drücken",
        highlighting_on="Hervorhebung an", highlighting_off="Hervorhebung aus",
        position_of="{position} von {length}"),
    "fr": Labels(
        lang="fr",
        skip="Aller à l'article", all_episodes="Tous les épisodes de {show}", read_by="Lu par {voices}.",
        licence="licence des données", and_="et", player="Lecteur", chapters="Chapitres",
        transcript="Transcription", follow="Surligner le passage lu",
        play_from="Lire à partir de {time}", downloads="Téléchargements", audio_file="Audio ({format})",
        epub="Livre audio (EPUB 3, texte et son ensemble)",
        transcript_page="Transcription (page web)", captions="Sous-titres (WebVTT)",
        daisy="Livre audio (DAISY 2.02)", embed_heading="Intégrer cet épisode",
        embed_help="Pour lire cet épisode sur une autre page, par exemple celle de l'article, "
                   "collez-y ce code :",
        copy="Copier le code", shortcuts="Raccourcis clavier",
        shortcuts_help="La touche Tab parcourt toutes les commandes. Ces raccourcis fonctionnent "
                       "partout sur la page :",
        shortcut_play="lecture ou pause", shortcut_back="reculer de 15 secondes",
        shortcut_forward="avancer de 15 secondes", shortcut_previous="chapitre précédent",
        shortcut_next="chapitre suivant", shortcut_speed="vitesse suivante",
        slider_help="Sur le curseur de position, les flèches déplacent de 5 secondes, Page haut et "
                    "Page bas mènent au chapitre suivant ou précédent (marqués sur le curseur), "
                    "Début et Fin au début et à la fin.",
        no_audio="Votre navigateur ne peut pas lire cet audio ici ; {link}.",
        download_it="téléchargez-le",
        play="Lecture", pause="Pause", back="Reculer de 15", forward="Avancer de 15",
        seconds=" secondes", previous_chapter="Chapitre précédent", next_chapter="Chapitre suivant",
        speed="Vitesse", position="Position",
        listen_to="Écouter : {title}", close="Fermer", full_player="Lecteur complet",
        new_tab=" (s'ouvre dans un nouvel onglet)",
        subscribe="S'abonner avec le flux du podcast", about="environ {duration}",
        transcript_title="Transcription : {title}", start_time="Début", contents="Sommaire",
        feed_chapters="Chapitres :",
        playing="Lecture en cours", paused="En pause",
        chapter_of="Chapitre {number} sur {count} : {title}", speed_said="Vitesse {speed}×",
        code_copied="Code copié", code_selected="Code sélectionné : appuyez sur Ctrl+C pour le copier",
        highlighting_on="Surlignage activé", highlighting_off="Surlignage désactivé",
        position_of="{position} sur {length}"),
    "es": Labels(
        lang="es",
        skip="Saltar al artículo", all_episodes="Todos los episodios de {show}",
        read_by="Leído por {voices}.", licence="licencia de los datos", and_="y",
        player="Reproductor", chapters="Capítulos", transcript="Transcripción",
        follow="Resaltar el pasaje que se lee", play_from="Reproducir desde {time}",
        downloads="Descargas", audio_file="Audio ({format})",
        epub="Audiolibro (EPUB 3, texto y audio juntos)", transcript_page="Transcripción (página web)",
        captions="Subtítulos (WebVTT)", daisy="Audiolibro (DAISY 2.02)",
        embed_heading="Insertar este episodio",
        embed_help="Para reproducir este episodio en otra página, como la del propio artículo, "
                   "pega en ella este código:",
        copy="Copiar el código", shortcuts="Atajos de teclado",
        shortcuts_help="Tab recorre todos los controles. Estos atajos funcionan en cualquier parte "
                       "de la página:",
        shortcut_play="reproducir o pausar", shortcut_back="retroceder 15 segundos",
        shortcut_forward="avanzar 15 segundos", shortcut_previous="capítulo anterior",
        shortcut_next="capítulo siguiente", shortcut_speed="velocidad siguiente",
        slider_help="En el control de posición, las flechas mueven 5 segundos, Re Pág y Av Pág "
                    "llevan al capítulo siguiente o anterior (marcados en el control), Inicio y Fin "
                    "al principio y al final.",
        no_audio="Tu navegador no puede reproducir este audio aquí; {link}.", download_it="descárgalo",
        play="Reproducir", pause="Pausa", back="Retroceder 15", forward="Avanzar 15",
        seconds=" segundos", previous_chapter="Capítulo anterior", next_chapter="Capítulo siguiente",
        speed="Velocidad", position="Posición",
        listen_to="Escuchar: {title}", close="Cerrar", full_player="Reproductor completo",
        new_tab=" (se abre en una pestaña nueva)",
        subscribe="Suscribirse con el feed del pódcast", about="aprox. {duration}",
        transcript_title="Transcripción: {title}", start_time="Inicio", contents="Índice",
        feed_chapters="Capítulos:",
        playing="Reproduciendo", paused="En pausa", chapter_of="Capítulo {number} de {count}: {title}",
        speed_said="Velocidad {speed}×", code_copied="Código copiado",
        code_selected="Código seleccionado: pulsa Control+C para copiarlo",
        highlighting_on="Resaltado activado", highlighting_off="Resaltado desactivado",
        position_of="{position} de {length}"),
    "it": Labels(
        lang="it",
        skip="Vai all'articolo", all_episodes="Tutti gli episodi di {show}", read_by="Letto da {voices}.",
        licence="licenza dei dati", and_="e", player="Lettore", chapters="Capitoli",
        transcript="Trascrizione", follow="Evidenzia il passaggio in lettura",
        play_from="Riproduci da {time}", downloads="Download", audio_file="Audio ({format})",
        epub="Audiolibro (EPUB 3, testo e audio insieme)",
        transcript_page="Trascrizione (pagina web)", captions="Sottotitoli (WebVTT)",
        daisy="Audiolibro (DAISY 2.02)", embed_heading="Incorpora questo episodio",
        embed_help="Per riprodurre questo episodio in un'altra pagina, come quella dell'articolo, "
                   "incolla lì questo codice:",
        copy="Copia il codice", shortcuts="Scorciatoie da tastiera",
        shortcuts_help="Il tasto Tab raggiunge ogni comando. Queste scorciatoie funzionano ovunque "
                       "nella pagina:",
        shortcut_play="riproduci o metti in pausa", shortcut_back="indietro di 15 secondi",
        shortcut_forward="avanti di 15 secondi", shortcut_previous="capitolo precedente",
        shortcut_next="capitolo successivo", shortcut_speed="velocità successiva",
        slider_help="Sul cursore della posizione, le frecce spostano di 5 secondi, Pagina su e "
                    "Pagina giù al capitolo successivo o precedente (segnati sul cursore), Home e "
                    "Fine all'inizio e alla fine.",
        no_audio="Il tuo browser non può riprodurre questo audio qui; {link}.", download_it="scaricalo",
        play="Riproduci", pause="Pausa", back="Indietro di 15", forward="Avanti di 15",
        seconds=" secondi", previous_chapter="Capitolo precedente", next_chapter="Capitolo successivo",
        speed="Velocità", position="Posizione",
        listen_to="Ascolta: {title}", close="Chiudi", full_player="Lettore completo",
        new_tab=" (si apre in una nuova scheda)",
        subscribe="Abbonati con il feed del podcast", about="circa {duration}",
        transcript_title="Trascrizione: {title}", start_time="Inizio", contents="Indice",
        feed_chapters="Capitoli:",
        playing="In riproduzione", paused="In pausa", chapter_of="Capitolo {number} di {count}: {title}",
        speed_said="Velocità {speed}×", code_copied="Codice copiato",
        code_selected="Codice selezionato: premi Ctrl+C per copiarlo",
        highlighting_on="Evidenziazione attiva", highlighting_off="Evidenziazione disattivata",
        position_of="{position} di {length}"),
    "nl": Labels(
        lang="nl",
        skip="Naar het artikel", all_episodes="Alle afleveringen van {show}",
        read_by="Voorgelezen door {voices}.", licence="licentie van de dataset", and_="en",
        player="Speler", chapters="Hoofdstukken", transcript="Transcriptie",
        follow="Voorgelezen passage markeren", play_from="Afspelen vanaf {time}",
        downloads="Downloads", audio_file="Audio ({format})",
        epub="Luisterboek (EPUB 3, tekst en audio samen)", transcript_page="Transcriptie (webpagina)",
        captions="Ondertitels (WebVTT)", daisy="Luisterboek (DAISY 2.02)",
        embed_heading="Deze aflevering insluiten",
        embed_help="Om deze aflevering op een andere pagina af te spelen, zoals die van het artikel "
                   "zelf, plak je deze code daarin:",
        copy="Code kopiëren", shortcuts="Sneltoetsen",
        shortcuts_help="Met Tab bereik je elke knop. Deze sneltoetsen werken overal op de pagina:",
        shortcut_play="afspelen of pauzeren", shortcut_back="15 seconden terug",
        shortcut_forward="15 seconden vooruit", shortcut_previous="vorig hoofdstuk",
        shortcut_next="volgend hoofdstuk", shortcut_speed="volgende snelheid",
        slider_help="Op de positieschuifregelaar verspringen de pijltoetsen 5 seconden, Page Up en "
                    "Page Down naar het volgende of vorige hoofdstuk (gemarkeerd op de regelaar), "
                    "Home en End naar het begin en het einde.",
        no_audio="Je browser kan deze audio hier niet afspelen; {link}.",
        download_it="download het bestand",
        play="Afspelen", pause="Pauzeren", back="Terug 15", forward="Vooruit 15", seconds=" seconden",
        previous_chapter="Vorig hoofdstuk", next_chapter="Volgend hoofdstuk", speed="Snelheid",
        position="Positie",
        listen_to="Luister: {title}", close="Sluiten", full_player="Volledige speler",
        new_tab=" (opent in een nieuw tabblad)",
        subscribe="Abonneren via de podcastfeed", about="ongeveer {duration}",
        transcript_title="Transcriptie: {title}", start_time="Begintijd", contents="Inhoud",
        feed_chapters="Hoofdstukken:",
        playing="Wordt afgespeeld", paused="Gepauzeerd", chapter_of="Hoofdstuk {number} van {count}: {title}",
        speed_said="Snelheid {speed}×", code_copied="Code gekopieerd",
        code_selected="Code geselecteerd: druk op Ctrl+C om te kopiëren",
        highlighting_on="Markering aan", highlighting_off="Markering uit",
        position_of="{position} van {length}"),
    # Portuguese: where Portugal and Brazil say it differently, words both understand
    "pt": Labels(
        lang="pt",
        skip="Ir para o artigo", all_episodes="Todos os episódios de {show}", read_by="Lido por {voices}.",
        licence="licença dos dados", and_="e", player="Reprodutor", chapters="Capítulos",
        transcript="Transcrição", follow="Destacar o trecho lido", play_from="Reproduzir a partir de {time}",
        downloads="Downloads", audio_file="Áudio ({format})",
        epub="Audiolivro (EPUB 3, texto e áudio juntos)", transcript_page="Transcrição (página web)",
        captions="Legendas (WebVTT)", daisy="Audiolivro (DAISY 2.02)",
        embed_heading="Incorporar este episódio",
        embed_help="Para reproduzir este episódio em outra página, como a do próprio artigo, "
                   "cole nela este código:",
        copy="Copiar o código", shortcuts="Atalhos de teclado",
        shortcuts_help="A tecla Tab percorre todos os comandos. Estes atalhos funcionam em qualquer "
                       "parte da página:",
        shortcut_play="reproduzir ou pausar", shortcut_back="recuar 15 segundos",
        shortcut_forward="avançar 15 segundos", shortcut_previous="capítulo anterior",
        shortcut_next="próximo capítulo", shortcut_speed="próxima velocidade",
        slider_help="No cursor de posição, as setas movem 5 segundos, Page Up e Page Down levam ao "
                    "capítulo seguinte ou anterior (marcados no cursor), Home e End ao início e ao "
                    "fim.",
        no_audio="O seu navegador não consegue reproduzir este áudio aqui; {link}.",
        download_it="faça o download",
        play="Reproduzir", pause="Pausa", back="Recuar 15", forward="Avançar 15", seconds=" segundos",
        previous_chapter="Capítulo anterior", next_chapter="Próximo capítulo", speed="Velocidade",
        position="Posição",
        listen_to="Ouvir: {title}", close="Fechar", full_player="Reprodutor completo",
        new_tab=" (abre em uma nova aba)",
        subscribe="Assinar com o feed do podcast", about="cerca de {duration}",
        transcript_title="Transcrição: {title}", start_time="Início", contents="Sumário",
        feed_chapters="Capítulos:",
        playing="Em reprodução", paused="Em pausa", chapter_of="Capítulo {number} de {count}: {title}",
        speed_said="Velocidade {speed}×", code_copied="Código copiado",
        code_selected="Código selecionado: use Ctrl+C para copiar",
        highlighting_on="Destaque ativado", highlighting_off="Destaque desativado",
        position_of="{position} de {length}"),
    "pl": Labels(
        lang="pl",
        skip="Przejdź do artykułu", all_episodes="Wszystkie odcinki: {show}", read_by="Czyta: {voices}.",
        licence="licencja danych", and_="i", player="Odtwarzacz", chapters="Rozdziały",
        transcript="Transkrypcja", follow="Wyróżniaj czytany fragment", play_from="Odtwórz od {time}",
        downloads="Pliki do pobrania", audio_file="Dźwięk ({format})",
        epub="Książka mówiona (EPUB 3, tekst i dźwięk razem)",
        transcript_page="Transkrypcja (strona internetowa)", captions="Napisy (WebVTT)",
        daisy="Książka mówiona (DAISY 2.02)", embed_heading="Osadź ten odcinek",
        embed_help="Aby odtwarzać ten odcinek na innej stronie, na przykład na stronie artykułu, "
                   "wklej do niej ten kod:",
        copy="Kopiuj kod", shortcuts="Skróty klawiszowe",
        shortcuts_help="Klawisz Tab przechodzi przez wszystkie przyciski. Te skróty działają na "
                       "całej stronie:",
        shortcut_play="odtwórz lub wstrzymaj", shortcut_back="cofnij o 15 sekund",
        shortcut_forward="do przodu o 15 sekund", shortcut_previous="poprzedni rozdział",
        shortcut_next="następny rozdział", shortcut_speed="następna prędkość",
        slider_help="Na suwaku pozycji strzałki przesuwają o 5 sekund, Page Up i Page Down do "
                    "następnego lub poprzedniego rozdziału (zaznaczonych na suwaku), Home i End na "
                    "początek i na koniec.",
        no_audio="Twoja przeglądarka nie może tu odtworzyć tego nagrania; {link}.",
        download_it="pobierz je",
        play="Odtwórz", pause="Wstrzymaj", back="Cofnij o 15", forward="Do przodu o 15",
        seconds=" sekund", previous_chapter="Poprzedni rozdział", next_chapter="Następny rozdział",
        speed="Prędkość", position="Pozycja",
        listen_to="Posłuchaj: {title}", close="Zamknij", full_player="Pełny odtwarzacz",
        new_tab=" (otwiera się w nowej karcie)",
        subscribe="Subskrybuj przez kanał podcastu", about="czas: {duration}",
        transcript_title="Transkrypcja: {title}", start_time="Początek", contents="Spis treści",
        feed_chapters="Rozdziały:",
        playing="Odtwarzanie", paused="Wstrzymano", chapter_of="Rozdział {number} z {count}: {title}",
        speed_said="Prędkość {speed}×", code_copied="Skopiowano kod",
        code_selected="Zaznaczono kod: naciśnij Ctrl+C, aby go skopiować",
        highlighting_on="Wyróżnianie włączone", highlighting_off="Wyróżnianie wyłączone",
        position_of="{position} z {length}"),
}


def labels(lang: str | None) -> Labels:
    """The pages' words for a text in `lang` (its primary subtag), else English."""
    return LABELS[written_in(lang, LABELS)]

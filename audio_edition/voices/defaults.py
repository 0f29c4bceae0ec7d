"""The default voice of every language of the catalogue (and of a few regions).

Chosen once, by one rule, among the catalogue's medium and high voices: medium
before high (it reads about twice as fast and sounds nearly as good); a dataset
licence that allows commercial use (CC0, public domain, CC BY, CC BY-SA, MIT,
Apache) before one that does not or that the model card leaves open ("See URL",
"Unknown", NC); one speaker before many; then the first key. Where a language has
only voices of the second kind, that voice is still its default: it is better
than eSpeak NG, and the README says which licence it carries. A publisher who
wants another voice names it in `[voices]`.
"""
from __future__ import annotations

#: language (or language-region, lower case) -> catalogue key
DEFAULT_VOICES: dict[str, str] = {
    "ar": "ar_JO-kareem-medium",
    "bg": "bg_BG-dimitar-medium",
    "bn": "bn_BD-google-medium",
    "ca": "ca_ES-upc_ona-medium",
    "cs": "cs_CZ-jirka-medium",
    "cy": "cy_GB-bu_tts-medium",
    "da": "da_DK-talesyntese-medium",
    "de": "de_DE-thorsten-medium",
    "el": "el_GR-rapunzelina-medium",
    "en": "en_US-joe-medium",
    "en-gb": "en_GB-cori-medium",
    "es": "es_ES-davefx-medium",
    "es-ar": "es_AR-daniela-high",
    "es-mx": "es_MX-ald-medium",
    "et": "et_EE-news-medium",
    "eu": "eu_ES-antton-medium",
    "fa": "fa_IR-amir-medium",
    "fi": "fi_FI-harri-medium",
    "fr": "fr_FR-siwis-medium",
    "he": "he_IL-saspeech-medium",
    "hi": "hi_IN-rohan-medium",
    "hu": "hu_HU-anna-medium",
    "hy": "hy_AM-gor-medium",
    "id": "id_ID-news_tts-medium",
    "is": "is_IS-bui-medium",
    "it": "it_IT-serena-medium",
    "ja": "ja_JA-hi_fi_captain-medium",
    "ka": "ka_GE-natia-medium",
    "kk": "kk_KZ-issai-high",
    "ko": "ko_KR-kss-medium",
    "ku": "ku_TR-berfin_renas-medium",
    "lb": "lb_LU-marylux-medium",
    "lv": "lv_LV-aivars-medium",
    "ml": "ml_IN-meera-medium",
    "mr": "mr_IN-google-medium",
    "nb": "no_NO-talesyntese-medium",  # Norwegian Bokmål: the catalogue files it under "no"
    "ne": "ne_NP-chitwan-medium",
    "nl": "nl_NL-pim-medium",
    "nl-be": "nl_BE-nathalie-medium",
    "no": "no_NO-talesyntese-medium",
    "pl": "pl_PL-darkman-medium",
    "pt": "pt_BR-faber-medium",
    "pt-pt": "pt_PT-tugão-medium",
    "ro": "ro_RO-mihai-medium",
    "ru": "ru_RU-denis-medium",
    "sk": "sk_SK-lili-medium",
    "sl": "sl_SI-artur-medium",
    "sq": "sq_AL-edon-medium",
    "sr": "sr_RS-serbski_institut-medium",
    "sv": "sv_SE-nst-medium",
    "sw": "sw_CD-lanfrica-medium",
    "te": "te_IN-padmavathi-medium",
    "th": "th_TH-tsync2-medium",
    "tr": "tr_TR-dfki-medium",
    "uk": "uk_UA-ukrainian_tts-medium",
    "ur": "ur_PK-aegis_female-medium",
    "vi": "vi_VN-vais1000-medium",
    "zh": "zh_CN-chaowen-medium",
}

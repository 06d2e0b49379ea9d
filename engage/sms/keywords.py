"""Which control word, if any, a patient's text carries: opt-out, opt-in, help, language.

The rule, and why:

* **Opt-out is broad.** Under the FCC's 2024 revocation rule (47 CFR 64.1200(a)(10))
  a patient may revoke consent "in any reasonable manner": STOP, QUIT, END, REVOKE,
  OPT OUT, CANCEL and UNSUBSCRIBE in a reply revoke it per se, and other wording
  that a reasonable person would read as "stop texting me" must be honoured too.
  So a message carrying an opt-out word *as a whole word anywhere* is an opt-out
  ("please stop texting me", "Stop!!", "STOP ALL"), and so are a few clear phrases
  ("no more texts", "don't text me", "no me envíen", "dar de baja"). Letters inside
  another word never count: "stopped by", "backend", "endless", "unstoppable".
  We err on the patient's side: "I can't stop coughing" or "cancel my appointment"
  opts out too. Telling the two apart needs a judgement the law puts on the sender,
  and a wrong guess keeps texting someone who asked us to stop; a wrong opt-out
  costs one confirmation that says how to resume (reply START) and how to call.
* **Except ordinary words.** Spanish ALTO ("high") and BAJA ("low"), NO MÁS ("no
  more"), the unaccented Vietnamese HUY (also a common name) and the Chinese
  convention TD are opt-outs only when they are the whole message: "el costo es
  muy alto" or "no más esperas largas" is a survey answer no reasonable reader
  takes as a revocation, while "ALTO" alone is.
* **Everything else is exact.** HELP, opt-in and language words count only when
  they are the whole message (after folding), so "help me understand question 2"
  or "yes, but only on weekends" stay answers.
* **Opt-in words are also answers.** YES and SÍ (and START) answer yes/no
  questions too. :func:`match_keyword` reports OPT_IN for them whatever the
  patient's state; only the caller knows whether the patient is opted out, and
  it must treat OPT_IN as an opt-in only then, and as an ordinary reply otherwise.
* **Opt-out and help words of every language always count**, offered or not: a
  patient may stop in any language we know. A language keyword counts only for an
  offered language (a patient cannot switch to a language we have no texts in).

Folding: Unicode compatibility forms (full-width "ＳＴＯＰ" from a Chinese keyboard
is "stop"), case, surrounding and inner punctuation and spaces; apostrophes vanish
("don't" is "dont"). Arabic short vowels and tatweel are dropped and the alef forms
أ إ آ read as ا, since writers add or leave them freely ("إلغاء" = "الغاء").

Accents are folded only where that is safe: each word also matches its unaccented
spelling ("ESPANOL", "NGUNG", "TIENG VIET", "no me envien"), because many phones
type without them, except where the unaccented spelling is another common word:
Vietnamese "dừng" (stop) without its marks is "dung", which is also "đúng" (yes,
correct), and "hủy" (cancel) is "huy" (a name). Those match only with their marks
(and "huy" alone, as a whole message, as above). Chinese has no spaces between
words, so every ideograph is its own word: "请停止发短信" carries "停止".

Pure functions: no Flask, so the rules are tested alone.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

Tokens = tuple[str, ...]


class Keyword(enum.StrEnum):
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    HELP = "help"
    LANGUAGE = "language"


@dataclass(frozen=True)
class KeywordMatch:
    """A control word found in a text; ``language`` is set for LANGUAGE only (the code)."""

    kind: Keyword
    language: str | None = None


@dataclass(frozen=True)
class _Word:
    text: str
    kind: Keyword
    anywhere: bool = False  # counts as a whole word anywhere in a message (opt-out only)
    accents_matter: bool = False  # its unaccented spelling is another common word
    language: str | None = None  # the code a LANGUAGE word switches to


def _opt_out(*words: str, anywhere: bool = True, accents_matter: bool = False) -> list[_Word]:
    return [_Word(w, Keyword.OPT_OUT, anywhere, accents_matter) for w in words]


def _exact(kind: Keyword, *words: str, accents_matter: bool = False) -> list[_Word]:
    return [_Word(w, kind, accents_matter=accents_matter) for w in words]


def _language(code: str, *words: str) -> list[_Word]:
    return [_Word(w, Keyword.LANGUAGE, language=code) for w in words]


WORDS: tuple[_Word, ...] = (
    # The FCC's seven, carriers' usual ones, and clear phrases.
    *_opt_out("stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout"),
    *_opt_out("opt out", "no more texts", "no more text", "no more messages", "no more sms"),
    *_opt_out("dont text me", "do not text me", "dont message me", "do not message me"),
    *_opt_out("remove me", "take me off"),
    # Spanish.
    *_opt_out("parar", "cancelar", "dar de baja", "darme de baja", "denme de baja"),
    *_opt_out("no más mensajes", "no más textos", "no me envíen", "no me envíes"),
    *_opt_out("no me manden", "no me mandes", "no me escriban", "no quiero mensajes"),
    # Vietnamese: dừng / ngừng / ngưng (stop), hủy (cancel), hủy đăng ký (unsubscribe).
    *_opt_out("ngừng", "ngưng", "hủy đăng ký"),
    *_opt_out("dừng", "hủy", accents_matter=True),
    # Chinese: 停止 (stop), 退订 (unsubscribe), 取消 (cancel).
    *_opt_out("停止", "退订", "取消"),
    # Arabic: توقف / أوقف (stop), إلغاء (cancel), إيقاف (stopping).
    *_opt_out("توقف", "أوقف", "إلغاء", "إيقاف"),
    # Ordinary words elsewhere: an opt-out only as the whole message.
    *_opt_out("alto", "baja", "no más", "huy", "td", anywhere=False),
    *_exact(Keyword.OPT_IN, "start", "yes", "unstop", "comenzar", "sí", "bắt đầu", "开始"),
    *_exact(Keyword.OPT_IN, "ابدأ", "نعم", "是"),
    *_exact(Keyword.OPT_IN, "có", accents_matter=True),
    *_exact(Keyword.HELP, "help", "info", "ayuda", "giúp", "trợ giúp", "帮助", "مساعدة"),
    *_language("en", "english", "inglés"),
    *_language("es", "español", "spanish"),
    *_language("vi", "tiếng việt", "vietnamese"),
    *_language("zh_Hans", "中文", "chinese", "简体中文"),
    *_language("ar", "العربية", "arabic", "عربي"),
)

_ARABIC_ALEFS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ـ": None})
_APOSTROPHES = str.maketrans({"'": None, "’": None, "‘": None, "`": None, "´": None})
# Letters the Unicode decomposition leaves whole but a plain keyboard spells without marks.
_PLAIN_LETTERS = str.maketrans({"đ": "d", "ø": "o", "ł": "l"})


def _is_ideograph(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF


def fold(text: str, *, keep_accents: bool = True) -> Tokens:
    """The words of ``text`` as matching sees them (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    # Arabic short vowels and Latin accents are both combining marks after NFD.
    decomposed = unicodedata.normalize("NFD", text.translate(_ARABIC_ALEFS))
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.category(char) == "Mn":
            arabic = 0x0610 <= ord(char) <= 0x061A or 0x064B <= ord(char) <= 0x0670
            if keep_accents and not arabic:
                kept.append(char)
        elif char.isalnum():
            kept.append(f" {char} " if _is_ideograph(char) else char)
        else:
            kept.append(" ")
    text = unicodedata.normalize("NFC", "".join(kept))
    if not keep_accents:
        text = text.translate(_PLAIN_LETTERS)
    return tuple(text.split())


def _index() -> tuple[dict[Tokens, _Word], dict[Tokens, _Word], dict[Tokens, _Word]]:
    """Exact spellings, unaccented exact spellings, and the broad opt-out phrases."""
    exact: dict[Tokens, _Word] = {}
    plain: dict[Tokens, _Word] = {}
    anywhere: dict[Tokens, _Word] = {}
    for word in WORDS:
        spellings = [(exact, fold(word.text))]
        if not word.accents_matter:
            spellings.append((plain, fold(word.text, keep_accents=False)))
        for table, tokens in spellings:
            known = table.get(tokens, word)
            if (known.kind, known.language) != (word.kind, word.language):
                raise ValueError(f"keyword {word.text!r} collides with {known.text!r}")
            table.setdefault(tokens, word)
        if word.anywhere:
            anywhere[fold(word.text)] = word
            if not word.accents_matter:
                anywhere[fold(word.text, keep_accents=False)] = word
    return exact, plain, anywhere


_EXACT, _PLAIN, _ANYWHERE = _index()
_ANYWHERE_LONGEST = max(len(tokens) for tokens in _ANYWHERE)


def _carries_opt_out(kept: Tokens, plain: Tokens) -> bool:
    for tokens in (kept, plain):
        for start in range(len(tokens)):
            for length in range(1, min(_ANYWHERE_LONGEST, len(tokens) - start) + 1):
                if tokens[start : start + length] in _ANYWHERE:
                    return True
    return False


def match_keyword(text: str, offered_languages: Collection[str]) -> KeywordMatch | None:
    """The control word ``text`` carries, or None when it is an ordinary reply.

    Opt-out wins over everything ("STOP HELP" stops). OPT_IN is reported for
    START/YES/SÍ... whether or not the patient is opted out: the caller decides (see
    the module docstring). LANGUAGE carries the offered language's code.
    """
    kept = fold(text)
    if not kept:
        return None
    plain = fold(text, keep_accents=False)
    if _carries_opt_out(kept, plain):
        return KeywordMatch(Keyword.OPT_OUT)
    word = _EXACT.get(kept) or _PLAIN.get(plain)
    if word is None:
        return None
    if word.kind is Keyword.LANGUAGE:
        if word.language not in offered_languages:
            return None
        return KeywordMatch(Keyword.LANGUAGE, word.language)
    return KeywordMatch(word.kind)


# Letters only Vietnamese writes (of the languages engage offers), and marks that only
# Spanish uses; an unaccented Spanish or Vietnamese text cannot be told from English.
_VIETNAMESE_LETTERS = frozenset("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
_SPANISH_MARKS = frozenset("ñ¿¡")
_SPANISH_WORDS = frozenset({"hola", "ayuda", "gracias", "sí", "quién", "qué", "información"})


def guess_language(text: str, offered_languages: Collection[str]) -> str | None:
    """The offered language a stranger's text is most likely written in, if its letters
    say so (Arabic or Chinese script, Vietnamese letters, Spanish marks or words).

    Only for a number engage does not know: a participant's own preferred language
    always wins. None when the text gives no sign, and the caller answers in English.
    """
    lowered = unicodedata.normalize("NFC", text).lower()
    letters = set(lowered)
    if any("\u0600" <= char <= "\u06ff" for char in letters):
        guess = "ar"
    elif any(_is_ideograph(char) for char in letters):
        guess = "zh_Hans"
    elif letters & _VIETNAMESE_LETTERS:
        guess = "vi"
    elif letters & _SPANISH_MARKS or set(fold(lowered)) & _SPANISH_WORDS:
        guess = "es"
    else:
        return None
    return guess if guess in offered_languages else None

"""Keywords: every opt-out, opt-in, help and language word, in any case and dress, and no more."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engage.sms.keywords import Keyword, KeywordMatch, match_keyword

OFFERED = ["en", "es", "vi", "zh_Hans", "ar"]

OPT_OUT = KeywordMatch(Keyword.OPT_OUT)
OPT_IN = KeywordMatch(Keyword.OPT_IN)
HELP = KeywordMatch(Keyword.HELP)

OPT_OUT_WORDS = [
    *["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT"],
    *["PARAR", "ALTO", "CANCELAR", "BAJA"],
    *["DỪNG", "NGỪNG", "NGƯNG", "HỦY", "HỦY ĐĂNG KÝ"],
    *["停止", "退订", "取消"],
    *["توقف", "إلغاء", "الغاء", "إيقاف"],
]
OPT_IN_WORDS = ["START", "YES", "UNSTOP", "COMENZAR", "SÍ", "SI", "BẮT ĐẦU", "开始", "نعم"]
HELP_WORDS = ["HELP", "INFO", "AYUDA", "GIÚP", "TRỢ GIÚP", "帮助", "مساعدة"]
LANGUAGE_WORDS = [
    ("ENGLISH", "en"),
    ("ESPAÑOL", "es"),
    ("ESPANOL", "es"),
    ("SPANISH", "es"),
    ("TIẾNG VIỆT", "vi"),
    ("TIENG VIET", "vi"),
    ("VIETNAMESE", "vi"),
    ("中文", "zh_Hans"),
    ("CHINESE", "zh_Hans"),
    ("العربية", "ar"),
    ("ARABIC", "ar"),
]


def dressed(word: str) -> list[str]:
    """The ways a phone may deliver a word: any case, padding, punctuation, line breaks."""
    return [
        word,
        word.lower(),
        word.title(),
        f"  {word}  ",
        f"{word}!",
        f"{word}!!",
        f"{word}.",
        f'"{word}"',
        f"¡{word}!",
        f"{word}?",
        f"\n{word}\r\n",
        f"*{word}*",
    ]


def each_dressed(words: list[str]) -> list[str]:
    return [variant for word in words for variant in dressed(word)]


@pytest.mark.parametrize("text", each_dressed(OPT_OUT_WORDS))
def test_every_opt_out_word_opts_out(text):
    assert match_keyword(text, OFFERED) == OPT_OUT


@pytest.mark.parametrize("text", each_dressed(OPT_IN_WORDS))
def test_every_opt_in_word_is_an_opt_in(text):
    assert match_keyword(text, OFFERED) == OPT_IN


@pytest.mark.parametrize("text", each_dressed(HELP_WORDS))
def test_every_help_word_asks_for_help(text):
    assert match_keyword(text, OFFERED) == HELP


@pytest.mark.parametrize(("word", "code"), LANGUAGE_WORDS)
def test_every_language_word_switches_language(word, code):
    for text in dressed(word):
        assert match_keyword(text, OFFERED) == KeywordMatch(Keyword.LANGUAGE, code)


@pytest.mark.parametrize(("word", "code"), LANGUAGE_WORDS)
def test_a_language_word_counts_only_for_an_offered_language(word, code):
    offered = ["en"] if code != "en" else ["en", "es"]
    expected = KeywordMatch(Keyword.LANGUAGE, "en") if code == "en" else None
    assert match_keyword(word, offered) == expected


def test_opt_out_words_count_whatever_languages_are_offered():
    for word in OPT_OUT_WORDS:
        assert match_keyword(word, ["en"]) == OPT_OUT


@pytest.mark.parametrize(
    "text",
    [
        "Please stop texting me",
        "stop texting me please",
        "STOP ALL",
        "Stop!! Who is this?",
        "stop. now.",
        "I want to unsubscribe",
        "opt-out",
        "Opt-Out please",
        "please cancel these messages",
        "QUIT sending me this",
        "no more texts please",
        "No more messages!",
        "don't text me again",
        "Don’t text me",  # a curly apostrophe, as iPhones type it
        "do not text me",
        "remove me from this list",
        "take me off your list",
        "I can't stop coughing",  # ambiguous: we err on the patient's side (see keywords.py)
        "cancel my appointment",
        "ＳＴＯＰ",  # full-width, from a Chinese keyboard
        "Por favor parar los mensajes",
        "No me envíen más mensajes",
        "no me envien mas",
        "no me manden nada",
        "Quiero darme de baja",
        "dar de baja",
        "no más mensajes por favor",
        "Xin hãy dừng gửi tin nhắn",
        "toi muon ngung nhan tin",
        "hủy đăng ký",
        "huy dang ky",
        "请停止发短信",
        "我要退订",
        "STOP停止",
        "أرجو توقف الرسائل",
        "أوقف",
        "توقّف",  # with a shadda
        "إلغاء الاشتراك",
        "stop help",  # opt-out wins over help
    ],
)
def test_an_opt_out_among_other_words_opts_out(text):
    assert match_keyword(text, OFFERED) == OPT_OUT


@pytest.mark.parametrize(
    "text",
    [
        "I stopped by the clinic last week",
        "the backend was slow",
        "endless waiting",
        "the weekend is better",
        "unstoppable",
        "bus stops are far",
        "Quite good",
        "I would recommend it",
        "cancellation fee",
        "It was fine",
        "el costo es muy alto",  # "alto" here means "high", not "stop"
        "la calidad es baja",
        "no más esperas largas",
        "dung",  # unaccented: also "đúng" (yes, correct)
        "Đúng",
        "dùng thuốc",
        "Huy đây",  # a name
        "toi la Huy",
        "trung tâm y tế",
        "我们喜欢这个诊所",
        "شكرا",
        "2",
        "yes but only on weekends",
        "help me understand question 2",
        "information please",
        "english is fine but slow",
        "",
        "   ",
        "!!!",
        "😀",
    ],
)
def test_an_ordinary_reply_is_no_keyword(text):
    assert match_keyword(text, OFFERED) is None


@pytest.mark.parametrize("text", ["ALTO", "alto!", "Baja", "no más", "No mas", "HUY", "TD"])
def test_ordinary_words_opt_out_as_a_whole_message(text):
    assert match_keyword(text, OFFERED) == OPT_OUT


@pytest.mark.parametrize("text", ["Có", "có"])
def test_vietnamese_yes_needs_its_accent(text):
    assert match_keyword(text, OFFERED) == OPT_IN
    assert match_keyword("co", OFFERED) is None


@pytest.mark.parametrize("text", ["yes please", "START now", "help?!", "INFO."])
def test_help_and_opt_in_are_whole_messages(text):
    expected = {"yes please": None, "START now": None, "help?!": HELP, "INFO.": HELP}
    assert match_keyword(text, OFFERED) == expected[text]


safe_words = st.sampled_from(
    ["the", "clinic", "was", "good", "la", "clínica", "tốt", "很好", "جيد"]
)


@given(
    st.lists(safe_words, max_size=8),
    st.lists(safe_words, max_size=8),
    st.sampled_from([w for w in OPT_OUT_WORDS if w not in {"ALTO", "BAJA"}]),
)
def test_an_opt_out_word_anywhere_among_words_opts_out(before, after, word):
    text = " ".join([*before, word, *after])
    assert match_keyword(text, OFFERED) == OPT_OUT


@given(st.lists(safe_words, min_size=1, max_size=12))
def test_ordinary_words_never_match(words):
    assert match_keyword(" ".join(words), OFFERED) is None


@given(st.text())
def test_any_text_is_read_without_error(text):
    result = match_keyword(text, OFFERED)
    assert result is None or isinstance(result, KeywordMatch)


@given(st.text(), st.text(), st.sampled_from(["STOP", "stop", "Unsubscribe", "停止", "DỪNG"]))
def test_an_opt_out_word_set_apart_by_spaces_always_counts(before, after, word):
    assert match_keyword(f"{before} {word} {after}", OFFERED) == OPT_OUT

"""Segment counting: GSM-7 or UCS-2, 160/153 or 70/67, extension characters and emoji kept whole."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engage.sms.segments import GSM7_BASIC, GSM7_EXTENSION, SegmentInfo, describe, is_gsm7

BASIC = sorted(GSM7_BASIC)
EXTENSION = sorted(GSM7_EXTENSION)


def test_the_basic_alphabet_has_every_gsm_character_but_the_escape():
    assert len(GSM7_BASIC) == 127
    assert len(GSM7_EXTENSION) == 10


@pytest.mark.parametrize("char", BASIC)
def test_a_basic_character_is_one_septet(char):
    assert describe(char) == SegmentInfo("GSM-7", 1, 1)


@pytest.mark.parametrize("char", EXTENSION)
def test_an_extension_character_is_two_septets(char):
    info = describe(char)
    assert (info.encoding, info.characters, info.segments) == ("GSM-7", 2, 1)


@pytest.mark.parametrize("text", ["é è ù ì ò à", "ñ ü ö ä Ñ Ü Ö Ä É Ç ß Ø å Æ", "¿Qué tal el año?"])
def test_accents_in_the_gsm_alphabet_stay_gsm7(text):
    assert describe(text).encoding == "GSM-7"


@pytest.mark.parametrize("char", ["á", "í", "ó", "ú", "ç", "Á", "ã", "ê", "ư", "中", "ع", "’", "“"])
def test_other_characters_force_ucs2(char):
    info = describe(f"Hola {char}")
    assert info.encoding == "UCS-2"
    assert info.non_gsm == (char,)
    assert not is_gsm7(char)


def test_one_accent_makes_a_text_ucs2_and_costs_more_segments():
    plain = "Gracias por responder. Su opinion nos ayuda a mejorar la atencion en la clinica."
    accented = plain.replace("opinion", "opinión")
    assert describe(plain).encoding == "GSM-7"
    assert describe(plain).segments == 1
    assert describe(accented).encoding == "UCS-2"
    assert describe(accented).segments == 2
    assert describe(accented).non_gsm == ("ó",)


def test_an_emoji_is_two_utf16_code_units():
    info = describe("Thanks 😀")
    assert (info.encoding, info.characters) == ("UCS-2", 9)


@pytest.mark.parametrize(
    ("length", "segments"), [(1, 1), (160, 1), (161, 2), (306, 2), (307, 3), (459, 3), (460, 4)]
)
def test_gsm7_limits(length, segments):
    assert describe("a" * length).segments == segments


@pytest.mark.parametrize(
    ("length", "segments"), [(1, 1), (70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4)]
)
def test_ucs2_limits(length, segments):
    assert describe("á" * length).segments == segments


def test_extension_characters_count_two_towards_the_single_segment_limit():
    assert describe("€" * 80).segments == 1
    assert describe("€" * 80 + "a").segments == 2
    assert describe("a" * 152 + "€").segments == 1  # 154 septets still fit one segment


def test_an_extension_character_is_never_split_between_parts():
    # 306 septets would fill two parts exactly, but the € cannot straddle them.
    text = "a" * 152 + "€" + "a" * 152
    assert describe(text).characters == 306
    assert describe(text).segments == 3


def test_an_emoji_is_never_split_between_parts():
    text = "a" * 66 + "😀" + "a" * 66
    assert describe(text).characters == 134
    assert describe(text).segments == 3


def test_an_empty_text_costs_nothing():
    assert describe("").segments == 0
    assert describe("").characters == 0


def test_per_segment_room():
    assert describe("a").per_segment == 160
    assert describe("a" * 200).per_segment == 153
    assert describe("á").per_segment == 70
    assert describe("á" * 80).per_segment == 67


any_text = st.text(
    alphabet=st.one_of(st.sampled_from(BASIC + EXTENSION), st.characters()), max_size=400
)


@given(any_text, st.data())
def test_segments_never_fall_when_a_character_is_added(text, data):
    position = data.draw(st.integers(min_value=0, max_value=len(text)))
    char = data.draw(st.one_of(st.sampled_from(BASIC + EXTENSION), st.characters()))
    longer = text[:position] + char + text[position:]
    assert describe(longer).segments >= describe(text).segments


@given(any_text)
def test_segments_never_fall_along_a_text(text):
    counts = [describe(text[:end]).segments for end in range(len(text) + 1)]
    assert counts == sorted(counts)


@given(st.text(alphabet=st.sampled_from(BASIC), min_size=161, max_size=1000))
def test_a_long_basic_gsm_text_needs_ceil_n_over_153_parts(text):
    info = describe(text)
    assert info.encoding == "GSM-7"
    assert info.characters == len(text)
    assert info.segments == math.ceil(len(text) / 153)


@given(st.text(alphabet=st.sampled_from(BASIC), min_size=1, max_size=160))
def test_a_short_basic_gsm_text_is_one_segment(text):
    assert describe(text).segments == 1


@given(st.text(alphabet=st.characters(max_codepoint=0xFFFF), min_size=71, max_size=700))
def test_a_long_bmp_ucs2_text_needs_ceil_n_over_67_parts(text):
    info = describe("中" + text)
    assert info.encoding == "UCS-2"
    assert info.segments == math.ceil((len(text) + 1) / 67)


@given(any_text)
def test_a_segment_never_holds_more_than_its_room(text):
    info = describe(text)
    assert info.characters <= info.segments * info.per_segment

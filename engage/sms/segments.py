"""How many SMS segments a text costs, and in which encoding it travels.

A text goes as GSM-7 (7-bit septets) when every character is in the GSM 03.38
default alphabet or its extension table; otherwise the whole text goes as UCS-2
(UTF-16 code units), and a single character such as "á" or an emoji more than
halves what one segment holds. Carriers bill, and phones show, per segment, so
the campaign preview and the outbox count them the same way, here.

Limits: one segment holds 160 septets (GSM-7) or 70 code units (UCS-2). A longer
text is split into parts that each lose room to the concatenation header: 153
septets or 67 code units a part.

Two characters never straddle a part boundary, the rule phones and Twilio follow:
an extension character (its escape septet and its code, 2 septets) and a UTF-16
surrogate pair (an emoji, 2 code units) always stay whole in one part, so a part
may carry one unit less than its limit. Counting it any other way would promise
a part count the carrier does not deliver.

Pure functions: no Flask, so the counting is tested and benchmarked alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Encoding = Literal["GSM-7", "UCS-2"]

GSM7_SINGLE = 160
GSM7_PART = 153
UCS2_SINGLE = 70
UCS2_PART = 67

# GSM 03.38 default alphabet, in code order (0x00-0x7F; 0x1B, the escape, is left out).
# Position 0x09 is the capital Ç: the lower-case ç is not in the alphabet. Of the
# accented Latin letters only these are: é è ù ì ò à, Ä Ö Ñ Ü ä ö ñ ü, Å å Æ æ Ø ø É ß.
# So Spanish "á í ó ú" (and Vietnamese, Chinese, Arabic) force UCS-2.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ"
    " !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)

# The extension table: each costs an escape septet plus its own, 2 in all.
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")


@dataclass(frozen=True)
class SegmentInfo:
    """What a text costs.

    ``characters`` is the length a carrier counts: septets for GSM-7 (an extension
    character is 2), UTF-16 code units for UCS-2 (an emoji is 2). ``segments`` is 0
    for an empty text. ``non_gsm`` lists, in order of first use, the characters that
    forced UCS-2, so a preview can say "á makes this a 70-character text".
    """

    encoding: Encoding
    characters: int
    segments: int
    non_gsm: tuple[str, ...] = ()

    @property
    def per_segment(self) -> int:
        """Room in each segment at this text's length (160/153 or 70/67)."""
        if self.encoding == "GSM-7":
            return GSM7_SINGLE if self.segments <= 1 else GSM7_PART
        return UCS2_SINGLE if self.segments <= 1 else UCS2_PART


def is_gsm7(text: str) -> bool:
    """Whether every character of ``text`` travels in GSM-7."""
    return all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in text)


def gsm7_cost(char: str) -> int:
    """Septets one character takes in GSM-7 (2 for the extension table)."""
    return 2 if char in GSM7_EXTENSION else 1


def ucs2_cost(char: str) -> int:
    """UTF-16 code units one character takes: 2 outside the Basic Multilingual Plane."""
    return 2 if ord(char) > 0xFFFF else 1


def _parts(costs: list[int], total: int, single: int, part: int) -> int:
    """Parts needed when no character's units may be split between two parts."""
    if total == 0:
        return 0
    if total <= single:
        return 1
    if all(cost == 1 for cost in costs):
        return -(-total // part)  # ceil: nothing to keep whole, so parts fill exactly
    parts, used = 1, 0
    for cost in costs:
        if used + cost > part:
            parts, used = parts + 1, 0
        used += cost
    return parts


def describe(text: str) -> SegmentInfo:
    """Encoding, length and segment count of ``text`` as it will be sent."""
    non_gsm = tuple(
        dict.fromkeys(
            char for char in text if char not in GSM7_BASIC and char not in GSM7_EXTENSION
        )
    )
    if not non_gsm:
        costs = [gsm7_cost(char) for char in text]
        total = sum(costs)
        return SegmentInfo("GSM-7", total, _parts(costs, total, GSM7_SINGLE, GSM7_PART))
    costs = [ucs2_cost(char) for char in text]
    total = sum(costs)
    return SegmentInfo("UCS-2", total, _parts(costs, total, UCS2_SINGLE, UCS2_PART), non_gsm)

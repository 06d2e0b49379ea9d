"""Rows a person gives an import page: a chosen CSV file, or the same rows pasted in.

Pages offer both because a small clinic's rows often live in a spreadsheet, where copying
them is quicker than saving a file.
"""

from __future__ import annotations

from flask_babel import gettext as _
from wtforms import Field


def file_or_pasted_rows(file: Field, text: Field, errors: list[str]) -> bytes | None:
    """The chosen file's bytes, else the pasted rows'; None when both are blank.

    The reason for None goes on ``errors``, which each page chooses (the whole form's or
    the file field's), so it shows where that page shows problems.
    """
    upload = file.data
    raw = upload.read() if upload else (text.data or "").encode()
    if not raw.strip():
        errors.append(_("Choose a file or paste the rows."))
        return None
    return raw

"""``POST /sms/status``: Twilio's delivery reports for the texts we sent.

Twilio calls it with the ``StatusCallback`` URL each send passed, which carries our
message id (``?m=``); the form carries ``MessageSid``, ``MessageStatus`` and, on failure,
``ErrorCode``. A request without a valid Twilio signature is refused (403) before
anything is read or written.
"""

from __future__ import annotations

from flask import abort, jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engage.core.access import public
from engage.core.connections import once_more_if_disconnected
from engage.core.types import utcnow
from engage.extensions import csrf, db
from engage.sms import bp, delivery
from engage.sms.signatures import is_signed_by_twilio


def _error_code(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


@bp.post("/status")
@public
def status_callback() -> ResponseReturnValue:
    if not is_signed_by_twilio(request):
        abort(403)
    try:
        # Older callbacks name it SmsStatus; current ones send both.
        raw = request.form.get("MessageStatus") or request.form.get("SmsStatus", "")
        status = delivery.parse_status(raw)
    except delivery.UnknownStatus as error:
        return jsonify(error=str(error)), 400
    sid = request.form.get("MessageSid") or None
    message_id = request.args.get("m", type=int)
    error_code = _error_code(request.form.get("ErrorCode"))

    def record() -> bool:
        message = delivery.find_message(message_id, sid)
        if message is None:
            return False
        delivery.record_status(message, status, sid, error_code, utcnow())
        db.session.commit()
        return True

    # Safe to repeat: a status never moves backwards, so recording it twice is recording it.
    if not once_more_if_disconnected(record):
        return jsonify(error=_("No such message.")), 404
    return "", 204


# Twilio cannot hold a CSRF token; the signature check above authenticates it instead.
csrf.exempt(status_callback)

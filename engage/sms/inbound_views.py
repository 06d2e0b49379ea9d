"""``POST /sms/inbound``: Twilio's webhook for every text a patient sends us.

The signature is checked before anything is read or written: a request Twilio did not
sign gets 403 and leaves no trace. The text goes to the same engine the simulator and
the tests use (``conversations.receive``, which commits; run once more if the database
connection was found dead: it is keyed by the sid, so safe to repeat), and the answer is
an empty TwiML ``<Response/>``: our reply, if any, went into the outbox, so the
dispatcher applies consent, quiet hours and every other rule to it like any other text.
"""

from __future__ import annotations

from flask import Response, abort, jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from engage.core.access import public
from engage.core.connections import once_more_if_disconnected
from engage.extensions import csrf
from engage.sms import bp
from engage.sms.conversations import receive
from engage.sms.signatures import is_signed_by_twilio

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


@bp.post("/inbound")
@public
def inbound() -> ResponseReturnValue:
    if not is_signed_by_twilio(request):
        abort(403)
    sid = request.form.get("MessageSid") or request.form.get("SmsSid") or ""
    from_phone = request.form.get("From", "")
    if not sid.strip() or not from_phone.strip():
        return jsonify(error=_("MessageSid and From are required.")), 400
    to_phone, body = request.form.get("To", ""), request.form.get("Body", "")
    once_more_if_disconnected(lambda: receive(sid, from_phone, to_phone, body))
    return Response(EMPTY_TWIML, mimetype="text/xml")


# Twilio cannot hold a CSRF token; the signature check authenticates it instead.
csrf.exempt(inbound)

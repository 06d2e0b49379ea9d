"""A local stand-in for Twilio's Messages API, for the real twilio SDK to talk to.

    with FakeTwilio() as fake:
        app.config["TWILIO_API_BASE_URL"] = fake.url
        ...
        fake.fail_next("429")          # the next create answers 429 (code 20429)
        fake.fail_next("500", times=3)
        fake.fail_next("21610")        # 400 with Twilio's "unsubscribed recipient" code
        fake.fail_next("drop")         # store the message, then drop the connection
        fake.fail_next("drop_unsent")  # drop the connection without storing anything
        fake.hold_in_queue = True      # accepted messages stay queued: no DateSent yet
        fake.messages                  # what was accepted, in order
        fake.requests                  # every create it answered or dropped, with times

A threaded werkzeug server on 127.0.0.1 with a free port. It implements what engage
uses: ``POST /2010-04-01/Accounts/{sid}/Messages.json`` (Twilio-shaped JSON, sid
``SM…``, status ``queued``) and ``GET`` of the same path with the ``To`` and
``DateSent>`` filters and paging. As on Twilio, a message still in Twilio's queue has no
``date_sent``, so a ``DateSent>`` filter leaves it out. Every request must carry HTTP
Basic auth with the account's sid and token (401 with code 20003 otherwise, as Twilio
answers).
"""

from __future__ import annotations

import argparse
import itertools
import json
import socket
import sys
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any, NoReturn
from urllib.parse import urlencode

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

ACCOUNT_SID = "AC" + "0" * 31 + "1"
AUTH_TOKEN = "fake-twilio-auth-token"
FAILURES = ("429", "500", "503", "21610", "21614", "drop", "drop_unsent")


@dataclass
class FakeMessage:
    sid: str
    to: str
    body: str
    from_: str | None
    messaging_service_sid: str | None
    status_callback: str | None
    date_created: datetime
    status: str = "queued"
    date_sent: datetime | None = None  # None: still queued at Twilio, not yet sent

    def as_json(self, account_sid: str) -> dict[str, Any]:
        stamp = format_datetime(self.date_created, usegmt=True)
        sent = format_datetime(self.date_sent, usegmt=True) if self.date_sent else None
        return {
            "account_sid": account_sid,
            "api_version": "2010-04-01",
            "body": self.body,
            "date_created": stamp,
            "date_sent": sent,
            "date_updated": stamp,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": self.from_,
            "messaging_service_sid": self.messaging_service_sid,
            "num_media": "0",
            "num_segments": "1",
            "price": None,
            "price_unit": "USD",
            "sid": self.sid,
            "status": self.status,
            "subresource_uris": {},
            "to": self.to,
            "uri": f"/2010-04-01/Accounts/{account_sid}/Messages/{self.sid}.json",
        }


@dataclass(frozen=True)
class ReceivedRequest:
    """One create the fake saw: when (``time.time()``), for whom, and how it answered."""

    at: float
    to: str
    body: str
    answer: str  # "created", a failure name, or "unauthorized"


@dataclass
class FakeTwilio:
    account_sid: str = ACCOUNT_SID
    auth_token: str = AUTH_TOKEN
    port: int = 0  # 0: any free port
    messages: list[FakeMessage] = field(default_factory=list)
    requests: list[ReceivedRequest] = field(default_factory=list)
    hold_in_queue: bool = False  # True: accepted messages are not "sent" (no date_sent)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: deque[str] = deque()
        self._counter = itertools.count(1)
        base = "/2010-04-01/Accounts/<account>/Messages"
        self._routes = Map(
            [
                Rule(f"{base}.json", endpoint="messages", methods=["GET", "POST"]),
                Rule(f"{base}/<sid>.json", endpoint="message", methods=["GET"]),
                Rule("/_fake/received", endpoint="received", methods=["GET"]),
            ]
        )
        self._server: Any = None
        self._thread: threading.Thread | None = None

    # -- for tests ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def fail_next(self, failure: str, times: int = 1) -> None:
        """Script the next ``times`` creates to fail this way (see FAILURES)."""
        if failure not in FAILURES:
            raise ValueError(f"unknown failure {failure!r}; one of {FAILURES}")
        with self._lock:
            self._failures.extend([failure] * times)

    def bodies_to(self, phone: str) -> list[str]:
        return [message.body for message in self.messages if message.to == phone]

    def reset(self) -> None:
        with self._lock:
            self.messages.clear()
            self.requests.clear()
            self._failures.clear()
            self.hold_in_queue = False

    def start(self) -> FakeTwilio:
        self._server = make_server(
            "127.0.0.1", self.port, self._wsgi, threaded=True, request_handler=_QuietHandler
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeTwilio:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # -- the API -----------------------------------------------------------------------

    def _wsgi(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        try:
            endpoint, values = self._routes.bind_to_environ(environ).match()
        except (NotFound, MethodNotAllowed) as error:
            return _error(error.code or 404, 20404, "The requested resource was not found")(
                environ, start_response
            )
        except HTTPException as error:
            return error(environ, start_response)
        if endpoint == "received":  # not Twilio's: lets another process read what came in
            return self._received()(environ, start_response)
        auth = request.authorization
        authorised = (
            auth is not None
            and auth.username == self.account_sid
            and auth.password == self.auth_token
            and values["account"] == self.account_sid
        )
        if endpoint == "messages" and request.method == "POST":
            response = self._create(request, environ, authorised)
        elif not authorised:
            response = _error(401, 20003, "Authenticate")
        elif endpoint == "messages":
            response = self._list(request)
        else:
            response = self._fetch(values["sid"])
        return response(environ, start_response)

    def _create(self, request: Request, environ: dict[str, Any], authorised: bool) -> Response:
        form = request.form
        to, body = form.get("To", ""), form.get("Body", "")
        if not authorised:
            self._note(to, body, "unauthorized")
            return _error(401, 20003, "Authenticate")
        with self._lock:
            failure = self._failures.popleft() if self._failures else None
        if failure in ("429", "500", "503"):
            self._note(to, body, failure)
            text = "Too Many Requests" if failure == "429" else "Internal Server Error"
            return _error(int(failure), 20429 if failure == "429" else 20500, text)
        if failure == "21610":
            self._note(to, body, failure)
            return _error(400, 21610, "Attempt to send to unsubscribed recipient")
        if failure == "21614":
            self._note(to, body, failure)
            return _error(400, 21614, "'To' number is not a valid mobile number")
        if not to or not body:
            self._note(to, body, "invalid")
            return _error(400, 21604, "A 'To' phone number and a 'Body' are required.")
        if failure == "drop_unsent":
            self._note(to, body, failure)
            _drop(environ)
        created = datetime.now(UTC).replace(microsecond=0)
        message = FakeMessage(
            sid="SM" + uuid.uuid4().hex,
            to=to,
            body=body,
            from_=form.get("From"),
            messaging_service_sid=form.get("MessagingServiceSid"),
            status_callback=form.get("StatusCallback"),
            date_created=created,
            date_sent=None if self.hold_in_queue else created,
        )
        with self._lock:
            self.messages.append(message)
        self._note(to, body, failure or "created")
        if failure == "drop":
            _drop(environ)
        return Response(
            json.dumps(message.as_json(self.account_sid)),
            status=201,
            content_type="application/json",
        )

    def _list(self, request: Request) -> Response:
        to = request.args.get("To")
        after = _parse_date(request.args.get("DateSent>"))
        with self._lock:
            found = [
                m
                for m in reversed(self.messages)  # newest first, as Twilio lists
                if (to is None or m.to == to)
                and (after is None or (m.date_sent is not None and m.date_sent >= after))
            ]
        size = int(request.args.get("PageSize", "50"))
        page = int(request.args.get("Page", "0"))
        chunk = found[page * size : (page + 1) * size]
        path = f"/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        next_uri = None
        if (page + 1) * size < len(found):
            query = request.args.copy()
            query["Page"] = str(page + 1)
            next_uri = f"{path}?{urlencode(list(query.items(multi=True)))}"
        payload = {
            "messages": [m.as_json(self.account_sid) for m in chunk],
            "page": page,
            "page_size": size,
            "first_page_uri": path,
            "next_page_uri": next_uri,
            "previous_page_uri": None,
            "uri": request.full_path,
        }
        return Response(json.dumps(payload), content_type="application/json")

    def _fetch(self, sid: str) -> Response:
        with self._lock:
            found = [m for m in self.messages if m.sid == sid]
        if not found:
            return _error(404, 20404, "The requested resource was not found")
        return Response(
            json.dumps(found[0].as_json(self.account_sid)), content_type="application/json"
        )

    def _received(self) -> Response:
        with self._lock:
            payload = {
                "requests": [vars(r) for r in self.requests],
                "messages": [m.as_json(self.account_sid) for m in self.messages],
            }
        return Response(json.dumps(payload), content_type="application/json")

    def _note(self, to: str, body: str, answer: str) -> None:
        with self._lock:
            self.requests.append(ReceivedRequest(time.time(), to, body, answer))


class _QuietHandler(WSGIRequestHandler):
    def log(self, kind: str, message: str, *args: Any) -> None:
        pass  # the tests read what the fake received, not its access log


def _error(status: int, code: int, message: str) -> Response:
    payload = {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }
    return Response(json.dumps(payload), status=status, content_type="application/json")


def _drop(environ: dict[str, Any]) -> NoReturn:
    """Close the connection without an answer: the client cannot know what happened."""
    connection: socket.socket = environ["werkzeug.socket"]
    connection.shutdown(socket.SHUT_RDWR)
    raise ConnectionResetError("fake Twilio dropped the connection")


def _parse_date(raw: str | None) -> datetime | None:
    """``DateSent>``: a date (YYYY-MM-DD) or the SDK's YYYY-MM-DDTHH:MM:SSZ, in GMT."""
    if not raw:
        return None
    for layout in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, layout).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def main() -> None:
    """``python -m tests.sms.fake_twilio``: serve in a process of its own until stdin closes.

    Prints the base URL on the first line; GET /_fake/received returns what came in.
    """
    parser = argparse.ArgumentParser(description="A local fake of Twilio's Messages API.")
    parser.add_argument("--port", type=int, default=0)
    port = parser.parse_args().port
    with FakeTwilio(port=port) as fake:
        print(fake.url, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()

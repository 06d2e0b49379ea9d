"""SMS gateways: one class per backend, registered by name and chosen by ENGAGE_SMS_BACKEND.

A gateway only talks to the outside world. It never decides whether a text may go out
(the dispatcher does) and never writes to the database; it says what happened to one send
as a :class:`SendResult`, so the dispatcher can tell "sent", "try later", "never" and
"we cannot know" apart. The last matters most: a request that may have reached Twilio is
never sent again blindly (see ``dispatch.reconcile_unknown``).
"""

from __future__ import annotations

import enum
import logging
import threading
import uuid
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlsplit, urlunsplit

from flask import Flask
from requests.exceptions import ConnectionError as RequestsConnectionError
from requests.exceptions import ConnectTimeout, RequestException
from twilio.base.exceptions import TwilioRestException, TwilioServiceException
from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client
from urllib3.exceptions import NewConnectionError

from engage.core.errors import EngageError

# Twilio error codes the dispatcher acts on.
TWILIO_UNSUBSCRIBED = 21610  # the recipient texted STOP to this sender
TWILIO_NOT_MOBILE = 21614  # "To" is not a mobile number (a landline cannot get texts)
# The SDK logs each request's URL and query at INFO, and a reconcile's query is a
# patient's phone number; workers run at INFO (``celery … --loglevel INFO``). Its
# request log is kept to warnings, so no number or text reaches the logs through it.
SDK_REQUEST_LOG = logging.getLogger("engage.sms.twilio_requests")
SDK_REQUEST_LOG.setLevel(logging.WARNING)
# How many of a number's newest messages are read when reconciling, to find one still in
# Twilio's queue; a patient gets a few texts a week, so 50 reach well past any attempt.
UNSENT_LOOKBACK = 50


class GatewayNotConfigured(EngageError):
    """The chosen backend lacks a setting it needs; nothing was claimed or sent."""


class GatewayUnavailable(EngageError):
    """A look-up at the gateway failed; try again later."""


class SendOutcome(enum.StrEnum):
    ACCEPTED = "accepted"  # the gateway took it: it has a sid and a status
    RETRY = "retry"  # refused for now (429, 5xx, could not connect): safe to send again later
    REJECTED = "rejected"  # refused for good (a 4xx, usually with a Twilio error code)
    UNKNOWN = "unknown"  # the request may have arrived: sending again could text twice


@dataclass(frozen=True)
class OutgoingText:
    """What a gateway needs to send one outbox row (a plain value: no session, no lazy loads)."""

    message_id: int
    to: str
    body: str


class SendProblem(enum.StrEnum):
    """engage's own words for a send that went wrong, stored in ``error_message``.

    Stored in English, as Twilio's own messages are; the thread shows them in the
    reader's language (``engage.sms.labels``), and Twilio's with its error code.
    """

    NO_CONNECTION = "could not connect to Twilio"
    CONNECTION_LOST = "connection lost after the request was sent"
    TIMED_OUT = "no answer from Twilio in time"
    GATEWAY_ERROR = "the gateway raised an error"
    WORKER_STOPPED = "the sending worker stopped"


@dataclass(frozen=True)
class SendResult:
    outcome: SendOutcome
    sid: str | None = None
    status: str | None = None  # Twilio's word for it: queued, sent, ...
    error_code: int | None = None
    error_message: str | None = None


@dataclass(frozen=True)
class SentRecord:
    """One message the gateway reports having sent to a number (for reconciling)."""

    sid: str
    status: str
    body: str
    date_sent: datetime | None  # when Twilio sent it; when it was created, if still queued


class Gateway(ABC):
    """A way to send texts; subclasses register themselves by ``name``."""

    name: ClassVar[str]

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.config = config

    @property
    @abstractmethod
    def sender(self) -> str:
        """Who the texts come from: the key the shared rate limit is kept under."""

    @abstractmethod
    def send(self, text: OutgoingText) -> SendResult:
        """Send one text; never raises for what the far side answered."""

    @abstractmethod
    def sent_to(self, phone: str, since: datetime) -> list[SentRecord]:
        """Messages sent to ``phone`` since ``since``; raises GatewayUnavailable."""

    def warm_up(self) -> None:
        """Do slow first-time work (imports, clients) before any rate-limited turn is taken."""
        return None

    def status_callback_url(self, text: OutgoingText) -> str:
        """Where Twilio reports delivery; carries our id, so no look-up by sid is needed."""
        return f"{self.config['ENGAGE_PUBLIC_URL']}/sms/status?m={text.message_id}"


GATEWAYS: dict[str, type[Gateway]] = {}

G = TypeVar("G", bound=type[Gateway])


def register(gateway_class: G) -> G:
    """Add a backend: one class, one name, nothing else to change."""
    GATEWAYS[gateway_class.name] = gateway_class
    return gateway_class


def gateway_for(app: Flask) -> Gateway:
    """The app's gateway, built once (it keeps HTTP connections open between sends)."""
    name = app.config["ENGAGE_SMS_BACKEND"]
    cached = app.extensions.get("engage.sms.gateway")
    if isinstance(cached, Gateway) and cached.name == name:
        return cached
    try:
        gateway_class = GATEWAYS[name]
    except KeyError:
        known = ", ".join(sorted(GATEWAYS))
        raise GatewayNotConfigured(
            f"ENGAGE_SMS_BACKEND is {name!r}; it must be one of: {known}."
        ) from None
    gateway = gateway_class(app.config)
    app.extensions["engage.sms.gateway"] = gateway
    return gateway


@register
class ConsoleGateway(Gateway):
    """The embedded default: a text counts as sent and shows in the phone simulator."""

    name = "console"

    @property
    def sender(self) -> str:
        return "console"

    def send(self, text: OutgoingText) -> SendResult:
        # 34 characters like a real MessageSid, and plainly not one.
        sid = "SMconsole" + uuid.uuid4().hex[:25]
        return SendResult(SendOutcome.ACCEPTED, sid=sid, status="sent")

    def sent_to(self, phone: str, since: datetime) -> list[SentRecord]:
        # Nothing leaves the building: a console send either wrote its row or never happened.
        return []


class RedirectingHttpClient(TwilioHttpClient):
    """The SDK's own HTTP client, pointed at another Twilio-compatible API when asked.

    The SDK builds URLs on api.twilio.com (or a regional host such as
    api.us1.twilio.com, or messaging.twilio.com); every *.twilio.com URL is rewritten to
    ``base_url`` keeping its path and query, so the real SDK can run against a local fake
    or a proxy. Requests are never retried here: a retried POST could text twice.
    """

    def __init__(self, base_url: str = "", timeout: float | None = None) -> None:
        super().__init__(timeout=timeout, logger=SDK_REQUEST_LOG)
        self.base = urlsplit(base_url.rstrip("/")) if base_url else None

    def rewrite(self, url: str) -> str:
        if self.base is None:
            return url
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if host != "twilio.com" and not host.endswith(".twilio.com"):
            return url
        path = self.base.path + parts.path
        return urlunsplit((self.base.scheme, self.base.netloc, path, parts.query, parts.fragment))

    def request(
        self,
        method: str,
        url: str,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,
        allow_redirects: bool = False,
    ) -> Response:
        return super().request(
            method,
            self.rewrite(url),
            params=params,
            data=data,
            headers=headers,
            auth=auth,
            timeout=timeout,
            allow_redirects=allow_redirects,
        )


def _never_left(error: RequestsConnectionError) -> bool:
    """True when the connection was never made, so Twilio cannot have seen the request."""
    if isinstance(error, ConnectTimeout):
        return True
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(reason, NewConnectionError)


def result_for_refusal(status: int, code: int | None, text: str) -> SendResult:
    """Map an HTTP refusal: 429 and 5xx are worth another try, other 4xx are final."""
    if status == 429 or status >= 500:
        return SendResult(SendOutcome.RETRY, error_code=code, error_message=text[:255])
    if 400 <= status < 500:
        return SendResult(SendOutcome.REJECTED, error_code=code, error_message=text[:255])
    return SendResult(SendOutcome.UNKNOWN, error_code=code, error_message=text[:255])


@register
class TwilioGateway(Gateway):
    """Twilio's Programmable Messaging through the official SDK."""

    name = "twilio"

    def __init__(self, config: Mapping[str, Any]) -> None:
        super().__init__(config)
        missing = [key for key in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN") if not config[key]]
        if missing:
            raise GatewayNotConfigured(f"ENGAGE_SMS_BACKEND is twilio but {missing[0]} is not set.")
        if not (config["TWILIO_MESSAGING_SERVICE_SID"] or config["TWILIO_FROM_NUMBER"]):
            raise GatewayNotConfigured(
                "ENGAGE_SMS_BACKEND is twilio: set TWILIO_MESSAGING_SERVICE_SID or "
                "TWILIO_FROM_NUMBER."
            )
        # One SDK client per thread: each keeps its own pool of HTTP connections.
        self._local = threading.local()

    @property
    def sender(self) -> str:
        return str(self.config["TWILIO_MESSAGING_SERVICE_SID"] or self.config["TWILIO_FROM_NUMBER"])

    @property
    def client(self) -> Client:
        client = getattr(self._local, "client", None)
        if client is None:
            http_client = RedirectingHttpClient(
                self.config["TWILIO_API_BASE_URL"], self.config["ENGAGE_SMS_HTTP_TIMEOUT_SECONDS"]
            )
            client = Client(
                self.config["TWILIO_ACCOUNT_SID"],
                self.config["TWILIO_AUTH_TOKEN"],
                http_client=http_client,
                # Without a mapping of its own the SDK reads TWILIO_REGION and TWILIO_EDGE
                # from os.environ; engage reads settings in config.py only.
                environment={"TWILIO_REGION": "", "TWILIO_EDGE": ""},
            )
            self._local.client = client
        return client

    def warm_up(self) -> None:
        # The SDK imports its resource modules on first use: a few hundred milliseconds
        # that would otherwise fall between taking a turn and sending.
        self.client.messages  # noqa: B018

    def send(self, text: OutgoingText) -> SendResult:
        origin: dict[str, str] = (
            {"messaging_service_sid": self.config["TWILIO_MESSAGING_SERVICE_SID"]}
            if self.config["TWILIO_MESSAGING_SERVICE_SID"]
            else {"from_": self.config["TWILIO_FROM_NUMBER"]}
        )
        try:
            created = self.client.messages.create(
                to=text.to,
                body=text.body,
                status_callback=self.status_callback_url(text),
                **origin,
            )
        except TwilioRestException as error:
            return result_for_refusal(error.status, error.code, error.msg or "")
        except TwilioServiceException as error:
            return result_for_refusal(error.status, error.code, error.title or "")
        except RequestsConnectionError as error:
            if _never_left(error):
                return SendResult(SendOutcome.RETRY, error_message=SendProblem.NO_CONNECTION)
            return SendResult(SendOutcome.UNKNOWN, error_message=SendProblem.CONNECTION_LOST)
        except RequestException:  # a read timeout, above all
            return SendResult(SendOutcome.UNKNOWN, error_message=SendProblem.TIMED_OUT)
        return SendResult(SendOutcome.ACCEPTED, sid=created.sid, status=str(created.status))

    def sent_to(self, phone: str, since: datetime) -> list[SentRecord]:
        """Messages to ``phone`` created since ``since``, whether sent yet or still queued.

        Twilio's ``DateSent>`` filter leaves out a message still in its queue (it has no
        date_sent yet), and such a message is exactly what a dropped connection can leave
        behind; missing it would send the text twice. So the number's newest messages are
        read as well, unfiltered, and both lists are merged by sid.
        """
        try:
            sent = self.client.messages.list(to=phone, date_sent_after=since, limit=200)
            newest = self.client.messages.list(to=phone, limit=UNSENT_LOOKBACK)
        except (TwilioRestException, TwilioServiceException, RequestException) as error:
            raise GatewayUnavailable(f"Twilio message list failed: {error!r}") from error
        records: dict[str, SentRecord] = {}
        for item in [*sent, *newest]:
            when = item.date_sent or item.date_created  # still queued: when it was created
            if when is None or when < since:
                continue
            records[str(item.sid)] = SentRecord(
                sid=str(item.sid), status=str(item.status), body=item.body or "", date_sent=when
            )
        return list(records.values())

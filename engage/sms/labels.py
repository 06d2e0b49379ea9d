"""What the SMS screens call each status, outcome and reason, in the reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from engage.sms.cohorts import EXCLUSION_REASONS
from engage.sms.gateways import SendProblem
from engage.sms.models import CampaignStatus, MessageKind, MessageStatus
from engage.sms.outcomes import Outcome

STATUS_LABELS = {
    MessageStatus.OUTBOX: _l("Waiting to send"),
    MessageStatus.CLAIMED: _l("Sending"),
    MessageStatus.UNKNOWN: _l("Outcome unknown, checking"),
    MessageStatus.SKIPPED: _l("Not sent"),
    MessageStatus.QUEUED: _l("Queued at Twilio"),
    MessageStatus.SENDING: _l("Sending"),
    MessageStatus.SENT: _l("Sent"),
    MessageStatus.DELIVERED: _l("Delivered"),
    MessageStatus.UNDELIVERED: _l("Not delivered"),
    MessageStatus.FAILED: _l("Failed"),
}

KIND_LABELS = {
    MessageKind.SYSTEM: _l("Automatic reply"),
    MessageKind.SURVEY: _l("Question"),
    MessageKind.INVITE: _l("Invitation"),
    MessageKind.REMINDER: _l("Reminder"),
    MessageKind.MANUAL: _l("Staff reply"),
    MessageKind.LOOP: _l("You said, we did"),
}

SKIP_REASON_LABELS = {
    "no_participant": _l("no participant has this number"),
    "no_consent": _l("no consent to texts"),
    "opted_out": _l("opted out"),
    "landline": _l("landline"),
    "unreachable": _l("number unreachable"),
}

OUTCOME_LABELS = {
    Outcome.ANSWER: _l("Answer saved"),
    Outcome.REPROMPT: _l("Answer did not fit: asked again"),
    Outcome.SKIPPED: _l("Question skipped"),
    Outcome.COMPLETED: _l("Survey finished"),
    Outcome.GAVE_UP: _l("Could not be answered: conversation ended"),
    Outcome.SURVEY_CLOSED: _l("Survey had closed"),
    Outcome.OPT_OUT: _l("Opted out"),
    Outcome.OPT_OUT_REPEAT: _l("Opted out again (already opted out)"),
    Outcome.OPT_IN: _l("Opted back in"),
    Outcome.HELP: _l("Asked for help"),
    Outcome.LANGUAGE: _l("Changed language"),
    Outcome.UNKNOWN_NUMBER: _l("Unknown number: told how to join"),
    Outcome.UNKNOWN_NUMBER_QUIET: _l("Unknown number: not answered"),
    Outcome.OPTED_OUT: _l("Opted out: not answered"),
    Outcome.NO_CONSENT: _l("No consent: not answered"),
    Outcome.NO_CONVERSATION: _l("No survey waiting for an answer"),
}

EXCLUSION_LABELS = {
    "opted_out": _l("Opted out"),
    "no_consent": _l("No consent to texts"),
    "invalid_number": _l("Landline or unreachable number"),
    "already_answered": _l("Already finished this survey"),
    "in_progress": _l("Already being asked this survey"),
    "frequency_cap": _l("Weekly text limit reached"),
}
assert set(EXCLUSION_LABELS) == set(EXCLUSION_REASONS)

CAMPAIGN_STATUS_LABELS = {
    CampaignStatus.DRAFT: _l("Draft"),
    CampaignStatus.SCHEDULED: _l("Scheduled"),
    CampaignStatus.RUNNING: _l("Running"),
    CampaignStatus.DONE: _l("Done"),
    CampaignStatus.CANCELLED: _l("Cancelled"),
}

MESSAGE_LABELS = {
    "opening": _l("First text as sent (invitation and question)"),
    "question": _l("Later question"),
    "reminder": _l("Reminder"),
    "thank_you": _l("Thank-you message"),
}

SEND_PROBLEM_LABELS = {
    SendProblem.NO_CONNECTION.value: _l("Could not connect to Twilio."),
    SendProblem.CONNECTION_LOST.value: _l(
        "The connection to Twilio was lost after the text was handed over; engage "
        "checks with Twilio whether it went out before any new try."
    ),
    SendProblem.TIMED_OUT.value: _l(
        "Twilio did not answer in time; engage checks with Twilio whether the text went "
        "out before any new try."
    ),
    SendProblem.GATEWAY_ERROR.value: _l(
        "Sending failed unexpectedly; engage checks with Twilio whether the text went out "
        "before any new try."
    ),
    SendProblem.WORKER_STOPPED.value: _l(
        "The sending process stopped mid-send; engage checks with Twilio whether the text "
        "went out before any new try."
    ),
}

LABELS = {
    "status": STATUS_LABELS,
    "kind": KIND_LABELS,
    "skip_reason": SKIP_REASON_LABELS,
    "outcome": OUTCOME_LABELS,
    "exclusion": EXCLUSION_LABELS,
    "campaign_status": CAMPAIGN_STATUS_LABELS,
    "message": MESSAGE_LABELS,
    "send_problem": SEND_PROBLEM_LABELS,  # else Twilio's own words, shown with its code
}

"""Personal web links in texts: a campaign may offer its survey on the web as well.

The link carries a signed, expiring token for one participant and one survey (see
:func:`engage.surveys.responses.personal_link_token`), so it is different for every
recipient. A campaign queues its texts set-based, with one body per language, so those
bodies hold :data:`PERSONAL_LINK` where the link goes; the dispatcher puts the real
link in just before sending and stores the text as sent, so a thread, a reconcile and
Twilio all see the same words. The token is signed at that moment, which also means its
expiry (``ENGAGE_SURVEY_LINK_DAYS``) counts from when the text goes out, not from when
it was queued.
"""

from __future__ import annotations

from flask import current_app

from engage.surveys.models import Survey
from engage.surveys.responses import personal_link_token

# Where a queued text's link goes. Written by engage only (never by survey authors) and
# replaced only in a campaign's invitations and reminders.
PERSONAL_LINK = "[[personal-link]]"

# A participant id with as many digits as any clinic will reach: a preview counts a text
# with a link this long, so the real one is never longer than what the lead was shown.
_SAMPLE_PARTICIPANT = 99_999_999


def personal_survey_url(participant_id: int, survey: Survey) -> str:
    """The public address of ``survey`` for this participant, token included."""
    path = current_app.url_map.bind("").build(
        "runner.personal",
        {"slug": survey.slug, "token": personal_link_token(participant_id, survey.id)},
    )
    return f"{current_app.config['ENGAGE_PUBLIC_URL']}{path}"


def sample_survey_url(survey: Survey) -> str:
    """A link as long as the longest a recipient will get, for segment counts."""
    return personal_survey_url(_SAMPLE_PARTICIPANT, survey)


def fill_personal_link(body: str, participant_id: int, survey: Survey) -> str:
    """``body`` with its link placeholder replaced by this participant's link."""
    return body.replace(PERSONAL_LINK, personal_survey_url(participant_id, survey))

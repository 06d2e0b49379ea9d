"""Priority items, the clinic's patient panel, and the advisory board's voting rounds.

A priority item is an issue the community could ask the clinic to work on. Its figures
come from survey answers through its *sources* (a priority choice of a ranking or
pick-your-top question, or a Likert question that rates its importance) and from the
free-text ideas staff tagged to it.

Ballots are secret: a ballot row carries its voter only so that the database itself
can hold "one ballot per member per round" (a unique constraint). Nothing that shows
or exports results reads ``Ballot.voter_id``.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engage.core.types import UTCDateTime, str_enum, utcnow
from engage.extensions import db

Texts = dict[str, str]


class PriorityOrigin(enum.StrEnum):
    SURVEY_CHOICE = "survey_choice"
    BOARD_PROPOSAL = "board_proposal"
    PATIENT_IDEA = "patient_idea"


class PriorityItem(db.Model):
    __tablename__ = "priority_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable key: the survey choice's key for items that came from a survey.
    key: Mapped[str] = mapped_column(sa.String(40), unique=True)
    title: Mapped[Texts] = mapped_column(sa.JSON, default=dict)
    description: Mapped[Texts] = mapped_column(sa.JSON, default=dict)
    origin: Mapped[PriorityOrigin] = mapped_column(str_enum(PriorityOrigin, 20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )

    sources: Mapped[list[PrioritySource]] = relationship(
        back_populates="item", cascade="all, delete-orphan", lazy="selectin"
    )

    def label(self, language: str) -> str:
        return self.title.get(language) or self.title.get("en") or self.key

    def about(self, language: str) -> str:
        return self.description.get(language) or self.description.get("en") or ""


class PrioritySource(db.Model):
    """Where an item's figures come from: one survey choice, or one Likert question."""

    __tablename__ = "priority_source"
    __table_args__ = (
        # A choice (or a Likert question, choice_key "") feeds exactly one item.
        sa.UniqueConstraint("survey_id", "question_key", "choice_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    priority_id: Mapped[int] = mapped_column(
        sa.ForeignKey("priority_item.id", ondelete="CASCADE"), index=True
    )
    survey_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey.id", ondelete="CASCADE"), index=True
    )
    question_key: Mapped[str] = mapped_column(sa.String(40))
    choice_key: Mapped[str] = mapped_column(sa.String(40), default="")  # "" for a Likert question

    item: Mapped[PriorityItem] = relationship(back_populates="sources")


class IdeaTag(db.Model):
    """A patient's free-text idea that staff read and tagged to a priority item."""

    __tablename__ = "priority_idea_tag"
    __table_args__ = (sa.UniqueConstraint("answer_id", "priority_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey_answer.id", ondelete="CASCADE"), index=True
    )
    priority_id: Mapped[int] = mapped_column(
        sa.ForeignKey("priority_item.id", ondelete="CASCADE"), index=True
    )
    tagged_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    tagged_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PanelStratum(db.Model):
    """How many of the clinic's patients fall in one stratum (the "whose voice" baseline)."""

    __tablename__ = "panel_stratum"
    __table_args__ = (sa.UniqueConstraint("language", "age_band", "race_ethnicity", "site"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(sa.String(10))
    age_band: Mapped[str] = mapped_column(sa.String(20))
    race_ethnicity: Mapped[str] = mapped_column(sa.String(20))
    site: Mapped[str] = mapped_column(sa.String(40))  # a Site.slug
    count: Mapped[int]


class RoundMethod(enum.StrEnum):
    APPROVAL = "approval"
    RANKED = "ranked"
    DOTS = "dots"
    SCORE = "score"


class VotingRound(db.Model):
    __tablename__ = "voting_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    method: Mapped[RoundMethod] = mapped_column(str_enum(RoundMethod, 10))
    # {"dots": 10} for dot voting, {"max_score": 5} for scores.
    settings: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    quorum: Mapped[int | None]  # fewest ballots for the result to stand
    survey_id: Mapped[int | None] = mapped_column(sa.ForeignKey("survey.id", ondelete="SET NULL"))
    # Delphi: each round after the first points at the one before; the series stops
    # once an item reaches ``agreement`` (share of members scoring it >= important_from).
    previous_round_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("voting_round.id", ondelete="SET NULL"), unique=True
    )
    delphi: Mapped[bool] = mapped_column(default=False)
    agreement: Mapped[float | None]
    important_from: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )

    candidates: Mapped[list[RoundCandidate]] = relationship(
        back_populates="round",
        order_by="RoundCandidate.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    voters: Mapped[list[RoundVoter]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    previous_round: Mapped[VotingRound | None] = relationship(remote_side=[id])

    def is_open(self, now: datetime) -> bool:
        return self.opens_at <= now < self.closes_at

    def is_closed(self, now: datetime) -> bool:
        return now >= self.closes_at

    def invites(self, user_id: int) -> bool:
        return any(voter.user_id == user_id for voter in self.voters)


class RoundCandidate(db.Model):
    """An item on a round's ballot, with the community figures the board saw beside it."""

    __tablename__ = "voting_round_candidate"
    __table_args__ = (sa.UniqueConstraint("round_id", "priority_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("voting_round.id", ondelete="CASCADE"), index=True
    )
    priority_id: Mapped[int] = mapped_column(sa.ForeignKey("priority_item.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)  # the community rank order: the tie-break
    # {"rank": 1, "share": 0.42, "picked": "131", "base": 310} when the round was opened.
    community: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)

    round: Mapped[VotingRound] = relationship(back_populates="candidates")
    item: Mapped[PriorityItem] = relationship(lazy="joined")


class RoundVoter(db.Model):
    """A board member invited to vote in a round."""

    __tablename__ = "voting_round_voter"

    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("voting_round.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )


class Ballot(db.Model):
    __tablename__ = "voting_ballot"
    __table_args__ = (sa.UniqueConstraint("round_id", "voter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        sa.ForeignKey("voting_round.id", ondelete="CASCADE"), index=True
    )
    # Only to hold one ballot per member per round; never shown or exported.
    voter_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    # The method's ballot content, in item keys (see voting.py for each shape).
    content: Mapped[Any] = mapped_column(sa.JSON)
    cast_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

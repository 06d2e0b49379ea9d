"""A measure's run chart as the item page shows it: coordinates, a table, and the signals in
words, good or bad according to the measure's direction.

The rules are in :mod:`engage.backlog.runchart` (pure); this module only puts their
results in the reader's language and number format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_date, format_decimal, get_locale
from flask_babel import gettext as _

from engage.backlog.models import Direction, Measure
from engage.backlog.runchart import Analysis, Layout, Rule, RunsVerdict, Signal, analyse, layout
from engage.core.i18n import text_direction

FEWEST_POINTS = 2


@dataclass(frozen=True)
class TableRow:
    on: date
    value: str
    signals: list[str]
    rules: frozenset[Rule]
    on_median: bool


@dataclass
class ChartView:
    measure: Measure
    analysis: Analysis | None = None
    layout: Layout | None = None
    rows: list[TableRow] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    runs: str = ""
    median: str = ""
    baseline: str = ""
    ticks: list[tuple[float, str]] = field(default_factory=list)
    first_date: str = ""
    last_date: str = ""
    description: str = ""


def number(value: float, unit: str = "") -> str:
    """A value as the reader writes numbers, with its unit ("62%", "4.5 days")."""
    text = format_decimal(value, format="#,##0.##")
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _verdict(signal: Signal, higher_is_better: bool) -> str:
    """Good or bad news, by the measure's direction: below the median is better when lower
    is better."""
    good = signal.improvement(higher_is_better)
    verdicts = {
        (Rule.SHIFT, True): _("An improvement: better than the median."),
        (Rule.SHIFT, False): _("Worse than the median."),
        (Rule.TREND, True): _("An improvement: getting better."),
        (Rule.TREND, False): _("Getting worse."),
        (Rule.ASTRONOMICAL, True): _("Unusually good."),
        (Rule.ASTRONOMICAL, False): _("Unusually bad."),
    }
    reason = (
        _("(Higher is better for this measure.)")
        if higher_is_better
        else _("(Lower is better for this measure.)")
    )
    return f"{verdicts[signal.rule, good]} {reason}"


def _finding(signal: Signal, measure: Measure, dates: list[date], values: list[float]) -> str:
    first, last = dates[signal.indices[0]], dates[signal.indices[-1]]
    start, end = format_date(first, "medium"), format_date(last, "medium")
    if signal.rule == Rule.SHIFT:
        text = (
            _(
                "Shift: %(count)d points in a row above the median, %(start)s to %(end)s.",
                count=signal.counted,
                start=start,
                end=end,
            )
            if signal.upward
            else _(
                "Shift: %(count)d points in a row below the median, %(start)s to %(end)s.",
                count=signal.counted,
                start=start,
                end=end,
            )
        )
    elif signal.rule == Rule.TREND:
        text = (
            _(
                "Trend: %(count)d points in a row going up, %(start)s to %(end)s.",
                count=signal.counted,
                start=start,
                end=end,
            )
            if signal.upward
            else _(
                "Trend: %(count)d points in a row going down, %(start)s to %(end)s.",
                count=signal.counted,
                start=start,
                end=end,
            )
        )
    else:
        text = _(
            "Astronomical point: %(value)s on %(date)s, far from the median and from the "
            "points either side of it.",
            value=number(values[signal.indices[0]], measure.unit),
            date=start,
        )
    return f"{text} {_verdict(signal, measure.direction == Direction.UP)}"


def _runs_sentence(analysis: Analysis) -> str:
    runs = analysis.runs
    if runs.verdict == RunsVerdict.TOO_FEW_POINTS:
        return _(
            "Too few points to judge runs: %(useful)d points off the median, 10 are needed.",
            useful=runs.useful,
        )
    figures = {"runs": runs.runs, "lower": runs.lower, "upper": runs.upper, "useful": runs.useful}
    if runs.verdict == RunsVerdict.TOO_FEW_RUNS:
        return _(
            "Too few runs: %(runs)d, where %(lower)d to %(upper)d are expected for %(useful)d "
            "points off the median. The measure has moved away from where it was.",
            **figures,
        )
    if runs.verdict == RunsVerdict.TOO_MANY_RUNS:
        return _(
            "Too many runs: %(runs)d, where %(lower)d to %(upper)d are expected for %(useful)d "
            "points off the median. The data alternate, often a sign of two processes mixed.",
            **figures,
        )
    return _(
        "%(runs)d runs, within the %(lower)d to %(upper)d expected for %(useful)d points off "
        "the median: no signal from the number of runs.",
        **figures,
    )


def _signal_labels(rules: frozenset[Rule], on_median: bool) -> list[str]:
    labels = {
        Rule.SHIFT: _("shift"),
        Rule.TREND: _("trend"),
        Rule.ASTRONOMICAL: _("astronomical point"),
    }
    found = [
        str(labels[rule]) for rule in (Rule.SHIFT, Rule.TREND, Rule.ASTRONOMICAL) if rule in rules
    ]
    return found + ([_("on the median")] if on_median else [])


def chart_view(measure: Measure) -> ChartView:
    """Everything the page draws for ``measure``; no chart under two points."""
    points = sorted(measure.points, key=lambda point: point.on)
    view = ChartView(measure=measure)
    if measure.baseline is not None:
        view.baseline = number(measure.baseline, measure.unit)
    if len(points) < FEWEST_POINTS:
        view.rows = [
            TableRow(p.on, number(p.value, measure.unit), [], frozenset(), False) for p in points
        ]
        return view
    values = [point.value for point in points]
    dates = [point.on for point in points]
    analysis = analyse(values)
    rtl = text_direction(str(get_locale() or "en")) == "rtl"
    view.analysis = analysis
    view.layout = layout(values, analysis, measure.baseline, rtl=rtl)
    view.median = number(analysis.median, measure.unit)
    view.ticks = [(y, number(value)) for y, value in view.layout.ticks]
    view.first_date = format_date(dates[0], "medium")
    view.last_date = format_date(dates[-1], "medium")
    view.rows = [
        TableRow(
            on,
            number(value, measure.unit),
            _signal_labels(analysis.rules_at[i], analysis.on_median(i)),
            analysis.rules_at[i],
            analysis.on_median(i),
        )
        for i, (on, value) in enumerate(zip(dates, values, strict=True))
    ]
    view.findings = [_finding(signal, measure, dates, values) for signal in analysis.signals]
    view.runs = _runs_sentence(analysis)
    view.description = _(
        "%(count)d points from %(first)s to %(last)s; median %(median)s. "
        "The table below the chart gives the same numbers.",
        count=len(points),
        first=view.first_date,
        last=view.last_date,
        median=view.median,
    )
    return view

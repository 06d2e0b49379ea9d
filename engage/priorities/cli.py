"""``flask priorities report``: the community priorities of a survey as CSV or JSON."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from engage.priorities.aggregation import DIMENSIONS, report_table
from engage.priorities.community import WEIGHTINGS, choose_survey, community

priorities_cli = AppGroup("priorities", help="Community priorities.")


@priorities_cli.command("report")
@click.option("--survey", "slug", default=None, help="The survey's link name (default: newest).")
@click.option("--by", type=click.Choice(DIMENSIONS), default=None, help="Split by this.")
@click.option("--weighting", type=click.Choice(WEIGHTINGS), default=None)
@click.option("--format", "output", type=click.Choice(["csv", "json"]), default="csv")
def report_command(slug: str | None, by: str | None, weighting: str | None, output: str) -> None:
    """Print the ranking (or one split of it) with small cells hidden, as the page shows it."""
    survey = choose_survey(slug)
    if survey is None:
        raise click.ClickException(
            f"No priority-setting survey {slug!r} feeds the priority list."
            if slug
            else "No priority-setting survey feeds the priority list yet."
        )
    result = community(survey, weighting)
    table = report_table(result.figures, by)
    if output == "json":
        table.to_json(sys.stdout, orient="records", force_ascii=False, indent=2)
        click.echo()
    else:
        table.to_csv(sys.stdout, index=False)

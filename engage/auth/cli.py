"""``flask users create EMAIL --role admin``: accounts from the shell."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from engage.auth import services
from engage.auth.roles import Role
from engage.core.errors import EngageError
from engage.extensions import db

users_cli = AppGroup("users", help="Create staff, board and admin accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", default="", help="Name shown in the app (defaults to the email).")
@click.option("--language", default="en", help="Preferred interface language code.")
@click.password_option(help="Prompted for when not given.")
def create_user_command(email: str, role: str, name: str, language: str, password: str) -> None:
    """Create an account; the password is asked for twice unless given."""
    try:
        user = services.create_user(email, name, Role(role), password, language)
    except EngageError as refused:
        db.session.rollback()
        raise click.ClickException(str(refused)) from refused
    db.session.commit()
    click.echo(f"Created {user.role.value} account {user.email}.")

"""Command-line commands: thin wrappers over services."""
from __future__ import annotations

import logging

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import func, select

from ivzflow.accounts.models import User
from ivzflow.accounts.roles import Role
from ivzflow.accounts.services import create_token, create_user
from ivzflow.bench.cli import bench
from ivzflow.core.errors import DomainError
from ivzflow.extensions import db
from ivzflow.maintenance import cli as maintenance_cli
from ivzflow.search.cli import search


def register(app: Flask) -> None:
    app.cli.add_command(demo)
    app.cli.add_command(token)
    app.cli.add_command(user)
    app.cli.add_command(scheduler)
    maintenance_cli.register(app)  # backup, restore, db copy
    app.cli.add_command(bench)
    app.cli.add_command(search)


@click.command(help="Run the scheduler: reminders and e-mail. Run exactly one per installation (a second one "
                    "waits as a standby).")
@click.option("--interval", default=30, show_default=True, help="Seconds between sweeps.")
@click.option("--once", is_flag=True, help="One sweep (after the daily replanning) and exit; no leader lock.")
@with_appcontext
def scheduler(interval: int, once: bool):
    from flask import current_app

    from ivzflow.reminders import scheduler as runner  # loads APScheduler: only this command needs it

    app = current_app._get_current_object()
    if once:
        runner.run_daily(app)
        runner.run_sweep(app)
        return
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    runner.run(app, interval)


@click.group(cls=AppGroup, help="Demo data (Platform IVZ Twente, 2015).")
def demo():
    pass


@demo.command("load", help="Load the Twente demo data; does nothing when it is already there.")
@click.option("--if-empty", is_flag=True, help="Only when the database holds no users at all.")
def demo_load(if_empty: bool):
    from ivzflow.demo import twente  # the demo data stays out of the web workers

    if if_empty and db.session.scalar(select(func.count(User.id))):
        click.echo("Database is not empty; demo data not loaded.")
        return
    loaded = twente.load(twente.DEMO_PASSWORD)
    db.session.commit()
    click.echo("Demo data loaded." if loaded else "Demo data was already loaded.")


@demo.command("logins", help="Print the demo logins.")
def demo_logins():
    from ivzflow.demo import twente  # the demo data stays out of the web workers

    click.echo(f"Demo logins (password: {twente.DEMO_PASSWORD}):")
    for email, description in twente.DEMO_LOGINS:
        click.echo(f"  {email:34} {description}")


@click.group(cls=AppGroup, help="Personal API tokens.")
def token():
    pass


@token.command("create", help="Create an API token for the user with this e-mail address.")
@click.argument("email")
@click.option("--name", default="cli", show_default=True)
@click.option("--scope", type=click.Choice(["read", "write"]), default="read", show_default=True)
def token_create(email: str, name: str, scope: str):
    found = db.session.scalar(select(User).where(User.email == email.strip().lower()))
    if found is None:
        raise click.ClickException(f"No user with e-mail address {email}.")
    _token, secret = create_token(found, name, scope)
    db.session.commit()
    click.echo(secret)


@click.group(cls=AppGroup, help="User accounts.")
def user():
    pass


@user.command("create", help="Create a user (the password is asked for).")
@click.argument("email")
@click.option("--role", "roles", multiple=True, help="admin, secretariat, agendacommissie, projectleider, "
              "communicatieadviseur or member; repeat for several.")
@click.password_option()
def user_create(email: str, roles: tuple[str, ...], password: str):
    try:
        create_user(email, password, {Role(r) for r in roles} or {Role.MEMBER})
    except (DomainError, ValueError) as exc:
        raise click.ClickException(getattr(exc, "message", str(exc))) from None
    db.session.commit()
    click.echo(f"User {email} created.")

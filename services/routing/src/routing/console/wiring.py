"""Put the console into routing's app: its pages, session cookie, throttle, routes."""

from __future__ import annotations

from dekat.accounts import door
from dekat.web import pages
from fastapi import FastAPI

from routing.config import Settings
from routing.console import access, account, bootstrap, queue, request_page, signin, team


def install(app: FastAPI, settings: Settings) -> None:
    shown = pages.install(app, "routing")
    shown.home_url = access.HOME
    app.state.console = access.Console(
        shown, settings.cookie(access.COOKIE), settings.policy(), intake_url=settings.public_url
    )
    app.add_exception_handler(access.SignInFirst, access.sign_in_first)
    routers = (signin.router, door.router(signin.door(app.state.console)), queue.router, request_page.router)
    for router in (*routers, team.router, account.router, bootstrap.router):
        app.include_router(router)

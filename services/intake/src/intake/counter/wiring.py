"""Put counter staff into intake's app: the door, the desk, the admin API for accounts."""

from __future__ import annotations

from dekat.accounts import door
from dekat.web import words
from dekat.web.pages import Pages
from fastapi import FastAPI

from intake.config import Settings
from intake.counter import access, desk, staff_api

WORDS = "intake.counter"


def install(app: FastAPI, settings: Settings, shown: Pages) -> None:
    """`shown`: intake's pages; the counter's words are added to them."""
    for language, said in words.load(WORDS).items():
        shown.words[language] = words.merged(shown.words[language], said)
    app.state.desk = access.Desk(shown, settings.cookie(access.COOKIE), settings.policy())
    app.add_exception_handler(access.SignInFirst, access.sign_in_first)
    for router in (door.router(desk.door(app.state.desk)), desk.router, staff_api.router):
        app.include_router(router)

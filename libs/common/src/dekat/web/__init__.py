"""The look every Dekat page shares: one stylesheet, one base template, the words in two languages.

A service calls `pages.install(app, "<package>")` once in `create_app()`; its own templates
(`<package>/templates`) extend `dekat/base.html`, its words (`<package>/words/{id,en}.toml`) add to
the shared ones, and its static files are served under `/static/<package>/`.
"""

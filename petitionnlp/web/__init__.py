"""The office workbench on the web: Chinese pages and an HTTP API over the office (``petitionnlp serve``).

:func:`~petitionnlp.web.app.create_app` builds the ASGI app; :mod:`.deps` is what every route depends on (the
office, the current user, the role check, the redaction flag, the CSRF form); :mod:`.routes` holds the routes by
area, each page beside its JSON twin.  Nothing of the office's rules lives here: they are :mod:`petitionnlp.office`.
"""

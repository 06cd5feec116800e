"""The office workbench: a web page and an HTTP API over the whole pipeline (``petitionnlp serve``).

:func:`~petitionnlp.web.app.create_app` builds the ASGI app over a data folder; storage is
:mod:`petitionnlp.web.store` alone; permissions are :mod:`petitionnlp.web.auth` alone.
"""

"""The office's domain, for the web, the command line and the workers alike (no HTTP in it): the store and its
migrations, the case lifecycle, intake of a 交办表, what each role reads, the figures, the documents, model
versions and jobs.  :class:`~petitionnlp.office.workbench.Workbench` is the one object the other layers ask;
refusals are :mod:`petitionnlp.office.errors`.

    tables, store        the tables; every query and write (SQLite or PostgreSQL behind one interface)
    lifecycle            the statuses, the table of steps, and apply(): every change of a case, atomically
    intake               a 交办表 → cases in one pass (receipts, hand-over dates, types of record, report columns)
    cases, views         which cases a user sees, and how each record reads (redaction decided once)
    figures, documents   progress, statistics, the 专报 and the 公开表 (one overdue rule, one 办结率); their files
    batches, briefings, models, jobs, index, worker, database   the rest of the office's work
"""

"""The one family of user-facing errors: a one-line reason, fit to show as it is.

Everything the CLI and the TUI catch is a `PrepbotError`. The service translates whatever the
store raises into `ServiceError` (or one of its subclasses) at its boundary, so screens and
commands never import the store to catch its errors:

    PrepbotError            any one-line, user-facing reason (bank, plan, read, export, report)
      ServiceError          an operation of the service cannot be done
        NotFoundError       no saved interview matches (deleted meanwhile, or a wrong id)
        DiskFullError       the disk is full: nothing was written, nothing in memory cleared; retry
        ConflictError       another window changed the same thing in a way that cannot be merged

Nothing here imports anything: the CLI imports it at start-up to catch errors.
"""

from __future__ import annotations


class PrepbotError(Exception):
    """A one-line, user-facing reason something cannot be done."""


class ServiceError(PrepbotError):
    """A one-line, user-facing reason an operation of the service cannot be done."""


class NotFoundError(ServiceError):
    """No saved interview matches: a wrong id, or it was deleted (from another window) meanwhile."""


class DiskFullError(ServiceError):
    """Saving failed because the disk (or the database) is full.

    Nothing was written and nothing in memory was cleared: keep the text on screen and call the
    same save again once space is freed.
    """


class ConflictError(ServiceError):
    """Another window changed the same field in a way that cannot be merged; nothing was written."""

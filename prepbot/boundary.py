"""The service boundary: whatever the store raises leaves it as one of prepbot.errors.

Every service method that touches the store runs inside `translated()`, so screens and commands
only ever see the one error family (ServiceError and its subclasses), never the store's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from prepbot import store as storage
from prepbot.errors import ConflictError, DiskFullError, NotFoundError, ServiceError
from prepbot.store import merge


@contextmanager
def translated() -> Iterator[None]:
    """The service boundary: whatever the store raises leaves as a ServiceError (DiskFullError on
    a full disk, NotFoundError for an interview that is not there), with the same one line."""
    try:
        yield
    except storage.DiskFullError as exc:
        raise DiskFullError(str(exc)) from None
    except storage.NotFound as exc:
        raise NotFoundError(str(exc)) from None
    except merge.Conflicting as exc:
        raise ConflictError(str(exc)) from None
    except storage.StoreError as exc:
        raise ServiceError(str(exc)) from None

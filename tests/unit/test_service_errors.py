"""The service boundary: whatever the store raises leaves as one family, prepbot.errors."""

from __future__ import annotations

import pytest

from prepbot import errors, store
from prepbot.interview import Interview
from prepbot.service import Service, ServiceError


@pytest.fixture
def service(catalogue):
    return Service.connect(catalogue, use_model=False)


def test_the_old_import_still_names_the_same_class():
    assert ServiceError is errors.ServiceError
    assert issubclass(errors.DiskFullError, ServiceError) and issubclass(errors.NotFoundError, ServiceError)
    assert issubclass(ServiceError, errors.PrepbotError)


def test_a_missing_interview_is_not_found(service):
    with pytest.raises(errors.NotFoundError, match="no saved interview"):
        service.load("0123456789ab")
    with pytest.raises(errors.NotFoundError):
        service.find("Nobody Inc")


def test_a_full_disk_stays_a_full_disk_through_every_write(service, monkeypatch):
    interview = Interview(company="Acme", question_ids=["au-tech-choice"])
    service.save(interview)

    def full(*args, **kwargs):
        raise store.DiskFullError("cannot save to x: the disk is full")

    for name in ("save", "save_answer", "save_answers", "update", "replace", "delete"):
        monkeypatch.setattr(service.store, name, full)
    conversation = service.open(interview)
    conversation.type("nobody reviews code")
    writes = (
        conversation.save,
        conversation.save_all,
        lambda: conversation.set_general_note("met Dana"),
        lambda: conversation.add_question("Who decides?"),
        lambda: service.correct(interview, "no-code-review", "added"),
        lambda: service.import_source(interview, "review", "they never test"),
        lambda: service.restore(interview, replace=True),
        lambda: service.delete(interview.id),
    )
    for write in writes:
        with pytest.raises(errors.DiskFullError, match="the disk is full"):
            write()


def test_any_other_store_error_is_a_service_error(service, monkeypatch):
    def locked(*args, **kwargs):
        raise store.StoreError("cannot read x: database is locked")

    monkeypatch.setattr(service.store, "rows", locked)
    with pytest.raises(ServiceError, match="locked") as caught:
        service.list_interviews()
    assert not isinstance(caught.value, store.StoreError)


def test_a_data_folder_that_is_a_file_is_one_clear_line(catalogue, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ServiceError):
        Service.connect(catalogue, blocker / "prepbot.db", use_model=False)

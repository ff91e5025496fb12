"""The learned classifier beside the cue matcher: its slot in a matcher, and how much of a long text
it reads.

`ModelSlot` loads the classifier on first use (or in the background, `preload`) and keeps what it
found per piece of text. A text longer than the engine's MAX_TEXT_UNIT is read piece by piece, at
most MODEL_BUDGET different pieces (`_within_budget` chooses them), in a thread beside the cues
(`_Background`). The engine (`prepbot.matching.engine`) decides what each piece is and what the
classifier may add there.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from prepbot.matching import threads
from prepbot.matching.combine import FLOOR, Policy

# The classifier reads at most this many different pieces of a text longer than MAX_TEXT_UNIT,
# chosen by `_within_budget`: 0.6-1 s of its time here (about 10-15 ms a sentence), and a long text
# runs it in a thread beside the cues. Notes and reviews are far shorter; past it, the rest of a
# pasted document is read by the cues alone.
MODEL_BUDGET = 64


@dataclass(frozen=True, slots=True)
class ModelUnit:
    """A piece of text the classifier reads, its span, and what the rules ruled on in it."""

    text: str
    start: int
    end: int
    blocked: frozenset[str]
    ruled: frozenset[str]
    negated: bool = False
    topical: bool = True
    # Proposals, wishes or hedges only ("they'd gain a lot from a tracker"): the rules left it to the cues, so the
    # classifier may add red flags there but vetoes nothing.
    red_only: bool = False


class ModelSlot:
    """The learned classifier, loaded on first use (thread-safe), with results kept per sentence."""

    def __init__(self, loader: Callable[[], Any]):
        self._loader = loader
        self._lock = threading.Lock()
        self._model: Any = None
        self.error: str | None = None  # why the classifier is not in use, once a load failed
        self._loading: threading.Thread | None = None
        self._cache: dict[str, dict[str, float]] = {}
        self._policy: tuple[Any, Policy] | None = None

    def preload(self) -> None:
        """Start loading the classifier in a background thread, so that importing its runtime and
        building its session overlap the cue work (onnxruntime releases the GIL while it builds the
        session). `model()` waits for it. Not a daemon: the interpreter never exits mid-load."""
        if self._model is None and self.error is None and self._loading is None:
            self._loading = threads.start(threading.Thread(target=self.model, name="prepbot-classifier-load"))

    def model(self) -> Any:
        if self._model is None and self.error is None:
            with self._lock:
                if self._model is None and self.error is None:
                    try:
                        self._model = self._loader()
                    except Exception as exc:  # ModelUnavailable, or a broken runtime: cues still work
                        self.error = str(exc) or type(exc).__name__
        return self._model

    def cached(self, sentence: str) -> dict[str, float] | None:
        return self._cache.get(sentence)

    def classify(self, sentences: list[str], progress: Callable[[int, int], None] | None = None) -> None:
        """Run the classifier on the sentences it has not seen (in batches), keeping what it found."""
        todo = list(dict.fromkeys(s for s in sentences if s not in self._cache))
        model = self.model() if todo else None
        if model is None:
            return
        batch = 256
        for start in range(0, len(todo), batch):
            part = todo[start : start + batch]
            # Every probability worth keeping (the combination weighs them), or only the flags over threshold.
            read = model.scores(part) if hasattr(model, "scores") else model.flags(part)
            for sentence, found in zip(part, read, strict=True):
                self._cache[sentence] = {flag: p for flag, p in found.items() if p >= FLOOR}
            if progress is not None:
                progress(min(start + batch, len(todo)), len(todo))
        if len(self._cache) > 50_000:
            self._cache.clear()

    @property
    def policy(self) -> Policy:
        """How the classifier's readings combine with the cues' (the model's `combination`)."""
        model = self._model
        if self._policy is None or self._policy[0] is not model:
            try:
                # A model that gives only the flags over its thresholds (no `scores`) cannot say a
                # flag is unlikely: it gets 0.2's combination, which needs nothing more.
                policy = Policy.from_mapping(getattr(model, "combination", None) if hasattr(model, "scores") else None)
            except (TypeError, ValueError):
                policy = Policy()  # a damaged combination: 0.2's, which needs no data
            self._policy = (model, policy)
        return self._policy[1]

    def threshold(self, flag_id: str) -> float:
        model = self._model
        return model.thresholds.get(flag_id, 0.5) if model is not None else 0.5

    @property
    def unit(self) -> str:
        """What the classifier was trained on: "text" (whole snippets) or "sentence"."""
        return getattr(self._model, "unit", "sentence") if self._model is not None else "sentence"


class _Background:
    """The classifier reading a long text's pieces in a thread while the cues read the rest.

    `offer` hands it a piece as soon as the cues have read it (at most MODEL_BUDGET different
    ones); `finish` hands it whatever else `_within_budget` chose. What it finds goes to the
    slot's cache, exactly as a call to `classify` would: only the timing differs.
    """

    def __init__(self, slot: ModelSlot):
        self._slot = slot
        self._offered: set[str] = set()
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threads.start(threading.Thread(target=self._run, name="prepbot-classifier", daemon=True))

    def offer(self, sentence: str) -> None:
        if len(self._offered) < MODEL_BUDGET and sentence not in self._offered:
            self._offered.add(sentence)
            self._queue.put(([sentence], None))

    def finish(self, texts: list[str], progress: Callable[[int, int], None] | None) -> None:
        self._queue.put((texts, progress))

    def join(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _run(self) -> None:
        done = False
        while not done and (work := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._slot.model()  # loaded first; meanwhile more work may have come
                    texts, progress, done = self._gather(work)
                    self._slot.classify(texts, progress)
                except BaseException as exc:  # raised again in the matching thread
                    self._error = exc

    def _gather(self, work: tuple[list[str], Any]) -> tuple[list[str], Any, bool]:
        """`work` and whatever else is waiting, as one request: the classifier's process reads a
        request's texts side by side (same results; only fewer, fuller rounds). True: the end came too."""
        texts, progress = list(work[0]), work[1]
        while True:
            try:
                more = self._queue.get_nowait()
            except queue.Empty:
                return texts, progress, False
            if more is None:
                return texts, progress, True
            texts += more[0]
            progress = more[1] or progress


def _within_budget(units: list[ModelUnit]) -> tuple[list[ModelUnit], int]:
    """The units the classifier reads, and how many different pieces it leaves to the cues.

    All of them when there are at most MODEL_BUDGET different pieces; else MODEL_BUDGET of them,
    deterministically: pieces with a word of the catalogue's topics first, and among those first
    the ones where the cues read nothing reportable (there the classifier is the only reader);
    each group in text order. A piece said twice costs one reading and is read wherever it occurs.
    """
    first: dict[str, ModelUnit] = {}
    for unit in units:
        first.setdefault(unit.text, unit)
    if len(first) <= MODEL_BUDGET:
        return units, 0
    ranked = sorted(first.values(), key=lambda u: (not u.topical, bool(u.ruled)))  # stable: text order within a rank
    chosen = {u.text for u in ranked[:MODEL_BUDGET]}
    return [u for u in units if u.text in chosen], len(first) - MODEL_BUDGET

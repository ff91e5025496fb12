"""Keys are dealt with one after another, in the order typed, even when typed ahead.

Why keys were lost: Textual hands a key to the focused widget as soon as the app reads it, but looks
the key's bindings up only when it has travelled back up from that widget to the app. A terminal
delivers every key queued in one read (a fast typist, a loaded machine, `tmux send-keys n Acme`), so
the keys typed after N were already on their way through the home screen when N's binding opened the
new-interview form: their bindings were then looked up on the form, nothing took them, and they were
dropped. Keys typed after Ctrl+N in the chat went into the previous question's note; keys typed while
a new screen was still being built went to the bare screen, with nothing focused yet, and were dropped.
And the chat learns a note from the editor's Changed messages, which trail the keys: a Ctrl+N typed
right after the note could move on before they were read, and the note was lost.

`KeysInOrderApp` hands a key on only when the one before it has been dealt with: its bindings run,
what they posted to the widget handled, and a screen it opened (or went back to) composed, mounted and
focused; after text typed into a field, also what the field posted about it. A printable key for a
focused text field is taken there and nothing can follow from it, so it holds nothing up: a burst of
text, or a paste from a terminal without bracketed paste, stays fast.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from time import monotonic

from textual import events
from textual.app import App
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

QUIT_KEYS = frozenset({"ctrl+q", "ctrl+c"})  # quit at once while the keys are held (hold_keys)
HOLD_AT_MOST = 5.0  # seconds a key may hold the next ones back; then they go on as Textual would send them
CHECK_EVERY = 0.05  # how often a held key checks that the way it waits on still exists


@dataclass(eq=False)
class InFlight:
    """What the next keys wait on: `rounds` trips of a `KeyDone` from `target` up to the app."""

    target: Widget
    rounds: int
    key: events.Key | None = None  # the key that went to `target`; None: the text typed into it


class KeyDone(Message):
    """Posted to a widget behind what it has to deal with first; it follows the same way up to the
    app, so when it arrives there everything ahead of it on that way has been handled."""

    def __init__(self, flight: InFlight) -> None:
        super().__init__()
        self.flight = flight


def takes_typing(widget: Widget, key: events.Key) -> bool:
    """A key a text field inserts and stops there, always: a printable one, and Enter in an editor."""
    from textual.widgets import Input, TextArea  # (here: the home screen is drawn without the editor's modules)

    if isinstance(widget, TextArea) and not widget.read_only:
        return key.is_printable or key.key == "enter"
    return key.is_printable and isinstance(widget, Input)


class KeysInOrderApp(App):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._keys: deque[events.Key] = deque()  # typed, not handed on yet
        self._in_flight: InFlight | None = None
        self._typed_into: Widget | None = None  # a text field typed into since the last wait
        self._screen_for_keys: Screen | None = None  # the screen the last key was handed to
        self._waiting_for: Screen | None = None  # a screen still being built (or coming back)
        self._held_since = 0.0
        self._guard: Timer | None = None
        self._holds = 0  # hold_keys() without release_keys(): the keys wait, however long

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            if not event.is_forwarded:  # from the terminal (or Pilot): in the line of keys
                self._keys.append(event)
                if not await self._quit_if_asked():
                    await self._hand_on_keys()
                return
            if self._in_flight is not None and event is self._in_flight.key:
                # Nothing took it on the way: its bindings run now (below), and what they post to the
                # widget (Enter: Submitted, and a dialog closes) is dealt with before the next key.
                self._in_flight.rounds = 2
        await super().on_event(event)

    def _held(self) -> bool:
        return self._in_flight is not None or self._waiting_for is not None or self._holds > 0

    def keys_waiting(self, widget: Widget) -> bool:
        """More keys may be on their way to `widget`: a burst from the terminal is being dealt with
        (keys, or other messages, queued for the app or for the widget)."""
        return bool(self._keys) or self.message_queue_size > 0 or widget.message_queue_size > 0

    async def _quit_if_asked(self) -> bool:
        """While the keys are held for something that loads (hold_keys: the question bank), Ctrl+Q or
        Ctrl+C among them quits at once instead of waiting for it. The keys typed ahead go with the
        app: they were meant for a screen not opened yet."""
        if not self._holds or not any(key.key in QUIT_KEYS for key in self._keys):
            return False
        self._keys.clear()
        await self.quit_now()
        return True

    async def quit_now(self) -> None:
        """The app's own quit (PrepbotApp's warns of unsaved notes first)."""
        await self.run_action("quit")

    def hold_keys(self) -> None:
        """Keys typed from now on wait (an action waits for something to load: what the user typed
        after it is meant for what it opens), until release_keys(). A quit key among them does not
        wait (also one typed in the same burst as the key that began the wait)."""
        self._holds += 1
        self.call_later(self._quit_if_asked)

    async def release_keys(self) -> None:
        self._holds = max(0, self._holds - 1)
        await self._hand_on_keys()

    async def _hand_on_keys(self) -> None:
        while self._keys and not self._held():
            screen = self.screen
            if screen is not self._screen_for_keys:
                # A screen opened or came back since the last key: the next one waits until it has
                # composed, mounted and set its focus (a callback on its queue runs after all that).
                self._screen_for_keys = screen
                self._wait(screen)
                if not screen.call_later(self._screen_ready, screen):
                    self._release()
                continue
            if self._typed_into is not None and not takes_typing(self.focused or self.screen, self._keys[0]):
                # Text was typed and a key that may act on it follows (Ctrl+N reads the note): the
                # field's keys first, then the Changed messages they posted, must have been handled.
                self._send(InFlight(self._typed_into, rounds=2))
                self._typed_into = None
                continue
            key = self._keys.popleft()
            await super().on_event(key)  # priority bindings, else to the focused widget (or the screen)
            if not key.is_forwarded:
                continue  # a priority binding took it, here and now
            target = self.focused or self.screen  # where Textual forwarded it (nothing awaited since)
            if takes_typing(target, key):
                self._typed_into = target
                continue
            self._send(InFlight(target, rounds=1, key=key))

    def _send(self, flight: InFlight) -> None:
        self._in_flight = flight
        self._wait(None)
        if not flight.target.post_message(KeyDone(flight)):
            self._release()

    def _wait(self, screen: Screen | None) -> None:
        self._waiting_for = screen
        self._held_since = monotonic()
        if self._guard is None:
            self._guard = self.set_interval(CHECK_EVERY, self._check_held)
        else:
            self._guard.resume()

    def _release(self) -> None:
        self._in_flight = None
        self._waiting_for = None
        if self._guard is not None:
            self._guard.pause()

    def _screen_ready(self, screen: Screen) -> None:
        # Runs on the screen, after its mount; back on the app's queue, behind the focus it asked for.
        self.call_later(self._screen_settled, screen)

    async def _screen_settled(self, screen: Screen) -> None:
        if self._waiting_for is screen:
            self._release()
            await self._hand_on_keys()

    async def on_key_done(self, message: KeyDone) -> None:
        message.stop()
        flight = message.flight
        if flight is not self._in_flight:
            return  # released already (see _check_held)
        flight.rounds -= 1
        if flight.rounds > 0 and flight.target.post_message(KeyDone(flight)):
            return  # once more up the same way, behind what was posted to the widget meanwhile
        self._release()
        await self._hand_on_keys()

    async def _check_held(self) -> None:
        """The way a held key waits on can vanish (its widget removed, a screen closed before it was
        up): then, or after HOLD_AT_MOST seconds, the next keys go on (hold_keys() is not timed)."""
        if self._in_flight is None and self._waiting_for is None:
            return
        flight, screen = self._in_flight, self._waiting_for
        gone = (flight is not None and not flight.target.is_attached) or (
            screen is not None and (not screen.is_attached or screen not in self.screen_stack)
        )
        if gone or monotonic() - self._held_since > HOLD_AT_MOST:
            self._release()
            await self._hand_on_keys()

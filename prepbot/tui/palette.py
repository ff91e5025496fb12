"""The command palette, guarded against a Textual crash on Page Up / Page Down.

Textual 8.2's `OptionList._move_page` reads `self._index_to_line[self.highlighted or 0]` without
the `KeyError` guard that `scroll_to_highlight` has. The line index is only built while the list
has a size (`_update_lines` returns early for an empty region), and the palette's `CommandList`
has none while it is hidden: between results arriving and the list being shown again, or while
it shows nothing. Page Up / Page Down in that moment (key mashing, a fast typist) crashed the app
with `KeyError: 0` in `_option_list.py`. Not found among Textual's issues from here; the same
traceback was reported against another Textual app (kagan-sh/kagan-legacy#31). Remove this class
once `_move_page` checks that the highlighted option has a line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider

PAGING = ("page_up", "page_down")
Entry = tuple[str, Callable[[], Any], str]  # a palette entry: its text, what it does, its help line


class PrepbotCommandPalette(CommandPalette):
    def _action_command_list(self, action: str) -> None:
        if action in PAGING and not _laid_out(self.query_one(CommandList)):
            return  # nothing is shown to page through (yet)
        super()._action_command_list(action)


def _laid_out(commands: CommandList) -> bool:
    """Whether the highlighted option has a line in the list's layout (what `_move_page` reads)."""
    highlighted = commands.highlighted
    return highlighted is None or highlighted in commands._index_to_line


class ScreenCommands(Provider):
    """A screen's own commands in the palette: listed as soon as it opens, filtered as typed, and
    before Textual's own (keys, theme, quit), which follow them.

    Subclasses give `entries()`: (text, callback, help) for the screen the palette was opened on.
    """

    def entries(self) -> list[Entry]:
        raise NotImplementedError

    def with_system(self) -> list[tuple[Entry, bool]]:
        """Every entry, and whether it is listed before anything is typed; the screen's first."""
        system = [((c.title, c.callback, c.help), c.discover) for c in self.app.get_system_commands(self.screen)]
        return [(entry, True) for entry in self.entries()] + system

    async def discover(self) -> Hits:
        for (text, callback, help_text), listed in self.with_system():
            if listed:
                yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in (entry for entry, _ in self.with_system()):
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)


class SystemCommands(Provider):
    """Textual's own commands on screens without a `ScreenCommands` provider (which lists them itself)."""

    def commands(self) -> list[SystemCommand]:
        own = any(isinstance(p, type) and issubclass(p, ScreenCommands) for p in self.screen.COMMANDS)
        return [] if own else list(self.app.get_system_commands(self.screen))

    async def discover(self) -> Hits:
        for command in self.commands():
            if command.discover:
                yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.callback, help=command.help)

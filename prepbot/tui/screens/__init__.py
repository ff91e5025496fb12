"""The app's screens. Every one but the home screen reads its styles from screens.tcss (CSS_PATH),
when the first of them opens: the home screen, drawn first, has its own few in prepbot.tcss."""

from pathlib import Path

SCREENS_CSS = Path(__file__).with_name("screens.tcss")

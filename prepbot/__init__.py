"""prepbot: interview the company back."""

__version__ = "0.3.0.dev0"

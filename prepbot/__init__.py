"""prepbot: interview the company back."""

__version__ = "0.1.0"

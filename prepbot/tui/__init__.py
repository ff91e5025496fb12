"""The Textual app. Presentation only: every decision comes from the domain modules."""

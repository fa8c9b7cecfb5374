"""Project texts use the one cleaner of formatted text (ivzflow.core.richtext)."""
from ivzflow.core.richtext import clean_html, render  # noqa: F401

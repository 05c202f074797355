"""Carbon bulletin generator: content tree → validated model → Markdown → theme → site + PDF."""
__version__ = "0.1.0"

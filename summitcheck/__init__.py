"""summitcheck: check short editorial claims against source articles, across French and English."""

__version__ = "0.1.0"

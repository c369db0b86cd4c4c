"""Maintainer tools that run without MkDocs (`python -m tools.<name>`)."""

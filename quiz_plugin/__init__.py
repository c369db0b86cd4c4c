"""Self-graded quizzes from YAML question banks. The core (model, loader, layout, keys, render, strings, export, cli)
imports no MkDocs; plugin.py is the MkDocs adapter; assets/ holds the browser runtime. README.md tells a site how to
use it."""

__version__ = "0.2.0"

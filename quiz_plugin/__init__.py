"""Self-graded quizzes from YAML question banks. The core (model, loader, keys, render, export) imports no MkDocs;
plugin.py is the MkDocs adapter; assets/ holds the browser runtime."""

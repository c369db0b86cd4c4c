"""Sources as data: one registry (data/sources.yml), `[@key]` citations in pages and bank text, a Sources list per
page. Plain Python with no MkDocs import; hooks/sources.py is the thin MkDocs adapter."""

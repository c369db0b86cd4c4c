"""Content-hashed names for the site's own assets: `assets/site.css` is published as `assets/site.<hash>.css`.

A file whose name changes whenever its content changes can be cached for ever: a repeat visit downloads no shared
asset again, and the service worker (hooks/offline.py) can serve such files from its cache without asking the
network. Material's and the quiz plugin's assets are hashed already; this hook does the same for the files that
`extra_css`, `extra_javascript`, `theme.favicon` and `theme.logo` name in docs/ (the quiz plugin's approach: the
configuration names the hashed file and the build ships it as a generated file instead of the original).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

HASH_LENGTH = 10
THEME_FILES = ("favicon", "logo")

_renamed: dict[str, str] = {}  # original uri -> hashed uri, kept for the nested language builds


def hashed_uri(uri: str, content: bytes) -> str:
    """The published name of a file: its content hash before the extension (before `.min.js`, as Material's are).
    The one place such names are made in hooks/ (search_assets.py and offline.py import it); the quiz plugin, a
    package usable without this site, names its own two files the same way.

    >>> hashed_uri("assets/site.css", b"body{}")
    'assets/site.7c98040a54.css'
    >>> hashed_uri("assets/javascripts/bundle.min.js", b"body{}")
    'assets/javascripts/bundle.7c98040a54.min.js'
    """
    stem, _, extension = uri.rpartition(".")
    if stem.endswith(".min"):
        stem, extension = stem[:-len(".min")], "min." + extension
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:HASH_LENGTH]}.{extension}"


@event_priority(-110)  # after mkdocs-static-i18n (-100) has set up this language's configuration
def on_config(config, **kwargs):
    docs = Path(config.docs_dir)
    renamed: dict[str, str] = {}

    def rename(uri: str) -> str:
        source = docs / uri
        if "://" in uri or uri.startswith("/") or not source.is_file():
            return uri  # an address, or a file made by a plugin, or one renamed by the first language build
        renamed[uri] = hashed_uri(uri, source.read_bytes())
        return renamed[uri]

    config.extra_css[:] = [rename(str(path)) for path in config.extra_css]
    for index, script in enumerate(config.extra_javascript):
        if isinstance(script, ExtraScriptValue):
            script.path = rename(script.path)
        else:
            config.extra_javascript[index] = rename(str(script))
    for key in THEME_FILES:
        if config.theme.get(key):
            config.theme[key] = rename(config.theme[key])
    if renamed:  # the first (default language) build of this configuration
        _renamed.clear()
        _renamed.update(renamed)
    return config


@event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this language's files
def on_files(files, config, **kwargs):
    for original, hashed in _renamed.items():
        file = files.get_file_from_path(original)
        if file is None:
            continue
        files.remove(file)
        if files.get_file_from_path(hashed) is None:
            files.append(File.generated(config, hashed, content=file.content_bytes))
    return files

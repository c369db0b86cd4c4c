"""Run the site's search in node (tools/search_node.js): the bench and the tests call `run(request)`.

The request and answer are described at the top of search_node.js. Node is the machine's own (`node` on PATH);
it needs no package: the scripts run are the site's published files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).with_name("search_node.js")


def node() -> str:
    found = shutil.which("node")
    if not found:
        raise RuntimeError("node is not installed: the search bench and the JavaScript tests run the search in it "
                           "(Debian: apt-get install nodejs)")
    return found


def run(request: dict) -> dict:
    done = subprocess.run([node(), str(SCRIPT)], input=json.dumps(request, ensure_ascii=False), capture_output=True,
                          text=True, encoding="utf-8")
    if done.returncode != 0:
        raise RuntimeError(f"{SCRIPT.name} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout)

"""The one error type of the quiz core: it names the file, the line and the question where there is one."""

from __future__ import annotations


class BankError(Exception):
    """A question bank or a page marker is wrong. The MkDocs adapter turns it into a PluginError."""

    def __init__(self, problem: str, *, path: str | None = None, line: int | None = None, question: str | None = None):
        self.problem, self.path, self.line, self.question = problem, path, line, question
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        who = f"question '{question}': " if question else ""
        super().__init__(f"{where}{who}{problem}")

"""Bounded time and memory for tests of hostile input: a regression fails the test instead of hanging CI."""

from __future__ import annotations

import contextlib
import signal
import tracemalloc

MEMORY_BOUND = 64 * 1024 * 1024  # measured peaks are 0-12 MB; before the limits, 100,000 questions took 1.1 GB
HANG_GUARD = 60  # seconds; not a speed target, only so that a regression fails instead of hanging CI


@contextlib.contextmanager
def bounded(trace_memory: bool = True):
    """Fail if the block runs for more than HANG_GUARD seconds; yield a dict that receives the peak memory."""
    def timeout(signum, frame):
        raise TimeoutError(f"still running after {HANG_GUARD} s")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(HANG_GUARD)
    if trace_memory:
        tracemalloc.start()
    measured = {"peak": 0}
    try:
        yield measured
    finally:
        if trace_memory:
            measured["peak"] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)

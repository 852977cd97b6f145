"""Giving asyncio's event loop a turn in which waiting keys are answered.

`asyncio.sleep(0)` alone is not enough: the task is put back on the loop's ready queue at once,
so it runs again first thing in the loop's next turn, before the key presses (and timers) that
turn collects (`BaseEventLoop._run_once` appends them after the callbacks already ready). A key
pressed during the work before the yield then still waits for the work after it. Yielding twice
puts the rest of the work one turn later, after the keys collected in between.
"""

from __future__ import annotations

import asyncio


async def let_keys_in() -> None:
    """Let the event loop answer any key pressed so far before this task goes on."""
    await asyncio.sleep(0)
    await asyncio.sleep(0)

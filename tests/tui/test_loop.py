"""`let_keys_in`: what reached the event loop during a piece of work is answered before the next piece."""

from __future__ import annotations

import asyncio

from sendfolio.tui.support.loop import let_keys_in


async def test_what_came_during_the_work_is_answered_before_the_work_goes_on():
    """A callback that became due during the work (as a key read by the loop does) runs before the work resumes.

    With a single `asyncio.sleep(0)` the work resumed first: it was already on the ready queue.
    """
    loop = asyncio.get_running_loop()
    order: list[str] = []
    loop.call_later(0, order.append, "key")
    await let_keys_in()
    order.append("work")
    assert order == ["key", "work"]


async def test_a_single_sleep_lets_the_work_go_first():
    """The reason for `let_keys_in`: after one `asyncio.sleep(0)` the work goes on before the due callback."""
    loop = asyncio.get_running_loop()
    order: list[str] = []
    loop.call_later(0, order.append, "key")
    await asyncio.sleep(0)
    order.append("work")
    assert order == ["work"]  # the key is still waiting

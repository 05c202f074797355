"""Chart and table fences (```chart / ```table) — placeholder until the data stage lands."""
from __future__ import annotations

from generator.bodies import BodyContext


def make_fence_handler(ctx: BodyContext):
    return lambda info, content, line: None

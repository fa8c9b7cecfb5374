"""The layout of a workflow diagram: states in rows by their distance from the initial state, transitions
as arrows. Only geometry is computed here; templates/workflows/_diagram.html draws it as inline SVG.

Forward arrows go down to the next row; arrows back up (or skipping rows) curve around the left (or
right) margin; a transition to the same state is a loop on the right of its box.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass

BOX_H = 52
ROW_GAP = 96
COL_GAP = 48
SIDE = 270          # room left and right for curved arrows and their labels
TOP = 24
CHAR_W = 8.2        # average width of a bold 13px character
MIN_BOX_W = 150
LABEL_CHARS = 36    # longer arrow labels are shortened in the picture (the table has them in full)


@dataclass
class Box:
    name: str
    label: str
    x: float
    y: float
    w: float
    layer: int
    is_initial: bool
    is_final: bool
    h: float = BOX_H

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass
class Arrow:
    name: str
    label: str
    short_label: str
    path: str
    label_x: float
    label_y: float
    anchor: str  # SVG text-anchor: start | middle | end


@dataclass
class Diagram:
    width: float
    height: float
    boxes: list[Box]
    arrows: list[Arrow]


def _layers(states, transitions) -> dict[int, int]:
    """Breadth-first distance of every state from the initial one (unreachable ones go last)."""
    edges: dict[int, list[int]] = {}
    for t in transitions:
        edges.setdefault(t.from_state_id, []).append(t.to_state_id)
    start = next((s.id for s in states if s.is_initial), states[0].id if states else None)
    depth = {start: 0} if start is not None else {}
    queue = deque(depth)
    while queue:
        current = queue.popleft()
        for target in edges.get(current, ()):
            if target not in depth:
                depth[target] = depth[current] + 1
                queue.append(target)
    last = max(depth.values(), default=-1) + 1
    return {s.id: depth.get(s.id, last) for s in states}


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"


def layout(states, transitions, locale: str, final_text: str, initial_text: str) -> Diagram:
    """Place the states (rows by distance) and route the transitions between them."""
    layers = _layers(states, transitions)
    rows: dict[int, list] = {}
    for state in states:
        rows.setdefault(layers[state.id], []).append(state)

    def box_width(state) -> float:
        subtitle = final_text if state.is_final else initial_text if state.is_initial else ""
        return max(MIN_BOX_W, max(len(state.label(locale)), len(subtitle)) * CHAR_W + 28)

    row_widths = {n: sum(box_width(s) for s in row) + COL_GAP * (len(row) - 1) for n, row in rows.items()}
    content = max(row_widths.values(), default=MIN_BOX_W)
    boxes: dict[int, Box] = {}
    for n in sorted(rows):
        x = SIDE + (content - row_widths[n]) / 2
        for state in rows[n]:
            w = box_width(state)
            boxes[state.id] = Box(state.name, state.label(locale), x, TOP + n * (BOX_H + ROW_GAP), w, n,
                                  state.is_initial, state.is_final)
            x += w + COL_GAP
    width = SIDE * 2 + content
    height = TOP * 2 + (max(rows, default=0) + 1) * (BOX_H + ROW_GAP) - ROW_GAP

    arrows: list[Arrow] = []
    forward: dict[int, list] = {}
    for t in transitions:
        if boxes[t.to_state_id].layer == boxes[t.from_state_id].layer + 1:
            forward.setdefault(t.from_state_id, []).append(t)
    left_lane = right_lane = 0
    for t in transitions:
        source, target = boxes[t.from_state_id], boxes[t.to_state_id]
        label = t.label(locale)
        if source is target:
            x, y = source.x + source.w, source.cy
            path = (f"M {x:.0f} {y - 12:.0f} C {x + 70:.0f} {y - 44:.0f}, {x + 70:.0f} {y + 44:.0f}, "
                    f"{x + 4:.0f} {y + 12:.0f}")
            arrows.append(Arrow(t.name, label, _short(label), path, x + 60, y + 4, "start"))
        elif target.layer == source.layer + 1:
            siblings = forward[t.from_state_id]
            k, n = siblings.index(t), len(siblings)
            x1 = source.cx + (k - (n - 1) / 2) * min(24, source.w / (n + 1))
            y1, x2, y2 = source.y + source.h, target.cx, target.y
            path = f"M {x1:.0f} {y1:.0f} L {x2:.0f} {y2:.0f}"
            if n == 1 and abs(x2 - x1) < 1:
                arrows.append(Arrow(t.name, label, _short(label), path, x1 + 8, (y1 + y2) / 2 + 4, "start"))
            else:
                fraction = 0.5 + (k - (n - 1) / 2) * (0.7 / n)
                lx, ly = x1 + (x2 - x1) * fraction, y1 + (y2 - y1) * fraction
                arrows.append(Arrow(t.name, label, _short(label), path, lx, ly + 4, "middle"))
        elif target.layer <= source.layer:
            left_lane += 1
            lane = SIDE - 30 - 26 * left_lane
            path = (f"M {source.x:.0f} {source.cy:.0f} C {lane:.0f} {source.cy:.0f}, {lane:.0f} {target.cy:.0f}, "
                    f"{target.x:.0f} {target.cy:.0f}")
            middle = (source.x + 6 * lane + target.x) / 8  # the curve's x halfway
            arrows.append(Arrow(t.name, label, _short(label), path, middle - 6, (source.cy + target.cy) / 2, "end"))
        else:
            right_lane += 1
            lane = SIDE + content + 30 + 26 * right_lane
            path = (f"M {source.x + source.w:.0f} {source.cy:.0f} C {lane:.0f} {source.cy:.0f}, {lane:.0f} "
                    f"{target.cy:.0f}, {target.x + target.w:.0f} {target.cy:.0f}")
            middle = (source.x + source.w + 6 * lane + target.x + target.w) / 8
            arrows.append(Arrow(t.name, label, _short(label), path, middle + 6, (source.cy + target.cy) / 2, "start"))
    return Diagram(width, height, [boxes[s.id] for s in states], arrows)

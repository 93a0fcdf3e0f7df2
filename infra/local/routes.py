"""Route matching as API Gateway HTTP APIs do it: the most specific route wins (a literal segment
beats a ``{parameter}``, which beats a greedy ``{proxy+}``), an exact method beats ``ANY``, and
``$default`` catches the rest. A path served only for other methods is a plain 404 there too."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from infra.local.stack import RouteSpec

_LITERAL, _PARAMETER, _GREEDY = 0, 1, 2


@dataclass(frozen=True)
class Match:
    route: RouteSpec
    path_parameters: dict[str, str]


@dataclass(frozen=True)
class _Compiled:
    route: RouteSpec
    segments: tuple[tuple[int, str], ...]


def _compile(route: RouteSpec) -> _Compiled:
    segments = []
    for part in route.path.strip("/").split("/") if route.path.strip("/") else []:
        if part.startswith("{") and part.endswith("+}"):
            segments.append((_GREEDY, part[1:-2]))
        elif part.startswith("{") and part.endswith("}"):
            segments.append((_PARAMETER, part[1:-1]))
        else:
            segments.append((_LITERAL, part))
    return _Compiled(route, tuple(segments))


class Router:
    def __init__(self, routes: Iterable[RouteSpec]) -> None:
        self._routes = [_compile(route) for route in routes if route.path != "$default"]
        self._default = next((route for route in routes if route.path == "$default"), None)

    @property
    def routes(self) -> list[RouteSpec]:
        return [compiled.route for compiled in self._routes]

    def match(self, method: str, raw_path: str) -> Match | None:
        parts = raw_path.strip("/").split("/") if raw_path.strip("/") else []
        best: tuple[tuple[int, ...], Match] | None = None
        for compiled in self._routes:
            if compiled.route.method not in {method, "ANY"}:
                continue
            parameters = _bind(compiled.segments, parts)
            if parameters is None:
                continue
            rank = (*(kind for kind, _ in compiled.segments), int(compiled.route.method == "ANY"))
            if best is None or rank < best[0]:
                best = (rank, Match(compiled.route, parameters))
        if best is not None:
            return best[1]
        if self._default is not None:
            return Match(self._default, {})
        return None


def _bind(segments: tuple[tuple[int, str], ...], parts: list[str]) -> dict[str, str] | None:
    parameters: dict[str, str] = {}
    for index, (kind, name) in enumerate(segments):
        if kind == _GREEDY:
            rest = parts[index:]
            if not rest or not all(rest):
                return None
            parameters[name] = unquote("/".join(rest))
            return parameters
        if index >= len(parts) or not parts[index]:
            return None
        if kind == _LITERAL:
            if parts[index] != name:
                return None
        else:
            parameters[name] = unquote(parts[index])
    return parameters if len(parts) == len(segments) else None

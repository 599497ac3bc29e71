"""Option values of plain kinds, checked without pydantic.

typer (0.29 and later) checks the value of every parameter with a pydantic ``TypeAdapter`` that
it builds while the command line is parsed: one per parameter, even for an option left at its
default, and the first one imports pydantic. For the kinds trustcoach's parameters take (a
flag, a text, a list of texts, a path) the check gives back the flag, the text, the list, or
``Path(text)`` with typer's own path checks. Building the adapters and importing pydantic cost
``list`` and ``export`` more than everything else they do (the README's Performance section).

``install`` gives those parameters a coercion that does the same by hand; any other kind of
parameter, and any value of an unexpected type, goes through typer's own. It sets typer's
internal ``_runtime_param``, as ``clicks.py`` uses typer's click; with a typer that has no such
attribute nothing is installed and typer's own coercion runs. ``tests/cli/test_options.py``
holds the two to the same values, and ``list``, ``show`` and ``export`` to not importing
pydantic.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from typer._coercion import RuntimeParam, build_runtime_param
from typer._param_types import coerce_cli_path

PLAIN: Mapping[Any, str] = MappingProxyType(
    {bool: "flag", str: "text", list[str]: "texts", Path: "path"}
)


@dataclass(frozen=True)
class PlainParam(RuntimeParam):
    """A flag, a text, a list of texts or a path, as typer's adapters would give them."""

    kind: str = "text"

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if (self.kind, type(value)) in (("flag", bool), ("text", str)):
            return value
        texts = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        if self.kind == "texts" and texts:
            return list(value)
        if self.kind == "path" and isinstance(value, str | Path):
            info = self.parameter_info
            return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
        typer_own = build_runtime_param(param.type_descriptor)
        return typer_own._coerce_value(value, param=param, ctx=ctx)


def install(params: list[Any]) -> list[Any]:
    """Give each parameter of a plain kind the coercion above (before typer builds its own)."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        info = descriptor.parameter_info
        kind = PLAIN.get(descriptor.annotation)
        if kind == "path" and info.path_type is not None:
            continue  # a path given back as str or bytes: typer's own
        if kind is not None and descriptor.file_annotation is None and info.parser is None:
            param._runtime_param = PlainParam(
                parameter_info=info, annotation=descriptor.annotation, kind=kind
            )
    return params

"""Build pydantic models from data that is exactly as trustcoach writes it, without validation.

Building a model's validator costs pydantic about ten milliseconds once per process, more than
everything else ``show`` does. A journal that trustcoach wrote has plain values of exactly the
declared types, so a reader derived from the model's own fields can check every value by its
exact type and pattern and build the model with ``model_construct``. Anything else (a value of
another type that pydantic might still coerce, a missing or unknown key) raises ``NotPlain``,
and the caller validates with pydantic as usual, for its error messages too.

The quick reader is stricter than pydantic, never looser: what it accepts, pydantic accepts and
builds equal (``tests/test_quick_models.py`` checks this on generated journals).
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel


class NotPlain(Exception):
    """The data is not exactly as trustcoach writes it: leave it to pydantic."""


Reader = Callable[[Any], Any]

_EXACT_TYPES = (str, int, bool, datetime, date)
_CODE_THAT_MUST_RUN = (
    "validators",
    "field_validators",
    "root_validators",
    "model_validators",
    "field_serializers",
    "model_serializers",
    "computed_fields",
)
_READERS: dict[type[BaseModel], Reader] = {}


def quick_reader(model: type[BaseModel]) -> Reader:
    """A function that turns a plain dict into ``model`` (nested models too), or raises
    NotPlain. Made once per model from its fields."""
    reader = _READERS.get(model)
    if reader is None:
        reader = _READERS[model] = _model_reader(model)
    return reader


def _model_reader(model: type[BaseModel]) -> Reader:
    decorators = model.__pydantic_decorators__
    if any(getattr(decorators, kind) for kind in _CODE_THAT_MUST_RUN):
        raise TypeError(f"{model.__name__} has validators or serializers the reader would skip")
    fields = {
        name: (info.is_required(), _value_reader(info.annotation, info.metadata))
        for name, info in model.model_fields.items()
    }
    known = fields.keys()

    def read(data: Any) -> BaseModel:
        if type(data) is not dict or not data.keys() <= known:
            raise NotPlain
        values = {}
        for name, (required, reader) in fields.items():
            if name in data:
                values[name] = reader(data[name])
            elif required:
                raise NotPlain
        return model.model_construct(**values)

    return read


def _value_reader(annotation: Any, metadata: list[Any]) -> Reader:
    """A reader for one field's type; types it does not know are refused when it is made,
    so a new kind of field cannot slip through unchecked."""
    pattern = _pattern(metadata)
    origin, args = get_origin(annotation), get_args(annotation)
    if pattern is not None:
        if annotation is not str:
            raise TypeError(f"a pattern on {annotation!r} is not supported")
        return _matching(re.compile(pattern, re.ASCII))
    if annotation in _EXACT_TYPES:
        return _exact(annotation)
    if origin is Literal:
        return _one_of(args)
    if origin is list:
        return _list_of(_value_reader(args[0], []))
    if origin in (Union, types.UnionType):
        return _any_of([_value_reader(arg, []) for arg in args])
    if annotation is type(None):
        return _none
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return quick_reader(annotation)
    raise TypeError(f"no quick reader for {annotation!r}")


def _pattern(metadata: list[Any]) -> str | None:
    """The field's ``pattern``; any other constraint is refused."""
    found = None
    for item in metadata:
        constraints = {k: v for k, v in vars(item).items() if v is not None}
        if set(constraints) != {"pattern"}:
            raise TypeError(f"constraint {item!r} is not supported")
        found = constraints["pattern"]
    return found


def _exact(kind: type) -> Reader:
    def read(value: Any) -> Any:
        if type(value) is not kind:
            raise NotPlain
        return value

    return read


def _matching(regex: re.Pattern[str]) -> Reader:
    def read(value: Any) -> str:
        if type(value) is not str or not regex.fullmatch(value):
            raise NotPlain
        return value

    return read


def _one_of(options: tuple[Any, ...]) -> Reader:
    def read(value: Any) -> Any:
        if type(value) is not str or value not in options:
            raise NotPlain
        return value

    return read


def _list_of(item: Reader) -> Reader:
    def read(value: Any) -> list[Any]:
        if type(value) is not list:
            raise NotPlain
        return [item(element) for element in value]

    return read


def _any_of(readers: list[Reader]) -> Reader:
    def read(value: Any) -> Any:
        for reader in readers:
            try:
                return reader(value)
            except NotPlain:
                continue
        raise NotPlain

    return read


def _none(value: Any) -> None:
    if value is not None:
        raise NotPlain


def plain_dump(model: BaseModel) -> dict[str, Any]:
    """The model as JSON-ready data, as ``model_dump(mode="json", exclude_none=True)`` gives
    it, without building pydantic's serializer: dates and times as ISO 8601 text (a zero
    offset written ``Z``, as pydantic writes it), nested models as dicts, None left out."""
    return {
        name: _plain_value(value)
        for name in type(model).model_fields
        if (value := getattr(model, name)) is not None
    }


def _plain_value(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return plain_dump(value)
    if isinstance(value, list):
        return [_plain_value(item) for item in value]
    if isinstance(value, datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if value.utcoffset() == timedelta(0) else text
    if isinstance(value, date):
        return value.isoformat()
    return value

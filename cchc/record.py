"""Immutable record classes: what `@dataclass(frozen=True, slots=True)` gives, defined 5x faster.

A dataclass compiles six to eight generated methods from source text when its module is
imported (0.3–1 ms a class); the ~30 value classes on the path of `cchc due` cost 13 ms of a
~90 ms run that way (bench/RESULTS.md). `@record` compiles only `__init__` (so building a model
stays as fast as with a dataclass) and shares one generic implementation of equality, hashing,
`repr`, ordering, immutability and pickling between all classes.

Semantics follow dataclasses: fields are the class annotations in order, inherited fields of
record bases first; `field(default=…, default_factory=…, compare=…, repr=…)`; `__eq__` compares
the fields with `compare=True` of objects of the very same class; such objects hash like the
tuple of those fields; assigning or deleting an attribute raises `FrozenInstanceError`. Type
checkers see a frozen dataclass (PEP 681 `dataclass_transform`). `fields(obj)` and
`replace(obj, **changes)` stand in for their `dataclasses` namesakes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["FrozenInstanceError", "field", "fields", "record", "replace"]

T = TypeVar("T", bound=type)
R = TypeVar("R")

_MISSING: Any = object()


class FrozenInstanceError(AttributeError):
    """Assigning to or deleting a field of a record (as `dataclasses.FrozenInstanceError`)."""


class Field:
    """One field of a record: its name, default (or factory), and whether eq/hash and repr use it."""

    __slots__ = ("compare", "default", "default_factory", "name", "repr")

    def __init__(self, default: Any, default_factory: Any, compare: bool, repr: bool) -> None:
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.compare = compare
        self.repr = repr


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] | None = None,
    compare: bool = True,
    repr: bool = True,
) -> Any:
    """Options of one field, as `dataclasses.field` takes them."""
    return Field(default, default_factory, compare, repr)


def fields(obj: Any) -> tuple[str, ...]:
    """Names of a record's (or record class's) fields, in order."""
    names: tuple[str, ...] = obj.__record_names__
    return names


def replace(obj: R, /, **changes: Any) -> R:
    """A copy of `obj` with `changes` applied (`dataclasses.replace`)."""
    values = {name: getattr(obj, name) for name in fields(obj)}
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field(s) {', '.join(sorted(unknown))}")
    values.update(changes)
    copy: R = type(obj)(**values)
    return copy


# The shared methods. `self.__record_cmp__` lists the names eq/hash/order use.


def _key(self: Any) -> tuple[Any, ...]:
    return tuple([getattr(self, name) for name in self.__record_cmp__])


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _key(self) == _key(other)


def _hash(self: Any) -> int:
    return hash(_key(self))


def _order(op: Callable[[Any, Any], bool]) -> Callable[[Any, Any], Any]:
    def compare(self: Any, other: Any) -> Any:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return op(_key(self), _key(other))

    return compare


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_repr__)
    return f"{type(self).__qualname__}({shown})"


def _setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _reduce(self: Any) -> tuple[Any, ...]:
    # Pickled as the class and its field values; unpickling calls the compiled `__init__` once
    # (the parsed-plan cache holds ~100 000 records a plan; validate's workers send back problems).
    return restore, (type(self), tuple([getattr(self, name) for name in self.__record_names__]))


def restore(cls: type[R], values: tuple[Any, ...]) -> R:
    """A pickled record: exactly one value per field, else `ValueError` (written by other code)."""
    names = fields(cls)
    if len(values) != len(names):
        raise ValueError(f"{cls.__name__}: {len(values)} values for {len(names)} fields")
    return cls(*values)


_ORDER = {
    "__lt__": lambda a, b: a < b,
    "__le__": lambda a, b: a <= b,
    "__gt__": lambda a, b: a > b,
    "__ge__": lambda a, b: a >= b,
}


def _init(cls_name: str, specs: list[Field]) -> Callable[..., None]:
    """`__init__` compiled for this class: positional-or-keyword parameters, defaults bound once."""
    params, body = [], []
    env: dict[str, Any] = {"_set": object.__setattr__, "_MISSING": _MISSING}
    for spec in specs:
        name = spec.name
        if spec.default_factory is not None:
            env[f"_factory_{name}"] = spec.default_factory
            params.append(f"{name}=_MISSING")
            body.append(f"  _set(self, {name!r}, _factory_{name}() if {name} is _MISSING else {name})")
            continue
        if spec.default is not _MISSING:
            env[f"_default_{name}"] = spec.default
            params.append(f"{name}=_default_{name}")
        else:
            params.append(name)
        body.append(f"  _set(self, {name!r}, {name})")
    source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or "  pass") + "\n"
    exec(compile(source, f"<record {cls_name}>", "exec"), env)
    init: Callable[..., None] = env["__init__"]
    return init


def _build(cls: type, order: bool) -> type:
    specs: dict[str, Field] = {}
    for base in reversed(cls.__mro__[1:]):
        for spec in getattr(base, "__record_fields__", ()):
            specs[spec.name] = spec
    own = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 - the class's own, as strings
    for name, annotation in own.items():
        if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
            continue
        value = cls.__dict__.get(name, _MISSING)
        spec = value if isinstance(value, Field) else Field(value, None, True, True)
        spec.name = name
        specs[name] = spec
    ordered = list(specs.values())
    inherited = {name for base in cls.__mro__[1:] for name in getattr(base, "__record_names__", ())}
    names = tuple(s.name for s in ordered)
    namespace = {key: value for key, value in cls.__dict__.items() if key not in specs}
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    namespace.update(
        __slots__=tuple(name for name in names if name not in inherited),
        __record_fields__=tuple(ordered),
        __record_names__=names,
        __record_cmp__=tuple(s.name for s in ordered if s.compare),
        __record_repr__=tuple(s.name for s in ordered if s.repr),
        __match_args__=names,
        __init__=_init(cls.__name__, ordered),
        __repr__=_repr,
        __eq__=_eq,
        __hash__=_hash,
        __setattr__=_setattr,
        __delattr__=_delattr,
        __reduce__=_reduce,
    )
    if order:
        namespace.update({name: _order(op) for name, op in _ORDER.items()})
    new = type(cls)(cls.__name__, cls.__bases__, namespace)
    new.__qualname__ = cls.__qualname__
    namespace["__init__"].__qualname__ = f"{cls.__qualname__}.__init__"
    return new


@overload
def record(cls: T, /) -> T: ...
@overload
def record(*, order: bool = False) -> Callable[[T], T]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field, Field))
def record(cls: T | None = None, /, *, order: bool = False) -> T | Callable[[T], T]:
    """Make `cls` an immutable record (see the module docstring); `order=True` adds < <= > >=."""
    if cls is None:
        return lambda c: _build(c, order)  # type: ignore[return-value]
    return _build(cls, order)

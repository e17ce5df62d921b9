"""typer, made to start fast: click's plain help, and option values coerced without pydantic when that is exact.

Two costs of typer (0.2x) that every run paid:

- Help drawn with rich: typer's `rich_utils` imports rich's console, tables and markdown parser (0.15 s of a 0.3 s
  `--help`). Help is laid out by click instead (plain text: the same commands, options, help texts and defaults);
  usage errors are still drawn by typer, as before.
- Coercion: typer builds a pydantic TypeAdapter for every parameter of the command being run, given or not,
  importing pydantic (0.1 to 0.2 s of `verify`). Values whose coercion is plain are coerced here to the same
  result: an option not given (None), a default already of its type, a string for a `str`, a path for a `Path`
  (through typer's own path checks); anything else (a number or a flag typed on the command line, a value out of
  range, a parser, choices, files) goes to typer's adapter, so its errors stay typer's own word for word.

Both only use hooks typer offers (`cls=` of the app and of each command); the coercion hook is typer's lazily
built `_runtime_param` of each parameter, and is left alone where a typer version has none.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, get_args, get_origin

import typer
from typer.core import TyperCommand, TyperGroup

try:  # typer >= 0.2x: parameters coerce through a lazily built runtime object
    from typer._coercion import build_runtime_param
    from typer._param_types import coerce_cli_path
    from typer.core import _TyperParameter
except ImportError:  # pragma: no cover - an older typer coerces through click's types, no pydantic to avoid
    _TyperParameter = None

_SLOW = object()  # "not coerced here: ask typer"


def _fast_value(param: Any, value: Any, ctx: Any) -> Any:
    """The value typer's adapter would return, or _SLOW when only the adapter can say (or must word the error)."""
    multi = param.multiple or param.nargs == -1
    if value is None:
        return () if multi else None  # what typer returns for a missing value, before any adapter
    descriptor = param.type_descriptor
    info = descriptor.parameter_info
    if info.parser is not None or descriptor.file_annotation is not None or descriptor.is_choice:
        return _SLOW
    annotation = descriptor.annotation
    if multi:
        if get_origin(annotation) is not list or not isinstance(value, (list, tuple)):
            return _SLOW
        (item_type,) = get_args(annotation)
        items = [_fast_item(item_type, info, item, param, ctx) for item in value]
        return _SLOW if any(item is _SLOW for item in items) else items
    return _fast_item(annotation, info, value, param, ctx)


def _fast_item(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    if annotation is str:
        return value if type(value) is str else _SLOW
    if annotation in (int, float):
        if type(value) is not annotation or info.clamp:
            return _SLOW  # a typed-in number is a string: pydantic's parsing and messages decide
        in_range = (info.min is None or value >= info.min) and (info.max is None or value <= info.max)
        return value if in_range else _SLOW
    if annotation is Path and info.path_type is None and not info.allow_dash:
        if isinstance(value, str) and value and "\0" not in value:
            value = Path(value)  # what pydantic makes of a plain string; typer's checks follow
        if not isinstance(value, Path):
            return _SLOW
        return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)
    return _SLOW


class _Coercion:
    """Stands in for typer's runtime parameter: the plain values here, the rest through typer's, built on need."""

    def __init__(self, descriptor: Any) -> None:
        self.descriptor = descriptor
        self.full: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        fast = _fast_value(param, value, ctx)
        if fast is not _SLOW:
            return fast
        if self.full is None:
            self.full = build_runtime_param(self.descriptor)
        return self.full.coerce(value, param=param, ctx=ctx)


def _install_coercion(command: Any, ctx: Any) -> None:
    if _TyperParameter is None:
        return
    for param in command.get_params(ctx):
        if isinstance(param, _TyperParameter) and getattr(param, "_runtime_param", False) is None:
            param._runtime_param = _Coercion(param.type_descriptor)


def _plain_help(command: Any, base: type, ctx: Any, formatter: Any) -> None:
    """click's layout: typer draws rich help only when a command's markup mode is set, so unset it meanwhile."""
    ctx.ensure_object(dict)
    if isinstance(ctx.obj, dict):
        ctx.obj["TYPER_RICH_MARKUP_MODE"] = None  # typer.core.MARKUP_MODE_KEY: no rich escaping of defaults
    mode, command.rich_markup_mode = command.rich_markup_mode, None
    try:
        base.format_help(command, ctx, formatter)
    finally:
        command.rich_markup_mode = mode


class Command(TyperCommand):
    def format_help(self, ctx: Any, formatter: Any) -> None:
        _plain_help(self, TyperCommand, ctx, formatter)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _install_coercion(self, ctx)
        return super().parse_args(ctx, args)


class Group(TyperGroup):
    def format_help(self, ctx: Any, formatter: Any) -> None:
        _plain_help(self, TyperGroup, ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with its whole first paragraph: click would cut it to the width."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                text = inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0]
                rows.append((name, " ".join(text.split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            typer.echo(ctx.get_help())  # typer's rich error handler would drop the help text it carries
            ctx.exit(2)
        _install_coercion(self, ctx)
        return super().parse_args(ctx, args)

"""The rule of the house, read from the source: every module under src/trustcoach is parsed with
ast and its imports are checked, at any depth (inside functions and under TYPE_CHECKING too).

Layers, from the top: ``cli`` -> ``session``, ``export``, ``home`` -> ``journal``, ``packs`` ->
``lock`` -> shared modules (every top-level module of trustcoach, and any top-level package that
is not one of those, such as ``catalog/``). A module may import its own sub-package and any
lower layer; never a higher layer, never another sub-package of its own layer (session, export
and home; journal and packs); shared modules import only shared modules; ``__main__`` imports
cli. Inside cli, the rooms are layered too: the app over the commands over what they share
(``run``, ``options``) over the dialogues over the screens over the terminal; a screen is given
data and returns what is drawn, so it reads and prints nothing. ``cli`` and ``catalog`` keep no
mutable state at module level: what one run holds lives in its ``Run``. Only cli talks to the
terminal (typer, rich); sub-packages' ``__init__.py`` stay empty so each command imports only
what it uses; modules and command functions stay short.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.support.checkout import REPO

SRC = REPO / "src" / "trustcoach"
LAYERS = {  # shared modules: 0
    "cli": 4,
    "session": 3,
    "export": 3,
    "home": 3,
    "journal": 2,
    "packs": 2,
    "lock": 1,
}
MAIN_LAYER = 5  # trustcoach.__main__, above cli
TERMINAL_LIBRARIES = ("typer", "rich")

MODULE_LEVEL, IN_FUNCTION, UNDER_TYPE_CHECKING = "", " (in a function)", " (under TYPE_CHECKING)"


def module_files() -> dict[str, Path]:
    """Every module of trustcoach by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = module_files()


@dataclass(frozen=True)
class Import:
    """One imported name: who imports what, where, and the statement as written."""

    module: str  # the importing module
    target: str  # a trustcoach module, or the top-level name of another package
    line: int
    where: str
    statement: str

    def __str__(self) -> str:
        path = MODULES[self.module].relative_to(REPO)
        return f"{path}:{self.line} `{self.statement}`{self.where}"


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(node: ast.AST, where: str) -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
    """Every import statement under ``node``, with where it sits."""
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node, where
        return
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) and not where:
        where = IN_FUNCTION
    if isinstance(node, ast.If) and _is_type_checking(node.test):
        for child in node.body:
            yield from _statements(child, UNDER_TYPE_CHECKING)
        for child in node.orelse:
            yield from _statements(child, where)
        return
    for child in ast.iter_child_nodes(node):
        yield from _statements(child, where)


def _resolve(name: str) -> str:
    """The trustcoach module a dotted name lives in, or the top-level name of another package."""
    top = name.partition(".")[0]
    if top != "trustcoach":
        return top
    while name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def imports_of(module: str) -> list[Import]:
    path = MODULES[module]
    tree = ast.parse(path.read_text("utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node, where in _statements(tree, MODULE_LEVEL):
        text = ast.unparse(node)
        if isinstance(node, ast.Import):
            targets = [_resolve(alias.name) for alias in node.names]
        else:
            base = node.module or ""
            if node.level:  # relative: from the package, up level - 1 packages
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [_resolve(f"{base}.{alias.name}") for alias in node.names]
        for target in dict.fromkeys(targets):
            if target != module:
                found.append(Import(module, target, node.lineno, where, text))
    return found


IMPORTS = [found for module in MODULES for found in imports_of(module)]
OWN = [found for found in IMPORTS if found.target in MODULES]


def area(module: str) -> str:
    """The sub-package or shared module a module belongs to (``""`` for trustcoach itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer(module: str) -> int:
    if module == "trustcoach.__main__":
        return MAIN_LAYER
    return LAYERS.get(area(module), 0)


def layer_name(module: str) -> str:
    if layer(module) == 0:
        return "a shared module"
    return "__main__" if layer(module) == MAIN_LAYER else area(module)


# ---------------------------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------------------------


def test_layers_import_only_downward_and_never_a_sibling() -> None:
    broken = []
    for found in OWN:
        source, target = found.module, found.target
        if area(source) == area(target) and layer(source) > 0:
            continue  # its own sub-package
        if layer(target) > layer(source):
            why = f"{layer_name(source)} may not import {layer_name(target)}, a higher layer"
        elif layer(target) == layer(source) > 0 and area(target) != area(source):
            why = f"{area(source)} may not import {area(target)}, a sibling of its layer"
        else:
            continue
        broken.append(f"{found} imports {target}: {why}")
    assert not broken, "imports against the layers of the house:\n" + "\n".join(broken)


# cli's rooms from the top: the app that gathers the commands; the commands; what every command
# shares (``run``: one run's state, ``options``: the command line's types); the dialogues (a
# session, a check-in, the share questions: they show and read); the screens (given data, they
# return text); the terminal (console, input, output, click's adaptations).
CLI_ROOMS = {"app": 5, "commands": 4, "dialogues": 2, "screens": 1, "terminal": 0}  # run...: 3
# What a screen may not import at run time: what reads or writes files, or prints.
SCREEN_FORBIDDEN = (
    "trustcoach.files",
    "trustcoach.journal.store.JournalStore",
    "trustcoach.journal.index",
    "trustcoach.journal.checkins.book.CheckinBook",
    "trustcoach.cli.terminal.output",
    "trustcoach.lock",
    "trustcoach.home",
)


def cli_room(module: str) -> tuple[str, int]:
    """The room of a cli module and its height inside cli."""
    parts = module.split(".")
    room = parts[2] if len(parts) > 2 else "cli"
    return room, CLI_ROOMS.get(room, 3)


def test_cli_rooms_import_only_downward() -> None:
    # commands -> screens -> terminal; the app, the options and the run sit above them all
    broken = []
    for found in OWN:
        if area(found.module) != "cli" or area(found.target) != "cli":
            continue
        (source, high), (target, low) = cli_room(found.module), cli_room(found.target)
        if low > high or (low == high and source != target and high != 3):
            broken.append(f"{found}: cli/{source} may not import cli/{target}")
    assert not broken, "imports against the rooms of cli:\n" + "\n".join(broken)


def test_screens_read_and_print_nothing() -> None:
    broken = []
    for module, path in MODULES.items():
        if cli_room(module)[0] != "screens":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node, where in _statements(tree, MODULE_LEVEL):
            if where == UNDER_TYPE_CHECKING:
                continue
            names = [a.name for a in node.names]
            base = node.module if isinstance(node, ast.ImportFrom) else ""
            full = [f"{base}.{n}" if base else n for n in names]
            for name in full:
                if any(name == f or name.startswith(f + ".") for f in SCREEN_FORBIDDEN):
                    broken.append(f"{path.relative_to(REPO)}:{node.lineno} imports {name}")
        for call in ast.walk(tree):
            called = isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
            if called and call.func.id in {"open", "print", "input"}:
                broken.append(f"{path.relative_to(REPO)}:{call.lineno} calls {call.func.id}")
    assert not broken, "screens are given data and return text:\n" + "\n".join(broken)


# cli/ and catalog/ hold no state between runs: one run's language, program name, stores and
# locks live in its ``Run`` (cli/run.py), made and closed by ``main``. Their modules may keep at
# module level (or in a class body) only what never changes: tuples, frozensets, read-only
# mappings (MappingProxyType), functions and classes.
STATELESS = ("cli", "catalog")
MUTABLE_DISPLAYS = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
MUTABLE_MAKERS = {  # calls whose result can change: a container, a cache, a typer app
    "list",
    "dict",
    "set",
    "bytearray",
    "defaultdict",
    "OrderedDict",
    "Counter",
    "deque",
    "maketrans",
    "fromkeys",
    "Typer",
    "cache",
    "lru_cache",
}
# Module state that is constant although the test cannot see it ("path: name", with why).
CONSTANT_STATE: dict[str, str] = {}


def _called(node: ast.expr) -> str:
    """The name a call calls (``x`` of ``x(...)``, ``b`` of ``a.b(...)``), else ``""``."""
    while isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def _mutable(value: ast.expr | None) -> bool:
    return isinstance(value, MUTABLE_DISPLAYS) or (
        isinstance(value, ast.Call) and _called(value) in MUTABLE_MAKERS
    )


def _reads_the_run(value: ast.expr | None) -> bool:
    """Whether an expression reads what differs from run to run: the command line or the
    environment (``sys.argv``, ``os.environ``, ``os.getenv``)."""
    for node in ast.walk(value) if value is not None else []:
        if isinstance(node, ast.Attribute) and ast.unparse(node) in ("sys.argv", "os.environ"):
            return True
        if isinstance(node, ast.Call) and _called(node) == "getenv":
            return True
    return False


def _names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Tuple | ast.List):
        return [name for item in target.elts for name in _names(item)]
    return [ast.unparse(target)]


def module_state(body: list[ast.stmt], where: str = "") -> Iterator[tuple[int, str, str]]:
    """Mutable state kept by module-level (and class-level) statements: (line, name, why)."""
    for node in body:
        if isinstance(node, ast.ClassDef):
            yield from module_state(node.body, f"{where}{node.name}.")
        elif isinstance(node, ast.If | ast.Try | ast.With):
            for block in ("body", "orelse", "finalbody", "handlers"):
                for part in getattr(node, block, []):
                    inner = part.body if isinstance(part, ast.ExceptHandler) else [part]
                    yield from module_state(inner, where)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args
            for default in [*arguments.defaults, *arguments.kw_defaults]:
                if _mutable(default):
                    yield node.lineno, f"{where}{node.name}", "a mutable default argument"
            for decorator in node.decorator_list:
                if _called(decorator) in MUTABLE_MAKERS:
                    yield node.lineno, f"{where}{node.name}", f"@{ast.unparse(decorator)}"
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in _names(target):
                    if isinstance(node, ast.AugAssign):
                        yield node.lineno, f"{where}{name}", "changed at import"
                    elif not isinstance(target, ast.Name | ast.Tuple | ast.List):
                        yield node.lineno, f"{where}{name}", "an assignment into an object"
                    elif _mutable(node.value):
                        yield node.lineno, f"{where}{name}", ast.unparse(node.value)[:40]
                    elif _reads_the_run(node.value):
                        yield node.lineno, f"{where}{name}", "read from this run at import"
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            yield node.lineno, ast.unparse(node.value)[:40], "a call that changes something"


def test_cli_and_catalog_keep_no_mutable_module_state() -> None:
    broken, checked = [], 0
    for module, path in MODULES.items():
        if area(module) not in STATELESS:
            continue
        checked += 1
        tree = ast.parse(path.read_text("utf-8"))
        where = path.relative_to(REPO)
        for line, name, why in module_state(tree.body):
            if f"{path.relative_to(SRC)}: {name}" not in CONSTANT_STATE:
                broken.append(f"{where}:{line} {name}: {why}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                broken.append(f"{where}:{node.lineno} global {', '.join(node.names)}")
    assert checked > 30, checked  # the finder finds them
    assert not broken, "mutable state kept between runs:\n" + "\n".join(broken)


def _cycle(edges: dict[str, dict[str, Import]]) -> list[Import] | None:
    """One import cycle of the graph, as the imports that close it, or None."""
    state: dict[str, str] = {}
    path: list[Import] = []

    def visit(module: str) -> list[Import] | None:
        state[module] = "open"
        for target, found in sorted(edges.get(module, {}).items()):
            if state.get(target) == "open":
                start = next((i for i, step in enumerate(path) if step.module == target), 0)
                return [*path[start:], found]
            if target not in state:
                path.append(found)
                cycle = visit(target)
                if cycle:
                    return cycle
                path.pop()
        state[module] = "done"
        return None

    for module in sorted(edges):
        if module not in state:
            path.clear()
            cycle = visit(module)
            if cycle:
                return cycle
    return None


def test_no_import_cycles() -> None:
    # Imports that run, at module level or inside functions; those under TYPE_CHECKING never
    # run (they are how an annotation names a type without an import at run time).
    edges: dict[str, dict[str, Import]] = {}
    for found in OWN:
        if found.where != UNDER_TYPE_CHECKING:
            edges.setdefault(found.module, {}).setdefault(found.target, found)
    steps = [f"{found} imports {found.target}" for found in _cycle(edges) or []]
    assert not steps, "an import cycle:\n" + "\n".join(steps)


def test_only_cli_imports_typer_or_rich() -> None:
    broken = [
        f"{found} imports {found.target}"
        for found in IMPORTS
        if found.target in TERMINAL_LIBRARIES and area(found.module) != "cli"
    ]
    assert not broken, "only modules in cli/ may talk to the terminal:\n" + "\n".join(broken)


def test_sub_package_init_files_are_empty() -> None:
    # so that importing trustcoach.packs.model does not load every module of packs/
    inits = [path for path in SRC.rglob("__init__.py") if path.parent != SRC]
    assert inits, "no sub-packages found"
    broken = [str(p.relative_to(REPO)) for p in inits if p.read_text("utf-8").strip()]
    assert not broken, "sub-package __init__.py files that are not empty: " + ", ".join(broken)


# The house aims for modules of about 300 lines; 320 is where this test draws the line. The
# catalog's tables (one entry per line, one key per line) are data, not code, and may be longer.
MAX_MODULE_LINES = 320
DATA_TABLES = {"catalog/en.py", "catalog/ja.py", "catalog/keys.py"}


def lines_of(path: Path) -> int:
    return len(path.read_text("utf-8").splitlines())


def test_no_module_is_over_320_lines() -> None:
    long = {
        str(path.relative_to(SRC)): lines_of(path)
        for path in MODULES.values()
        if str(path.relative_to(SRC)) not in DATA_TABLES
    }
    broken = [
        f"src/trustcoach/{name}: {n} lines" for name, n in long.items() if n > MAX_MODULE_LINES
    ]
    assert not broken, f"modules over {MAX_MODULE_LINES} lines:\n" + "\n".join(broken)


MAX_COMMAND_BODY = 30


def command_functions() -> list[tuple[str, ast.FunctionDef]]:
    """The functions cli/app.py registers as typer commands: ``app.command(...)(module.func)``
    and ``pack_app.command(...)(module.func)``; as (where, function)."""
    app = ast.parse((SRC / "cli" / "app.py").read_text("utf-8"))
    aliases = {  # from trustcoach.cli.commands import doctor, exporting, ...
        alias.asname or alias.name: f"{node.module}.{alias.name}"
        for node in app.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    found = []
    for call in ast.walk(app):
        registers = (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Call)
            and isinstance(call.func.func, ast.Attribute)
            and call.func.func.attr == "command"
        )
        if not registers:
            continue
        (target,) = call.args
        assert isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name), (
            f"cli/app.py:{call.lineno}: a command registered as {ast.unparse(target)}"
        )
        module = aliases[target.value.id]
        path = MODULES[module]
        tree = ast.parse(path.read_text("utf-8"))
        (function,) = [
            node
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and node.name == target.attr
        ]
        found.append((f"{path.relative_to(REPO)}:{function.lineno} {function.name}", function))
    return found


def test_every_command_function_has_a_body_of_at_most_30_lines() -> None:
    commands = command_functions()
    assert len(commands) >= 10, [where for where, _ in commands]  # the finder finds them
    broken = []
    for where, function in commands:
        assert function.end_lineno is not None
        body = function.end_lineno - function.body[0].lineno + 1  # its docstring included
        if body > MAX_COMMAND_BODY:
            broken.append(f"{where}: a body of {body} lines")
    assert not broken, f"command functions over {MAX_COMMAND_BODY} lines:\n" + "\n".join(broken)

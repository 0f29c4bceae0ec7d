"""The folder listing is the architecture: each stage is a package, and a stage
imports only from the stages before it and from the shared modules."""
from __future__ import annotations

import ast
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from conftest import ROOT

PACKAGE = ROOT / "audio_edition"
#: The stages in the order of the flow; a stage may import the ones before it.
STAGES = ["read", "script", "voices", "engines", "speak", "audio", "publish", "check"]
#: Modules every stage may use: they know nothing of any stage.
SHARED = {"errors", "printable", "language", "files", "ffmpeg", "media", "progress",
          "__init__"}
#: The modules that drive the flow; no stage imports them.
DRIVERS = {"cli", "pipeline", "batch", "serve", "watch", "__main__"}


def _part(module: str) -> str:
    """The top-level part of `audio_edition` a dotted module name belongs to."""
    return module.split(".")[1] if "." in module else "__init__"


def _imports(path: Path) -> set[str]:
    """The `audio_edition` modules a file imports (relative imports resolved)."""
    here = path.relative_to(ROOT).with_suffix("").parts
    package = here[:-1] if here[-1] != "__init__" else here[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            names = [f"{name}.{alias.name}" for alias in node.names] if not node.module else [name]
            found.update(n for n in names if n.startswith("audio_edition"))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("audio_edition"))
    return found


def test_every_module_belongs_to_a_stage_or_is_shared_or_drives() -> None:
    for path in PACKAGE.glob("*.py"):
        assert path.stem in SHARED | DRIVERS, f"{path.name}: put it in a stage's package"
    for path in PACKAGE.iterdir():
        if path.is_dir() and (path / "__init__.py").is_file():
            assert path.name in STAGES, f"{path.name}/ is not a stage of the flow"


def test_no_stage_imports_a_later_stage_or_a_driver() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        own = _part(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for module in _imports(path):
            other = _part(module)
            if other == own or other in SHARED:
                continue
            if own in SHARED and other != own:
                wrong.append(f"{path.relative_to(ROOT)} (shared) imports {module}")
            elif other in DRIVERS and own not in DRIVERS:
                wrong.append(f"{path.relative_to(ROOT)} imports the driver {module}")
            elif own in STAGES and other in STAGES and STAGES.index(other) > STAGES.index(own):
                wrong.append(f"{path.relative_to(ROOT)} imports the later stage {module}")
    assert wrong == []


def test_the_import_reader_sees_relative_imports() -> None:
    """The check above reads what it should: a stage's relative imports resolved."""
    found = _imports(PACKAGE / "audio" / "timeline.py")
    assert "audio_edition.script" in found and "audio_edition.engines.base" in found


def _third_party_imports() -> set[str]:
    """Top-level names of the modules outside the standard library the package imports."""
    names = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "audio_edition"}


def test_every_imported_library_is_declared() -> None:
    """What the code imports, pyproject.toml declares (as a dependency or in an extra):
    an install never works by the accident of another package's requirements."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + [r for extra in project["optional-dependencies"].values()
                                        for r in extra]
    declared = {canonicalize_name(Requirement(r).name) for r in wanted}
    providers = packages_distributions()
    missing = []
    for name in sorted(_third_party_imports()):
        if name == "tomli":  # only below Python 3.11, where it is declared with a marker
            continue
        dists = {canonicalize_name(d) for d in providers.get(name, [name])}
        if not dists & declared:
            missing.append(f"{name} (from {', '.join(sorted(dists))})")
    assert missing == []


def test_the_cli_catches_user_errors_in_one_place() -> None:
    """Every error a user must fix derives from UserError, which cli.py catches once;
    no command catches one of its subclasses on its own."""
    from audio_edition.errors import UserError

    handled = []
    for node in ast.walk(ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            names = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            handled += [n.id for n in names if isinstance(n, ast.Name)]
    assert handled.count("UserError") == 1
    ours = {cls.__name__ for cls in _subclasses(UserError)}
    assert not ours & set(handled)
    assert {"EditionError", "ConfigError", "CoverError", "LexiconError", "OptionsError",
            "BuildLocked"} <= ours


def _subclasses(cls: type) -> set[type]:
    import audio_edition.batch  # noqa: F401 (imports every stage, so every class exists)

    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def test_the_architecture_document_draws_the_tree() -> None:
    """docs/architecture.md names every module, each under its package, and nothing
    that is not there."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    tree = text.split("```", 2)[1]
    drawn, package = set(), ""
    for line in tree.splitlines()[1:]:
        name = line.split()[0] if line.strip() else ""
        if not name.endswith((".py", "/")):
            continue
        indent = len(line) - len(line.lstrip())
        if indent == 2:
            package = name if name.endswith("/") else ""
            if name.endswith(".py"):
                drawn.add(name)
        elif indent == 4:
            drawn.add(package + name)
    real = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
            if p.parent.name != "assets" and p.name not in ("__main__.py",)
            and not (p.name == "__init__.py" and p.parent == PACKAGE)}
    packages = {f"{p.relative_to(PACKAGE).as_posix()}/" for p in PACKAGE.iterdir()
                if (p / "__init__.py").is_file()}
    real = {r for r in real if not (r.endswith("/__init__.py") and _empty_package(r))}
    assert drawn - packages == real


def _empty_package(init: str) -> bool:
    """A package's __init__.py that only says what the package is (a docstring)."""
    tree = ast.parse((PACKAGE / init).read_text(encoding="utf-8"))
    return all(isinstance(node, ast.Expr) for node in tree.body)

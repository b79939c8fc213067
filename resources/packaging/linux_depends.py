"""Which system libraries a PyInstaller bundle needs but does not ship, and their Debian packages.

    python3 resources/packaging/linux_depends.py dist/iss-presskit [--json]

Runs ``ldd`` over every ELF file in the bundle (with the bundle's ``_internal/`` on the library
path, as PyInstaller's bootloader arranges at run time) and keeps the libraries that resolve
outside the bundle. Of those, the ones a bundled file links directly (its ``NEEDED`` entries,
read with ``objdump -p``) are mapped to the Debian package that owns them with ``dpkg -S`` -
as dpkg-shlibdeps does, the packages' own dependencies bring in the rest. Also
reports the newest glibc symbol version any bundled binary needs: that, not the build machine's
glibc, is the oldest system the bundle runs on.

``--shell`` prints GLIBC, DEPENDS, APT_PACKAGES and LIBRARIES as shell assignments. Exits 1,
naming them, when a library resolves nowhere ("not found"): such a bundle would fail on
every machine like this one, so the build must stop. Used by build_linux.sh for the .deb's
``Depends:`` and the tarball's README; not part of the app.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ELF_MAGIC = b"\x7fELF"
LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(not found|\S+)")
GLIBC_VERSION = re.compile(rb"GLIBC_(2\.\d+(?:\.\d+)?)\x00")


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in sorted(bundle.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == ELF_MAGIC:
                    found.append(path)
    return found


def needed(path: Path) -> set[str]:
    """The file's direct link-time dependencies (DT_NEEDED)."""
    result = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True)
    return {
        line.split()[1] for line in result.stdout.splitlines() if line.strip().startswith("NEEDED")
    }


def resolve(files: list[Path], bundle: Path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """{soname: system path} for libraries a bundled file links directly and that resolve
    outside the bundle; {soname: [needed by]} for libraries found nowhere."""
    internal = bundle / "_internal"
    env = {
        "PATH": "/usr/bin:/bin",
        "LANG": "C",
        "LD_LIBRARY_PATH": str(internal if internal.is_dir() else bundle),
    }
    system: dict[str, str] = {}
    missing: dict[str, list[str]] = {}
    bundle_real = os.path.realpath(bundle)
    for path in files:
        direct = needed(path)
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in result.stdout.splitlines():
            match = LDD_LINE.match(line)
            if not match:
                continue
            name, where = match.groups()
            if where == "not found":
                missing.setdefault(name, []).append(str(path.relative_to(bundle)))
            elif name in direct and not os.path.realpath(where).startswith(bundle_real + os.sep):
                system.setdefault(name, where)
    return system, missing


def owning_package(path: str) -> str | None:
    """The Debian package that installed `path` (trying the /lib <-> /usr/lib merged forms)."""
    candidates = [path, os.path.realpath(path)]
    for candidate in list(candidates):
        if candidate.startswith("/usr/lib/"):
            candidates.append(candidate[len("/usr") :])
        elif candidate.startswith("/lib/"):
            candidates.append("/usr" + candidate)
    for candidate in dict.fromkeys(candidates):
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            line = result.stdout.splitlines()[0]
            if line.startswith("diversion by"):
                continue
            return line.split(":", 1)[0].split(",")[0].strip()
    return None


def newest_glibc(files: list[Path]) -> str:
    versions = {"2.17"}
    for path in files:
        versions.update(v.decode() for v in GLIBC_VERSION.findall(path.read_bytes()))
    return max(versions, key=lambda v: tuple(int(n) for n in v.split(".")))


def analyse(bundle: Path) -> dict[str, object]:
    files = elf_files(bundle)
    system, missing = resolve(files, bundle)
    libraries = {}
    unowned = []
    for name, path in sorted(system.items()):
        package = owning_package(path)
        if package is None:
            unowned.append(f"{name} ({path})")
        libraries[name] = {"path": path, "package": package}
    packages = sorted({entry["package"] for entry in libraries.values() if entry["package"]})
    return {
        "elf_files": len(files),
        "glibc": newest_glibc(files),
        "libraries": libraries,
        "packages": packages,
        "not_found": missing,
        "unowned": unowned,
    }


def shell_assignments(report: dict[str, object]) -> str:
    """GLIBC, DEPENDS (a Debian Depends: value), APT_PACKAGES and LIBRARIES (a table), as shell
    variable assignments for build_linux.sh to eval."""
    glibc = str(report["glibc"])
    packages = [str(p) for p in report["packages"]]  # type: ignore[attr-defined]
    depends = [f"libc6 (>= {glibc})"] + [p for p in packages if p != "libc6"]
    libraries = report["libraries"]
    table = "\n".join(
        f"    {name:<28} {entry['package']}"
        for name, entry in libraries.items()  # type: ignore[attr-defined]
    )
    values = {
        "GLIBC": glibc,
        "DEPENDS": ", ".join(depends),
        "APT_PACKAGES": " ".join(packages),
        "LIBRARIES": table,
    }
    return "\n".join(f"{key}={shlex.quote(value)}" for key, value in values.items())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the whole analysis as JSON")
    output.add_argument("--shell", action="store_true", help="print shell variable assignments")
    options = parser.parse_args()
    report = analyse(options.bundle)
    if options.json:
        print(json.dumps(report, indent=2))
    elif options.shell:
        print(shell_assignments(report))
    else:
        print(f"glibc >= {report['glibc']}")
        for name, entry in report["libraries"].items():  # type: ignore[union-attr]
            print(f"{name}\t{entry['package']}")
    if report["not_found"]:
        for name, users in report["not_found"].items():  # type: ignore[union-attr]
            print(f"linux_depends: {name} not found (needed by {users[0]})", file=sys.stderr)
        return 1
    if report["unowned"]:
        print(f"linux_depends: no Debian package owns {report['unowned']}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Make a copy of phpwind 8.7 (written for PHP 5.2/5.3) compile on PHP 8.2, mechanically.

Only ``.php`` files are rewritten, and only syntax PHP 8 refuses to compile; the templates
(``template/wind/*.htm``) and what PHP code prints are untouched. The functions PHP 8
removed are defined again by ``php5_functions.php``, loaded before every script with
``auto_prepend_file`` (``PHP_INI``). Each rewrite is named with how often it applied in
``port_report.json`` in the copy, and the fixture README lists them.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
PRELOAD = HERE / "php5_functions.php"

# Calls sent to php5_NAME (php5_functions.php): array and string functions PHP 8 makes throw
# on null or an array, preg_replace (its /e modifier), htmlspecialchars (its PHP 5.3 charset).
PHP5_FUNCTIONS = ("count", "sizeof", "in_array", "array_key_exists", "array_search", "implode",
                   "join", "array_merge", "array_keys", "array_values", "array_flip",
                   "array_unique", "array_slice", "array_diff", "array_intersect", "array_sum",
                   "array_filter", "array_map", "max", "min", "str_replace",
                   "preg_replace", "strtolower", "strtoupper", "trim", "strlen", "strpos", "htmlspecialchars")

# name -> (pattern, replacement); applied in this order to every .php file.
REWRITES: dict[str, tuple[re.Pattern[str], str]] = {
    # $s{0}, $a[$k]{1}: string offsets with braces (a compile error since PHP 8.0).
    "brace string offset": (
        re.compile(r"(\$\w+(?:\[[^\]\[]*\]|->\w+)*)\{([^{}\n\"';]+)\}"), r"\1[\2]"),
    # `$x = &new C()`: assigning new by reference (a parse error since PHP 7.0).
    "assign new by reference": (re.compile(r"=\s*&\s*new\b"), "= new"),
    # `$GLOBALS += array`: writing $GLOBALS whole (a compile error since PHP 8.1): the same
    # "add the keys not there yet", one key at a time.
    "$GLOBALS += array": (re.compile(r"\$GLOBALS\s*\+=\s*(.+?);\s*$", re.M),
                          r"php5_globals_add(\1);"),
    # f(&$x): call-time pass-by-reference (a parse error since PHP 5.4); objects and the
    # callee's by-reference parameters keep the behaviour. Not in declarations, foreach or
    # array literals, where `&$x` is still valid.
    "call-time pass-by-reference": (
        re.compile(r"^(?!.*\b(?:function|foreach|array)\b)(.*[(,]\s*)&\s*(?=\$)", re.M), r"\1"),
    # phpwind's own `class Error` (a static error log) clashes with PHP 7's built-in Error.
    "class Error renamed PwError": (re.compile(r"\b(class |new )?Error(?=\s*(?:::|\{|\())"),
                                    r"\1PwError"),
    # unset($this) (a compile error since PHP 7.1): the variable goes out of scope anyway.
    "unset($this)": (re.compile(r"unset\s*\(\s*\$this\s*\)\s*;"), ";"),
}

# Lines PHP 8 stops on that no rule above covers: (file, PHP 5 line, PHP 8 line, why).
PATCHES: tuple[tuple[str, str, str, str], ...] = (
    ("global.php", "\t$lastvisit = $lastpath = '';", "\t$lastvisit = 0; $lastpath = '';",
     "a guest's last visit: '' is subtracted from the time (PHP 8: TypeError)"),
    ('global.php', "\t$winddb  = $windid = $winduid = $_datefm = $_timedf = '';",
     "\t$winddb  = array(); $windid = $winduid = $_datefm = $_timedf = '';",
     "a guest's member record: '' is read by key (PHP 8: TypeError)"),
    ('require/db_mysqli.php', "if ($serverinfo > '4.1' && $this->charset) {",
     "if (version_compare($serverinfo, '4.1', '>') && $this->charset) {",
     "MariaDB 10.11's version string is less than '4.1' compared as a string: the connection's character set was never set"),
    ('require/db_mysqli.php', "if ($serverinfo > '5.0') {",
     "if (version_compare($serverinfo, '5.0', '>')) {",
     'the same for the sql_mode MySQL 5 needs'),
    ('post.php', "empty($db_sellset['type']) && ",
     "!is_array($db_sellset) && $db_sellset = array(); !is_array($db_enhideset) && $db_enhideset = array(); empty($db_sellset['type']) && ",
     "settings stored as '' then written by key: PHP 5 turned '' into an array, PHP 8 throws"),
    ('require/bbscode.php', '\t$code_htm = array();',
     '\t$code_htm = array(); !is_array($allow) && $allow = array();',
     "convert($text, ''): '' read by key ($allow[size]) is '' in PHP 5, a TypeError in PHP 8; array() reads the same"),
    ('require/common.php', '\tglobal $db_bbsname, $db_seoset;',
     '\tglobal $db_bbsname, $db_seoset; !is_array($_definedSeo) && $_definedSeo = array();',
     "bbsSeoSettings('read', '', …): '' written by key (PHP 5 made it an array; PHP 8 throws)"),
    ('require/db_mysqli.php', '\t\t$originalSQL = $SQL;',
     "\t\t$originalSQL = $SQL; if (trim($SQL) === '') return false;",
     'an empty statement (pwQuery::update with nothing to set): mysqli_query returned false in PHP 5, throws in PHP 8'),
    ('require/common.php', '\treturn $status >> --$b & $getv;',
     '\treturn (int) $status >> (int) --$b & (int) $getv;',
     "bit tests on '' (a member without a status): 0 in PHP 5, a TypeError in PHP 8"),
)

PHP_INI = {
    "auto_prepend_file": str(PRELOAD),
    "error_reporting": "E_ALL & ~E_DEPRECATED & ~E_NOTICE & ~E_WARNING & ~E_STRICT",
    "display_errors": "0",
    "log_errors": "1",
    "short_open_tag": "1",
    "date.timezone": "UTC",
    # PHP before 5.6 named no charset in the Content-Type it sent (default_charset ""):
    # phpwind 8.7 names it only in its <meta>, or in the header with 强制编码 on.
    "default_charset": "",
}


def port(docroot: Path, original: Path) -> dict:
    """Rewrite the PHP of ``docroot`` (a copy of ``original``) in place; returns and writes
    to ``port_report.json`` how often each rewrite applied, the files PHP still refuses to
    compile (none is on a page a guest or poster reaches) and the templates whose printed
    text differs from the original's (must be none: ``printed_text.php``)."""
    applied: Counter[str] = Counter()
    changed: list[Path] = []
    for path in sorted(docroot.rglob("*.php")):
        source_text = path.read_bytes().decode("latin-1")
        text = source_text
        for name, (pattern, replacement) in REWRITES.items():
            text, count = pattern.subn(replacement, text)
            applied[name] += count
        if text != source_text:
            path.write_bytes(text.encode("latin-1"))
            changed.append(path)
    applied["patched line"] += apply_patches(docroot, PATCHES)
    every = sorted(docroot.rglob("*.php"))
    applied["PHP 4 constructor renamed __construct"] = php4_constructors(every)
    applied["method called statically made static"] = mark_static_methods(
        every, every + templates(docroot))
    applied.update(token_rewrites(every + templates(docroot)))
    printed = subprocess.run(["php", str(HERE / "printed_text.php"), str(original), str(docroot)],
                             capture_output=True, text=True, timeout=600, check=True)
    report = {"rewrites": dict(applied), "still_not_compiling": not_compiling(docroot, changed),
              "templates_printed_text": json.loads(printed.stdout)}
    if report["templates_printed_text"]["different"]:
        raise RuntimeError(f"the port changed what templates print: {report['templates_printed_text']}")
    (docroot / "port_report.json").write_text(json.dumps(report, indent=1), "utf-8")
    return report


def apply_patches(docroot: Path, patches: tuple[tuple[str, str, str, str], ...]) -> int:
    """Replace each (file, PHP 5 text, PHP 8 text, why) in ``docroot``; a text not there
    stops the port (the source is not the one the patch was written for)."""
    for name, before, after, _why in patches:
        path = docroot / name
        text = path.read_bytes().decode("latin-1")
        if before not in text:
            raise RuntimeError(f"{name}: the line to patch is not there: {before!r}")
        path.write_bytes(text.replace(before, after).encode("latin-1"))
    return len(patches)


STATIC_CALL = re.compile(r"(?<![\w$>])([A-Za-z_]\w*)\s*::\s*([A-Za-z_]\w*)\s*\(")


def mark_static_methods(paths: list[Path], callers: list[Path], inherited_calls: bool = True) -> int:
    """PHP 8 refuses to call a method without ``static`` as ``Class::method()``, and
    phpwind 8 calls its helpers so (``S::gp``, ``L::loadClass``, ``pwCache::getData``). A
    method so called in ``callers`` (or, with ``inherited_calls``, a method of that name
    called as ``self::`` or ``parent::``) that never uses ``$this`` gets ``static``. Discuz!
    X calls ``parent::insert()`` from instances, where a static ``insert`` would override
    the parent's non-static one, which PHP refuses: it passes ``inherited_calls=False``."""
    called: set[tuple[str, str]] = set()
    inherited: set[str] = set()  # self::m() and parent::m(), by name
    for path in callers:
        for owner, method in STATIC_CALL.findall(path.read_bytes().decode("latin-1")):
            if owner.lower() in ("self", "parent"):
                if inherited_calls:
                    inherited.add(method.lower())
            elif owner.lower() != "static":
                called.add((owner.lower(), method.lower()))
    offsets: dict[Path, list[int]] = {}
    for found in list_methods(paths):
        path, key = Path(found["file"]), (found["class"].lower(), (found["method"] or "").lower())
        if found["static"] or found["uses_this"] or (found["method"] or "").startswith("__"):
            continue
        if key in called or key[1] in inherited:
            offsets.setdefault(path, []).append(found["offset"])
    for path, places in offsets.items():
        data = path.read_bytes()
        for offset in sorted(places, reverse=True):
            data = data[:offset] + b"static " + data[offset:]
        path.write_bytes(data)
    return sum(map(len, offsets.values()))


def php4_constructors(paths: list[Path]) -> int:
    """A method named as its class was the constructor until PHP 8 (``DBdriver::DBdriver``);
    renamed ``__construct``, and ``parent::Name()`` calls to it with it."""
    renamed: set[str] = set()
    places: dict[Path, list[int]] = {}
    by_class: dict[tuple[Path, str], list[dict]] = {}
    for found in list_methods(paths):
        by_class.setdefault((Path(found["file"]), found["class"]), []).append(found)
    for (path, name), methods in by_class.items():
        names = {(m["method"] or "").lower(): m for m in methods}
        if name.lower() in names and "__construct" not in names:
            places.setdefault(path, []).append(names[name.lower()]["offset"])
            renamed.add(name)
    for path, offsets in places.items():
        data = path.read_bytes()
        for offset in sorted(offsets, reverse=True):
            head = re.match(rb"function\s+&?\s*\w+", data[offset:])
            data = data[:offset] + b"function __construct" + data[offset + head.end():]
        path.write_bytes(data)
    if renamed:
        call = re.compile(r"parent::(%s)\s*\(" % "|".join(map(re.escape, renamed)), re.I)
        for path in paths:
            text = path.read_bytes().decode("latin-1")
            if call.search(text):
                path.write_bytes(call.sub("parent::__construct(", text).encode("latin-1"))
    return sum(map(len, places.values()))


def list_methods(paths: list[Path]) -> list[dict]:
    """Every class method of ``paths`` (``methods.php``: PHP's tokenizer)."""
    listing = subprocess.run(["php", str(HERE / "methods.php")], input="\n".join(map(str, paths)),
                             capture_output=True, text=True, timeout=600, check=True).stdout
    return [json.loads(line) for line in listing.splitlines()]


def templates(docroot: Path) -> list[Path]:
    """The templates (``template/wind/*.htm``, ``u/themes/*/*.htm``…): PHP, heredocs that
    print the markup, compiled as they are."""
    return sorted(path for path in docroot.rglob("*.htm")
                  if b"<?php" in path.read_bytes()[:4096])


def token_rewrites(paths: list[Path], functions: tuple[str, ...] = PHP5_FUNCTIONS,
                   short_tags: bool = False) -> dict[str, int]:
    """Bare-word keys quoted, ``functions`` to ``php5_NAME``, ``extract((array)…)``:
    placed by PHP's tokenizer (``php_tokens.php``), in code only, never in printed text.
    ``short_tags``: the code opens with ``<?`` too (Discuz), which PHP then tokenizes."""
    done = subprocess.run(["php", "-d", f"short_open_tag={int(short_tags)}",
                           str(HERE / "php_tokens.php"), ",".join(functions)],
                          input="\n".join(map(str, sorted(set(paths)))),
                          capture_output=True, text=True, timeout=900, check=True)
    return json.loads(done.stdout)


def not_compiling(docroot: Path, paths: list[Path]) -> list[str]:
    """``php -l`` over ``paths``: the first error of each file that still fails."""
    failures = []
    for path in paths:
        done = subprocess.run(["php", "-l", str(path)], capture_output=True, text=True,
                              timeout=60)
        if done.returncode:
            first = (done.stderr or done.stdout).strip().splitlines()[0]
            failures.append(f"{path.relative_to(docroot)}: {first}")
    return failures

"""Make a copy of Discuz! 7.2 or 6.0 (written for PHP 4/5) run on PHP 8.2, mechanically.

Only ``.php`` files are rewritten, and only syntax PHP 8 refuses to compile (the rewrites of
``tests/real_phpwind/port8``, the one for ``$s{0}`` kept out of double-quoted strings, where
``"$h{$lang[x]}"`` is interpolation); templates (``templates/default/*.htm``) are untouched,
and Discuz compiles them itself. PHP 5's ``mysql_*`` functions are defined again over mysqli
by ``mysql_functions.php`` (with ``php5_functions.php``'s), loaded before every script
(``PHP_INI``). The counts go to ``port_report.json`` in the copy.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from tests.real_phpwind import port8

HERE = Path(__file__).parent

Rules = dict[str, tuple[re.Pattern[str], str]]

_BRACE = port8.REWRITES["brace string offset"]
REWRITES: Rules = {
    **port8.REWRITES,
    "brace string offset": (re.compile(r'(?<!")' + _BRACE[0].pattern), _BRACE[1]),
    # unset($GLOBALS, …) (a compile error since PHP 8.1; uc_server's entry points): PHP 5
    # unset the local name only, which changed nothing the script read afterwards.
    "unset($GLOBALS)": (re.compile(r"unset\(\$GLOBALS,\s*"), "unset("),
    # `$tpldir ? $tpldir : TPLDIR;` while the caches are built, before the style cache defines
    # TPLDIR: PHP 5 read an undefined constant as its name (language() then fell back to
    # ./templates/default); PHP 8 throws.
    "constant read before it is defined": (
        re.compile(r"(\?\s*\$\w+\s*:\s*)(TPLDIR|TEMPLATEID)\s*;"),
        r"\1(defined('\2') ? \2 : '\2');"),
}

# Only in the language packs (templates/*/*.lang.php), whose texts showmessage() and
# sendnotice() eval as double-quoted strings: "{$thread[tid]}" read the constant tid, which
# PHP 5 took for 'tid' and PHP 8 stops on. The key is quoted ({$thread[\'tid\']}: the texts
# are single-quoted).
LANG_REWRITES: Rules = {
    "bare word key in a language text": (re.compile(r"\{\$(\w+)\[([A-Za-z_]\w*)\]\}"),
                                         r"{$\1[\\'\2\\']}"),
}

# Lines PHP 8 stops on that no rule above covers: (file, PHP 5 text, PHP 8 text, why).
Patch = tuple[str, str, str, str]
# Lines PHP 8 stops on in 6.0 and 7.2 alike.
COMMON_PATCHES: tuple[Patch, ...] = (
    ("post.php", "$navigation = $navtitle = $thread = '';",
     "$navigation = $navtitle = ''; $thread = array();",
     "a new thread: $thread is '' and then read and written by key ($thread['status']): "
     "PHP 5 read '' and turned it into an array, PHP 8 throws; array() reads and writes the same"),
    # The poster's details viewthread evals (customauthorinfo, built by updatecache()): bare
    # keys in code, which PHP 5 read as strings and PHP 8 throws on.
    ("include/cache.func.php", "'gender' => '$post[gender]',", "'gender' => '$post[\\'gender\\']',",
     "the gender test is code: $post[gender] read the constant gender"),
    ("include/cache.func.php", "$v = '\".('.$authorinfoitems[$key].' ? \"'",
     "$v = '\".($post[\\'location\\'] ? \"'",
     "the location test is code: $post[location] read the constant location"),
    ("include/cache.func.php", "{$extcredits['.$key.'][unit]}", "{$extcredits['.$key.'][\\'unit\\']}",
     "{$a[1][unit]}: in braces a bare key is a constant"),
    ("include/template.func.php", "fwrite($fp, $template);",
     "fwrite($fp, php5_compiled_template($template));",
     "the templates' PHP, compiled at run time, gets the same php5_NAME calls as the source "
     "(mysql_functions.php)"),
)
# And in one version only, by DISCUZ_VERSION's first digit.
PATCHES: dict[str, tuple[Patch, ...]] = {"7": COMMON_PATCHES + (
    ("include/global.func.php", "substr($result, 0, 10) - time() > 0",
     "(int) substr($result, 0, 10) - time() > 0",
     "authcode(): a cookie that is not Discuz's, decoded, starts with non-digits: PHP 5 read "
     "them as 0, PHP 8 throws"),
    ("include/cache.func.php",
     "preg_replace(\"/\\{([A-Z0-9]+)\\}/e\", '\\$data[strtolower(\\'\\1\\')]', $cssdata);",
     "preg_replace_callback(\"/\\{([A-Z0-9]+)\\}/\", function ($m) use ($data) { "
     "return $data[strtolower($m[1])]; }, $cssdata);",
     "the style's {COLOR} variables: a /e replacement reading the caller's $data, which "
     "php5_preg_replace's eval cannot see"),
    ("include/global.func.php", "if(!defined('STAT_DISABLED') && STAT_ID > 0 && !IS_ROBOT) {",
     "if(!defined('STAT_DISABLED') && defined('STAT_ID') && STAT_ID > 0 && !IS_ROBOT) {",
     "STAT_ID is defined only when Comsenz's statistics are on (off here): PHP 5 read the "
     "undefined constant as 'STAT_ID', which is not > 0; PHP 8 throws"),
    ("include/global.func.php", "$t = $status & pow(2, $position - 1) ? 1 : 0;",
     "$t = (int) $status & pow(2, $position - 1) ? 1 : 0;",
     "getstatus(''): a bit test on '' is 0 in PHP 5, a TypeError in PHP 8"),
), "6": COMMON_PATCHES}

# Calls sent to php5_NAME (php_tokens.php): port8's array and string functions, two more that
# PHP 8 made throw where PHP 5 warned, and the HTML escapes, whose defaults changed
# (php5_functions.php).
FUNCTIONS = (*port8.PHP5_FUNCTIONS, "array_rand", "fread", "htmlentities", "html_entity_decode")

PHP_INI = {
    **port8.PHP_INI,
    "auto_prepend_file": str(HERE / "mysql_functions.php"),
    # PHP 5.3's: no charset added to the Content-Type PHP sends (7.2 names its charset in a
    # <meta>; PHP 5.6+ would add UTF-8, wrong for the GBK and Big5 editions).
    "default_charset": "",
}


def port(docroot: Path) -> dict:
    """Rewrite the PHP of ``docroot`` in place; returns (and writes to ``port_report.json``)
    how often each rewrite applied and the files PHP still refuses to compile."""
    return port_tree(docroot, lambda path: REWRITES | (
        LANG_REWRITES if path.name.endswith(".lang.php") else {}),
        PATCHES[version(docroot)[0]], FUNCTIONS)


def port_tree(docroot: Path, rules_for: Callable[[Path], Rules], patches: tuple[Patch, ...],
              functions: tuple[str, ...], classes: bool = False) -> dict:
    """Every ``.php`` of ``docroot``: ``rules_for(path)`` in their order, then ``patches``,
    then the tokenizer's rewrites (``functions`` to ``php5_NAME``; with ``classes``, PHP 4
    constructors renamed and methods called statically made static, as ``port8`` does); the
    counts and the files that still do not compile go to ``port_report.json``. Discuz's code
    opens with ``<?`` too."""
    applied: Counter[str] = Counter()
    for path in sorted(docroot.rglob("*.php")):
        before = path.read_bytes().decode("latin-1")
        text = before
        for name, (pattern, replacement) in rules_for(path).items():
            text, count = pattern.subn(replacement, text)
            applied[name] += count
        if text != before:
            path.write_bytes(text.encode("latin-1"))
    applied["patched line"] = port8.apply_patches(docroot, patches)
    every = sorted(docroot.rglob("*.php"))
    if classes:
        applied["PHP 4 constructor renamed __construct"] = port8.php4_constructors(every)
        applied["method called statically made static"] = port8.mark_static_methods(
            every, every, inherited_calls=False)
    applied.update(port8.token_rewrites(every, functions, short_tags=True))
    report = {"rewrites": dict(applied), "still_not_compiling": not_compiling(docroot)}
    (docroot / "port_report.json").write_text(json.dumps(report, indent=1), "utf-8")
    return report


def version(docroot: Path) -> str:
    """``DISCUZ_VERSION`` and ``DISCUZ_RELEASE`` of ``discuz_version.php`` ("7.2,20101020")."""
    text = (docroot / "discuz_version.php").read_bytes().decode("latin-1")
    return ",".join(re.findall(r"define\('DISCUZ_(?:VERSION|RELEASE)', '([^']+)'\)", text))


def not_compiling(docroot: Path) -> list[str]:
    """``php -l`` (with Discuz's ``short_open_tag``) of every file: the first error of each."""
    failures = []
    for path in sorted(docroot.rglob("*.php")):
        done = subprocess.run(["php", "-d", "short_open_tag=1", "-l", str(path)],
                              capture_output=True, text=True, timeout=60)
        if done.returncode:
            first = (done.stderr or done.stdout).strip().splitlines()[0]
            failures.append(f"{path.relative_to(docroot)}: "
                            + first.replace(f" in {path}", "").replace("PHP ", "", 1))
    return failures

"""Make a copy of Discuz! X3.3 or X3.4 (written for PHP 5.3-7.x) run on PHP 8.2, mechanically.

The machinery of Discuz! 7's port (``tests/real_discuz7/port7.port_tree``): the rewrites PHP 8
needs of Discuz's syntax, then PHP's tokenizer (``tests/real_phpwind/php_tokens.php``), which
also makes every method's parameters compatible with its parent's: each parameter without a
default gets ``= null`` and each list a last ``...$php5_more``. X3.4's ``table_*`` classes
override ``discuz_table``'s methods with other parameters (``table_common_block::fetch($bid)``
over ``fetch($id, $force_from_db = false)``), which PHP 5 and 7 only warned about and PHP 8
refuses to load. A method X3.4 calls as ``Class::method()`` without declaring it ``static``
(``credit::instance()``), which PHP 8 refuses, is made ``static`` when it never uses ``$this``
(``port8.mark_static_methods``), and a PHP 4 constructor (``register_ctl::register_ctl``),
which PHP 8 takes for a plain method, is renamed ``__construct``. PHP 5's removed functions come from ``php5_functions.php``
(``PHP_INI``).
Only ``.php`` files change; templates are compiled by Discuz itself. The counts go to
``port_report.json`` in the copy.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.real_discuz7 import port7
from tests.real_phpwind import port8

# The DISCUZ_VERSION of the trees ported (DiscuzX master@f6253217, the SC_GBK package;
# X3.3: DiscuzX@2efb765d, release 20170401).
VERSIONS = ("X3.3", "X3.4")

REWRITES: port7.Rules = {
    **port7.REWRITES,
    # `$db->version() > '4.1'`: written when MySQL said 4.x or 5.x. MariaDB 10.11's
    # "10.11.x-MariaDB" is less than '4.1' as a string, so the driver never set the
    # connection's charset and the installer wrote `TYPE=MyISAM`, which MariaDB refuses.
    # X3.5 dropped the test; a version comparison gives what the authors meant.
    "database version compared as a string": (
        re.compile(r"((?:\$\w+->|\w+::(?:\$\w+->)?)?(?:version|dbversion|mysql_get_server_info)\(\)"
                   r"|\$dbver)\s*([<>]=?)\s*'(\d+(?:\.\d+)+)'"),
        r"version_compare(\1, '\3', '\2')"),
    # IN_MOBILE (defined on mobile pages only), HOOKTYPE (once a hook ran), APPTYPEID and
    # CURSCRIPT (by the entry script; not by a script of the harness's): read where they may
    # be undefined (`IN_MOBILE == 2` when posting). PHP 7 read an undefined constant as its
    # name, with a warning; PHP 8 throws. The same reading, spelled out.
    "constant a request may not define": (
        re.compile(r"(?<![\w'\"$>:\\])\b(IN_MOBILE|HOOKTYPE|APPTYPEID|CURSCRIPT)\b(?![\w'\"])"),
        r"(defined('\1') ? \1 : '\1')"),
    # `$s{strlen($s) - 1}`: a brace offset holding a call (admincp's FTP password check),
    # which the rule above, stopping at quotes and parentheses, leaves.
    "brace string offset with a call": (
        re.compile(r"(\$\w+(?:\[[^\]\[]*\])*)\{(\w+\([^(){}\n]*\)[^{}\n;]*)\}"), r"\1[\2]"),
}

# Lines PHP 8 stops on that no rule covers: (file, PHP 7 text, PHP 8 text, why).
COMMON_PATCHES: tuple[port7.Patch, ...] = (
    ("source/function/function_core.php",
     "empty($_G[$var]['privacy'])? array() : is_array($_G[$var]['privacy']) ? ",
     "(empty($_G[$var]['privacy'])? array() : is_array($_G[$var]['privacy'])) ? ",
     "getuserprofile(): `a ? b : c ? d : e` without parentheses (a compile error since PHP "
     "8.0); PHP 7 grouped it from the left, as the parentheses now say"),
    ("source/include/topicadmin/topicadmin_split.php",
     "'rate'=>intval(@($fpost['rate'] / abs($fpost['rate']))),",
     "'rate'=>intval(abs($fpost['rate']) ? ($fpost['rate'] / abs($fpost['rate'])) : 0),",
     "a split: the new thread's rating is the sign of its first post's, 0 / 0 for an unrated "
     "one: PHP 7 warned and intval(NAN) was 0, PHP 8 throws DivisionByZeroError; X3.5's line"),
    ("source/class/class_template.php", "fwrite($fp, $template);",
     "fwrite($fp, php5_compiled_template($template));",
     "the templates' PHP, compiled at run time, gets what the source got (bare-word keys as "
     "`$slist[forum]` quoted, php5_NAME calls: php5_functions.php), as Discuz! 7's port does"),
)

# And in one version only, by DISCUZ_VERSION (X3.3: one setting too, said in its why).
PATCHES: dict[str, tuple[port7.Patch, ...]] = {"X3.4": COMMON_PATCHES, "X3.3": COMMON_PATCHES + (
    ("source/class/class_core.php",
     "if(function_exists('spl_autoload_register')) {\r\n\tspl_autoload_register(array('core', 'autoload'));\r\n"
     "} else {\r\n\tfunction __autoload($class) {\r\n\t\treturn core::autoload($class);\r\n\t}\r\n}",
     "spl_autoload_register(array('core', 'autoload'));",
     "a fallback declaring __autoload() for PHPs without spl_autoload_register: declaring it is "
     "a compile error since PHP 8.0, even in a branch never taken; X3.4's line (9198a30c)"),
    ("source/language/lang_admincp_cloud.php", "<a href=\"'.ADMINSCRIPT.'?action=cloud&operation=security",
     "<a href=\"'.(defined('ADMINSCRIPT') ? ADMINSCRIPT : 'ADMINSCRIPT').'?action=cloud&operation=security",
     "the installer's misc.php?mod=initsys includes this admin language file (qqconnect's "
     "install.php), where admin.php's ADMINSCRIPT is not defined: PHP 7 read it as its name, "
     "PHP 8 throws (the file is gone in X3.4)"),
    ("config/config_global_default.php", "$_config['memory']['file']['server'] = 'data/cache/filecache';",
     "$_config['memory']['file']['server'] = '';",
     "not PHP 8's: X3.3's default turns Discuz's file cache on, and its memory_driver_file::rm() "
     "unlinks a name without the '.php' the cache files have (fixed by a90691e8), so a new "
     "reply never reaches a guest's thread page or list until the cache expires (posts 8 and 9 "
     "of thread A were served by no page); off, as 99291ec0 made the default"),
)}

PHP_INI = port8.PHP_INI


def port(docroot: Path, version: str) -> dict:
    """Rewrite the PHP of ``docroot`` (DISCUZ_VERSION ``version``) in place; returns what was
    done (``port7.port_tree``)."""
    return port7.port_tree(docroot, lambda path: REWRITES, PATCHES[version], port7.FUNCTIONS,
                           classes=True)

<?php
// forum-harvest test harness (not part of phpwind): the PHP 5 functions phpwind 8.7 calls
// that PHP 8 removed, loaded before every script (auto_prepend_file, tests/real_phpwind/port8.py).
// Each behaves as PHP 5.3's did for the arguments phpwind passes.

// Magic quotes: off, as PHP 5.3 installs shipped them (phpwind then escapes input itself).
if (!function_exists('get_magic_quotes_gpc')) {
    function get_magic_quotes_gpc() { return 0; }
}
if (!function_exists('get_magic_quotes_runtime')) {
    function get_magic_quotes_runtime() { return 0; }
}
if (!function_exists('set_magic_quotes_runtime')) {
    function set_magic_quotes_runtime($new_setting) { return true; }
}

if (!function_exists('each')) {
    function each(&$array) {
        $key = key($array);
        if ($key === null) {
            return false;
        }
        $value = current($array);
        next($array);
        return array(1 => $value, 'value' => $value, 0 => $key, 'key' => $key);
    }
}

if (!function_exists('create_function')) {
    function create_function($args, $code) {
        return eval('return function(' . $args . ') {' . $code . '};');
    }
}

// POSIX regular expressions, as PCRE with a delimiter that never occurs in them.
function php5_posix_pattern($pattern, $flags = '') {
    return "\x01" . $pattern . "\x01" . $flags;
}
if (!function_exists('split')) {
    function split($pattern, $string, $limit = -1) {
        return preg_split(php5_posix_pattern($pattern), $string, $limit);
    }
}
if (!function_exists('ereg')) {
    function ereg($pattern, $string, &$regs = null) {
        return preg_match(php5_posix_pattern($pattern), $string, $regs) ? 1 : false;
    }
    function eregi($pattern, $string, &$regs = null) {
        return preg_match(php5_posix_pattern($pattern, 'i'), $string, $regs) ? 1 : false;
    }
    function ereg_replace($pattern, $replacement, $string) {
        return preg_replace(php5_posix_pattern($pattern), $replacement, $string);
    }
    function eregi_replace($pattern, $replacement, $string) {
        return preg_replace(php5_posix_pattern($pattern, 'i'), $replacement, $string);
    }
}

// What `$GLOBALS += $array;` did before PHP 8.1 (port8.py rewrites the statement to this).
function php5_globals_add($more) {
    foreach ((array) $more as $name => $value) {
        if (!array_key_exists($name, $GLOBALS)) {
            $GLOBALS[$name] = $value;
        }
    }
}

// ext/mysql's result types, passed by phpwind to its mysqli driver (same values).
defined('MYSQL_ASSOC') || define('MYSQL_ASSOC', 1);
defined('MYSQL_NUM') || define('MYSQL_NUM', 2);
defined('MYSQL_BOTH') || define('MYSQL_BOTH', 3);

// Array functions given null or a string: PHP 5 warned and returned null (count: 0 for
// null, 1 for a scalar; max/min of an empty array: false); PHP 8 throws. port8.py renames
// phpwind's calls to these (php5_NAME).
function php5_count($value, $mode = COUNT_NORMAL) {
    if (is_array($value) || $value instanceof Countable) {
        return count($value, $mode);
    }
    return $value === null ? 0 : 1;
}
function php5_sizeof($value, $mode = COUNT_NORMAL) {
    return php5_count($value, $mode);
}
function php5_in_array($needle, $haystack, $strict = false) {
    return is_array($haystack) ? in_array($needle, $haystack, $strict) : null;
}
function php5_array_key_exists($key, $array) {
    return is_array($array) || is_object($array) ? array_key_exists($key, (array) $array) : false;
}
function php5_array_search($needle, $haystack, $strict = false) {
    return is_array($haystack) ? array_search($needle, $haystack, $strict) : null;
}
function php5_implode($glue, $pieces = null) {
    if ($pieces === null) {
        return is_array($glue) ? implode($glue) : null;
    }
    if (is_array($pieces)) {
        return implode((string) $glue, $pieces);
    }
    return is_array($glue) ? implode((string) $pieces, $glue) : null;
}
function php5_join($glue, $pieces = null) {
    return php5_implode($glue, $pieces);
}
function php5_array_merge(...$arrays) {
    foreach ($arrays as $array) {
        if (!is_array($array)) {
            return null;
        }
    }
    return array_merge(...$arrays);
}
function php5_array_keys($array, ...$more) {
    return is_array($array) ? array_keys($array, ...$more) : null;
}
function php5_array_values($array) {
    return is_array($array) ? array_values($array) : null;
}
function php5_array_flip($array) {
    return is_array($array) ? array_flip($array) : null;
}
function php5_array_unique($array, $flags = SORT_STRING) {
    return is_array($array) ? array_unique($array, $flags) : null;
}
function php5_array_slice($array, $offset, $length = null, $preserve_keys = false) {
    return is_array($array) ? array_slice($array, (int) $offset, $length === null ? null : (int) $length, $preserve_keys) : null;
}
function php5_array_diff(...$arrays) {
    foreach ($arrays as $array) {
        if (!is_array($array)) {
            return null;
        }
    }
    return array_diff(...$arrays);
}
function php5_array_intersect(...$arrays) {
    foreach ($arrays as $array) {
        if (!is_array($array)) {
            return null;
        }
    }
    return array_intersect(...$arrays);
}
function php5_array_sum($array) {
    return is_array($array) ? array_sum($array) : null;
}
function php5_array_filter($array, $callback = null, $mode = 0) {
    if (!is_array($array)) {
        return null;
    }
    return $callback === null ? array_filter($array) : array_filter($array, $callback, $mode);
}
function php5_array_map($callback, $array, ...$more) {
    return is_array($array) ? array_map($callback, $array, ...$more) : null;
}
function php5_max(...$values) {
    return count($values) == 1 && $values[0] === array() ? false : max(...$values);
}
function php5_min(...$values) {
    return count($values) == 1 && $values[0] === array() ? false : min(...$values);
}
// str_replace(null, array, text): PHP 5 replaced nothing; PHP 8 throws.
function php5_str_replace($search, $replace, $subject, &$count = null) {
    if (!is_array($search) && is_array($replace)) {
        if ((string) $search === '') {
            $count = 0;
            return $subject;
        }
        $replace = 'Array';
    }
    return str_replace($search, $replace, $subject, $count);
}

// preg_replace with the /e modifier (removed in PHP 7; phpwind's BBCode, require/bbscode.php,
// depends on it): as PHP 5 did it, the replacement's \N and $N are replaced by the matched
// text with ', ", \ and NUL escaped, and the result evaluated as PHP code.
function php5_preg_replace($pattern, $replacement, $subject, $limit = -1, &$count = null) {
    if (is_array($pattern)) {
        $count = 0;
        foreach (array_values($pattern) as $i => $one) {
            $with = is_array($replacement) ? (array_values($replacement)[$i] ?? '') : $replacement;
            $subject = php5_preg_replace($one, $with, $subject, $limit, $done);
            $count += $done;
        }
        return $subject;
    }
    $delimiter = $pattern[0];
    $end = strrpos($pattern, $delimiter);
    $modifiers = substr($pattern, $end + 1);
    if (strpos($modifiers, 'e') === false) {
        return preg_replace($pattern, is_array($replacement) ? $replacement : (string) $replacement, $subject, $limit === null ? -1 : (int) $limit, $count);
    }
    $pattern = substr($pattern, 0, $end + 1) . str_replace('e', '', $modifiers);
    return preg_replace_callback($pattern, function ($match) use ($replacement) {
        // PHP 5's preg_do_eval: \\ and \$ are the character escaped (Discuz! writes
        // '\$data[...]'), \N, $N and ${N} (one or two digits) the group.
        $code = preg_replace_callback('/\\\\([\\\\$])|\\\\(\d{1,2})|\$(\d{1,2})|\$\{(\d{1,2})\}/', function ($ref) use ($match) {
            if ($ref[1] !== '') {
                return $ref[1];
            }
            $n = $ref[2] !== '' ? $ref[2] : ($ref[3] !== '' ? $ref[3] : $ref[4]);
            return addslashes(isset($match[$n]) ? $match[$n] : '');
        }, $replacement);
        return eval('return ' . $code . ';');
    }, $subject, $limit === null ? -1 : (int) $limit, $count);
}

// array_rand(array()): PHP 5 warned and returned null; PHP 8 throws (port7.py and
// port34.py rename Discuz's calls).
function php5_array_rand($array, $num = 1) {
    return is_array($array) && $array ? array_rand($array, $num) : null;
}
// fread($fp, filesize(empty file)): PHP 5 warned and returned false; PHP 8 throws.
function php5_fread($handle, $length) {
    return $length > 0 ? fread($handle, $length) : false;
}

// String functions given an array: PHP 5 warned and returned null; PHP 8 throws.
function php5_strtolower($string) {
    return is_array($string) ? null : strtolower((string) $string);
}
function php5_strtoupper($string) {
    return is_array($string) ? null : strtoupper((string) $string);
}
function php5_trim($string, $characters = " \n\r\t\v\0") {
    return is_array($string) ? null : trim((string) $string, $characters);
}
function php5_strlen($string) {
    return is_array($string) ? null : strlen((string) $string);
}
function php5_strpos($haystack, $needle, $offset = 0) {
    return is_array($haystack) ? null : strpos((string) $haystack, is_int($needle) ? chr($needle) : (string) $needle, (int) $offset);
}

// htmlspecialchars without a charset: PHP 5.3 read the text byte by byte (ISO-8859-1) and
// escaped & " < > (ENT_COMPAT); PHP 5.4 made UTF-8 the default and PHP 8.1 ENT_QUOTES |
// ENT_SUBSTITUTE, so a GBK edition's text (the board names of updateforum.php's cache)
// comes back as U+FFFD or ''. No GBK byte after a lead byte is one of & " ' < >: the PHP 5.3
// reading is the right one for GBK, Big5 and UTF-8 text alike; so for its two twins.
function php5_htmlspecialchars($string, $flags = ENT_COMPAT, $encoding = 'ISO-8859-1', $double_encode = true) {
    return htmlspecialchars((string) $string, $flags, $encoding === null || $encoding === '' ? 'ISO-8859-1' : $encoding, $double_encode);
}

function php5_htmlentities($string, $flags = ENT_COMPAT, $encoding = 'ISO-8859-1', $double_encode = true) {
    return htmlentities((string) $string, $flags, $encoding === null || $encoding === '' ? 'ISO-8859-1' : $encoding, $double_encode);
}
function php5_html_entity_decode($string, $flags = ENT_COMPAT, $encoding = 'ISO-8859-1') {
    return html_entity_decode((string) $string, $flags, $encoding === null || $encoding === '' ? 'ISO-8859-1' : $encoding);
}

// Whether a token of token_get_all() is code, not the text of a double-quoted string or a
// heredoc (where "$a[key]" is the syntax and a bare word is text). $state, array('string' =>
// false, 'braces' => array()) at the start, carries the open string and its `{` nesting
// (true for a `{$` that opened code). A string's quote is a bare token: markup that is just
// `"` (inline text between two tags) is not one. (php_tokens.php, and Discuz's compiled
// templates: tests/real_discuz7/mysql_functions.php.)
function php5_token_in_code($token, &$state) {
    $id = is_array($token) ? $token[0] : null;
    $text = is_array($token) ? $token[1] : $token;
    if (($id === null && $text === '"') || $id === T_START_HEREDOC || $id === T_END_HEREDOC) {
        $state['string'] = $id === null ? !$state['string'] : $id === T_START_HEREDOC;
    } elseif ($id === T_CURLY_OPEN || $id === T_DOLLAR_OPEN_CURLY_BRACES) {
        $state['braces'][] = true;
    } elseif ($text === '{' && $state['braces']) {
        $state['braces'][] = false;
    } elseif ($text === '}' && $state['braces']) {
        array_pop($state['braces']);
    }
    return !$state['string'] || in_array(true, $state['braces'], true);
}

// Discuz compiles its templates into PHP at run time (7.x: include/template.func.php, X:
// source/class/class_template.php); port7.py and port34.py make it write them through this,
// which restores in them what PHP 5 did and PHP 8 stops on:
// - a call of a function PHP 8 made throw where PHP 5 warned goes to its php5_NAME twin (as
//   php_tokens.php does for the source);
// - a bare word that is no constant ({if $filter == poll}, {$thread[tid]}) is its name as a
//   string, as PHP 5 read an undefined constant; not where it is the syntax: a simple
//   interpolation "$a[key]", a call, a method, a class name.
// Placed by PHP's tokenizer, so the markup the template prints is not touched.
function php5_compiled_template($code) {
    $out = '';
    $tokens = token_get_all($code);
    $before = null;      // the last token that was not whitespace or a comment
    $state = array('string' => false, 'braces' => array());  // php5_token_in_code()
    foreach ($tokens as $i => $token) {
        $id = is_array($token) ? $token[0] : null;
        $text = is_array($token) ? $token[1] : $token;
        $inCode = php5_token_in_code($token, $state);
        if ($id === T_STRING && $inCode
            && !in_array($before, array(T_OBJECT_OPERATOR, T_NULLSAFE_OBJECT_OPERATOR, T_DOUBLE_COLON, T_FUNCTION, T_NEW, T_CLASS, T_INSTANCEOF, T_CONST), true)) {
            for ($j = $i + 1; isset($tokens[$j]) && is_array($tokens[$j]) && $tokens[$j][0] === T_WHITESPACE; $j++);
            $next = isset($tokens[$j]) ? $tokens[$j] : null;
            if ($next === '(') {
                if (function_exists('php5_' . strtolower($text))) {
                    $text = 'php5_' . $text;
                }
            } elseif (!defined($text) && !in_array(strtolower($text), array('true', 'false', 'null'), true)
                      && !(is_array($next) && $next[0] === T_DOUBLE_COLON)) {
                $text = "'" . $text . "'";
            }
        }
        if (!is_array($token) || !in_array($token[0], array(T_WHITESPACE, T_COMMENT, T_DOC_COMMENT), true)) {
            $before = is_array($token) ? $token[0] : $token;
        }
        $out .= $text;
    }
    return $out;
}

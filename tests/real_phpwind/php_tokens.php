<?php
// forum-harvest test harness (not part of phpwind): rewrites of PHP code that PHP's own
// tokenizer places, so text the code prints (markup, JavaScript in strings and heredocs) is
// never touched:
// - quote the bare words phpwind 8 uses as array keys, `$read[tid]` in code and
//   `{$GLOBALS[readdb][username]}` in strings. PHP 5 read an undefined constant as its own
//   name (with a notice); PHP 8 stops with an Error. `"$read[tid]"` (a simple
//   interpolation, where a bare key is the syntax) is left alone, as is a key that is a
//   constant (defined by PHP, or by define() in the files given); the same for a bare word
//   passed as an argument, `S::gp(array('tid'), GP)`;
// - calls of the functions named in argv[1] (comma-separated) go to php5_NAME
//   (php5_functions.php), and extract(X) becomes extract((array)X).
// Files on stdin, one path a line; rewrites them in place; prints a JSON object of counts.
require __DIR__ . '/php5_functions.php';  // its constants (MYSQL_NUM) are constants
$renamed = array_flip(explode(',', $argv[1]));
$counts = array('parameter defaults to null' => 0, 'method takes more arguments' => 0, 'bare word key quoted' => 0, 'bare word argument quoted' => 0, 'call sent to php5_NAME' => 0,
                'extract of a maybe-null array' => 0);
$paths = preg_split('/\R/', trim(stream_get_contents(STDIN)));
$defined = array();
foreach ($paths as $path) {
    preg_match_all('/define\s*\(\s*[\'"](\w+)[\'"]/i', file_get_contents($path), $found);
    foreach ($found[1] as $name) {
        $defined[$name] = true;
    }
}
foreach ($paths as $path) {
    $tokens = token_get_all(file_get_contents($path));
    $out = '';
    $state = array('string' => false, 'braces' => array());  // php5_token_in_code()
    $count = count($tokens);
    $changed = false;
    $params = null;
    $langPack = strpos(basename($path), 'lang_') === 0;
    for ($i = 0; $i < $count; $i++) {
        $token = $tokens[$i];
        $text = is_array($token) ? $token[1] : $token;
        $id = is_array($token) ? $token[0] : null;
        $inCode = php5_token_in_code($token, $state);
        // Parameters: PHP 5 passed null for a missing argument (with a warning), PHP 7.1
        // throws; PHP 8 also refuses a method whose parameters differ from its parent's
        // (AttUpload::getThumbInfo($filename, $dir) and uploadBehavior::getThumbInfo()).
        // Every parameter without a default gets `= null`: the PHP 5 behaviour, both ways.
        // And each gets a last `...$php5_more`: PHP 5 let a method take fewer parameters
        // than the one it overrides (PW_OuserdataDB::_get($userId) over BaseDB::_get($id,
        // $fields)), PHP 8 does not; extra arguments were and are ignored. Not for magic
        // methods (__get takes exactly one).
        if ($inCode && $id === T_FUNCTION) {
            $params = array('state' => 'before', 'depth' => 0, 'variable' => false, 'default' => false,
                            'name' => '', 'any' => false, 'variadic' => false);
        } elseif (isset($params) && $params['state'] === 'before' && $id === T_STRING) {
            $params['name'] = $text;
        } elseif (isset($params) && $params['state'] === 'before' && $text === '(') {
            $params['state'] = 'in';
            $params['depth'] = 1;
        } elseif (isset($params) && $params['state'] === 'in') {
            if ($text === '(' || $text === '[') {
                $params['depth']++;
            } elseif ($text === ')' || $text === ']') {
                $params['depth']--;
            }
            $closing = $params['depth'] === 0 || ($text === ',' && $params['depth'] === 1);
            if ($params['depth'] === 1 && $id === T_VARIABLE) {
                $params['variable'] = $params['any'] = true;
            } elseif ($params['depth'] === 1 && ($text === '=' || $id === T_ELLIPSIS)) {
                $params['default'] = true;
                $id === T_ELLIPSIS && $params['variadic'] = true;
            } elseif ($closing) {
                if ($params['variable'] && !$params['default']) {
                    $out .= ' = null';
                    $counts['parameter defaults to null']++;
                    $changed = true;
                }
                if ($params['depth'] === 0 && !$params['variadic'] && strpos($params['name'], '__') !== 0) {
                    $out .= ($params['any'] ? ', ' : '') . '...$php5_more';
                    $counts['method takes more arguments']++;
                    $changed = true;
                }
                $params['variable'] = $params['default'] = false;
                $params['depth'] === 0 && $params = null;
            }
        }
        if ($id === T_STRING && $inCode && $i > 0 && $i + 1 < $count
                && $tokens[$i - 1] === '[' && $tokens[$i + 1] === ']'
                && !defined($text) && !isset($defined[$text])
                && !in_array(strtolower($text), array('true', 'false', 'null'), true)) {
            $out .= "'" . $text . "'";
            $counts['bare word key quoted']++;
            $changed = true;
            continue;
        }
        // f(x, GP): a bare word as an argument (S::gp's source "GP", "G", "P"), or assigned
        // (`$showForumChild = ture;`, a typo PHP 5 read as a true string).
        $before = next_code($tokens, $i, -1);
        $after = next_code($tokens, $i, 1);
        if ($id === T_STRING && $inCode && ((($before === ',' || ($before === '(' && next_code($tokens, $i, -2) === T_STRING))
                    && in_array($after, array(')', ','), true)) || ($before === '=' && $after === ';'))
                && !defined($text) && !isset($defined[$text])
                && !in_array(strtolower($text), array('true', 'false', 'null'), true)) {
            $out .= "'" . $text . "'";
            $counts['bare word argument quoted']++;
            $changed = true;
            continue;
        }
        if ($id === T_STRING && $inCode && (isset($renamed[strtolower($text)]) || strtolower($text) === 'extract')
                && next_code($tokens, $i, 1) === '(' && !in_array(next_code($tokens, $i, -1),
                    array(T_OBJECT_OPERATOR, T_DOUBLE_COLON, T_FUNCTION, T_NEW, T_NULLSAFE_OBJECT_OPERATOR), true)) {
            if (strtolower($text) === 'extract') {
                $at = $i;
                while ($tokens[++$at] !== '(') {
                }
                $tokens[$at] = '((array)';
                $counts['extract of a maybe-null array']++;
                $out .= $text;
            } else {
                $out .= 'php5_' . $text;
                $counts['call sent to php5_NAME']++;
            }
            $changed = true;
            continue;
        }
        // A language pack's texts (template/*/lang_*.php) are single-quoted here and
        // evaluated as double-quoted strings later (getLangInfo): the same for their {$...}.
        if ($id === T_CONSTANT_ENCAPSED_STRING && $text[0] === "'" && $langPack
                && strpos($text, '{$') !== false) {
            $text = preg_replace_callback('/\{\$[^{}]*\}/', function ($span) use (&$counts, &$changed) {
                return preg_replace_callback('/\[([A-Za-z_]\w*)\]/', function ($key) use (&$counts, &$changed) {
                    $counts['bare word key quoted']++;
                    $changed = true;
                    return "[\\'" . $key[1] . "\\']";
                }, $span[0]);
            }, $text);
        }
        $out .= $text;
    }
    if ($changed) {
        file_put_contents($path, $out);
    }
}
echo json_encode($counts), "\n";

// The next (step 1) or previous (step -1) token that is not whitespace or a comment: its
// text if it is a character, else its id.
function next_code($tokens, $i, $step) {
    if (abs($step) > 1) {  // the second one away
        $direction = $step > 0 ? 1 : -1;
        for ($i += $direction; isset($tokens[$i]) && is_array($tokens[$i])
                && in_array($tokens[$i][0], array(T_WHITESPACE, T_COMMENT, T_DOC_COMMENT), true); $i += $direction) {
        }
        $step = $direction;
    }
    for ($i += $step; isset($tokens[$i]); $i += $step) {
        $token = $tokens[$i];
        if (!is_array($token)) {
            return $token;
        }
        if (!in_array($token[0], array(T_WHITESPACE, T_COMMENT, T_DOC_COMMENT), true)) {
            return $token[0];
        }
    }
    return null;
}

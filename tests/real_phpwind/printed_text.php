<?php
// forum-harvest test harness (not part of phpwind): the text phpwind's templates print (the
// markup outside PHP and inside heredocs: T_INLINE_HTML, T_ENCAPSED_AND_WHITESPACE) compared
// between the original tree (argv[1]) and the ported copy (argv[2]), template by template.
// Prints {"compared": N, "different": [paths]}.
$original = $argv[1];
$ported = $argv[2];
$compared = 0;
$different = array();
foreach (new RecursiveIteratorIterator(new RecursiveDirectoryIterator($ported)) as $path) {
    $relative = substr($path, strlen($ported));
    if (substr($path, -4) !== '.htm' || !is_file($original . $relative)) {
        continue;
    }
    $before = file_get_contents($original . $relative);
    if (strpos($before, '<?php') === false) {
        continue;
    }
    $compared++;
    if (printed($before) !== printed(file_get_contents($path))) {
        $different[] = ltrim($relative, '/');
    }
}
echo json_encode(array('compared' => $compared, 'different' => $different)), "\n";

function printed($code) {
    $text = array();
    foreach (token_get_all($code) as $token) {
        if (is_array($token) && in_array($token[0], array(T_INLINE_HTML, T_ENCAPSED_AND_WHITESPACE), true)) {
            $text[] = $token[1];
        }
    }
    return $text;
}

<?php
// forum-harvest test harness (not part of SMF): the two changes PHP 8 needs in SMF 1.1's PHP
// code, made to the harness's copy of each file named on the command line, found with PHP's
// own tokenizer so that no string the templates print is touched:
//  - a string offset in braces, $string{0}, a parse error since PHP 8: $string[0];
//  - preg_replace( becomes fh_preg_replace(get_defined_vars(), (compat.php), which runs
//    the /e modifier's code that PHP 7 dropped; also in the code SMF builds in strings for
//    create_function() and eval().
require __DIR__ . '/compat.php';

foreach (array_slice($argv, 1) as $file)
{
	$source = file_get_contents($file);
	$rewritten = rewrite_calls(fh_braced_offsets($source));
	if ($rewritten !== $source)
		file_put_contents($file, $rewritten);
}

function rewrite_calls($source)
{
	return preg_replace('~(?<![\w$>:])preg_replace\(~', 'fh_preg_replace(get_defined_vars(), ', $source);
}

<?php
// forum-harvest test harness (not part of SMF): what SMF 1.1 (written for PHP 4 and 5) calls
// and PHP 8 no longer has, loaded before every script with auto_prepend_file. It prints
// nothing: every page's markup is SMF's own.

// The mysql_* extension (removed in PHP 7) over mysqli, as SMF 1.1 uses it: one link, the
// last opened one when a call names none; a failed query is false, and so is every read of it.
mysqli_report(MYSQLI_REPORT_OFF);
$GLOBALS['fh_mysql_link'] = null;

function fh_mysql_link($link = null)
{
	return $link instanceof mysqli ? $link : $GLOBALS['fh_mysql_link'];
}

function mysql_connect($server = null, $user = null, $password = null)
{
	list($host, $port) = array_pad(explode(':', (string) $server, 2), 2, null);
	$link = @mysqli_connect($host, $user, $password, '', $port === null ? null : (int) $port);
	if (!$link)
		return false;
	// MariaDB's strict mode refuses SMF 1.1's inserts that leave text columns out (MySQL 4
	// and 5.0, which SMF 1.1 was written for, were not strict).
	mysqli_query($link, "SET SESSION sql_mode = ''");
	// ext/mysql talked latin1 unless told otherwise (mysqlnd's default is utf8mb4): a
	// non-UTF-8 SMF 1.1 sends its ISO-8859-1 bytes as they are; a UTF-8 one says SET NAMES utf8.
	mysqli_set_charset($link, 'latin1');
	return $GLOBALS['fh_mysql_link'] = $link;
}

function mysql_pconnect($server = null, $user = null, $password = null)
{
	return mysql_connect($server, $user, $password);
}

function mysql_select_db($database, $link = null)
{
	return mysqli_select_db(fh_mysql_link($link), $database);
}

function mysql_query($query, $link = null)
{
	$link = fh_mysql_link($link);
	return $link ? mysqli_query($link, $query) : false;
}

function mysql_fetch_assoc($result)
{
	return $result instanceof mysqli_result ? (mysqli_fetch_assoc($result) ?? false) : false;
}

function mysql_fetch_row($result)
{
	return $result instanceof mysqli_result ? (mysqli_fetch_row($result) ?? false) : false;
}

function mysql_num_rows($result)
{
	return $result instanceof mysqli_result ? mysqli_num_rows($result) : false;
}

function mysql_num_fields($result)
{
	return $result instanceof mysqli_result ? mysqli_num_fields($result) : false;
}

function mysql_data_seek($result, $row)
{
	return $result instanceof mysqli_result && mysqli_data_seek($result, $row);
}

function mysql_free_result($result)
{
	if ($result instanceof mysqli_result)
		mysqli_free_result($result);
	return true;
}

function mysql_tablename($result, $row)
{
	mysqli_data_seek($result, $row);
	$fields = mysqli_fetch_row($result);
	return $fields ? $fields[0] : false;
}

function mysql_insert_id($link = null)
{
	return mysqli_insert_id(fh_mysql_link($link));
}

function mysql_affected_rows($link = null)
{
	return mysqli_affected_rows(fh_mysql_link($link));
}

function mysql_error($link = null)
{
	$link = fh_mysql_link($link);
	return $link ? mysqli_error($link) : (string) mysqli_connect_error();
}

function mysql_errno($link = null)
{
	$link = fh_mysql_link($link);
	return $link ? mysqli_errno($link) : mysqli_connect_errno();
}

function mysql_get_server_info($link = null)
{
	return mysqli_get_server_info(fh_mysql_link($link));
}

function mysql_get_client_info()
{
	return mysqli_get_client_info();
}

function mysql_escape_string($string)
{
	return mysqli_real_escape_string(fh_mysql_link(), $string);
}

function mysql_real_escape_string($string, $link = null)
{
	return mysqli_real_escape_string(fh_mysql_link($link), $string);
}

function mysql_close($link = null)
{
	return true;
}

// Magic quotes are off (SMF then adds the slashes itself, as it does on PHP 5.4+).
function get_magic_quotes_gpc()
{
	return 0;
}

function get_magic_quotes_runtime()
{
	return 0;
}

function set_magic_quotes_runtime($setting)
{
	return true;
}

// each() and create_function(), removed in PHP 8, as PHP 5 defined them.
function each(&$array)
{
	$key = key($array);
	if ($key === null)
		return false;
	$value = current($array);
	next($array);
	return array(1 => $value, 'value' => $value, 0 => $key, 'key' => $key);
}

function create_function($arguments, $code)
{
	static $made = 0;
	$name = 'fh_lambda_' . ++$made;
	eval(substr(fh_braced_offsets('<?php function ' . $name . '(' . $arguments . ') {' . $code . '}'), 6));
	return $name;
}

// $string{0}, a parse error since PHP 8, as $string[0], in PHP source (a whole file, or code
// that create_function() makes): the tokenizer tells an offset's braces from a block's.
function fh_braced_offsets($source)
{
	$tokens = token_get_all($source);
	$out = '';
	$closing = array();  // token indexes of the } that end an offset
	$depth = array();
	foreach ($tokens as $i => $token)
	{
		$text = is_array($token) ? $token[1] : $token;
		if ($text === '{' && $i > 0 && (is_array($tokens[$i - 1]) ? $tokens[$i - 1][0] === T_VARIABLE : $tokens[$i - 1] === ']'))
		{
			$depth[] = true;
			$out .= '[';
			continue;
		}
		if ($text === '{' || (is_array($token) && in_array($token[0], array(T_CURLY_OPEN, T_DOLLAR_OPEN_CURLY_BRACES))))
			$depth[] = false;
		elseif ($text === '}' && $depth)
		{
			if (array_pop($depth))
			{
				$out .= ']';
				continue;
			}
		}
		$out .= $text;
	}
	return $out;
}


// preg_replace() with the /e modifier (removed in PHP 7): the harness's copy of SMF calls this
// instead of preg_replace(), with its caller's variables (get_defined_vars()), which /e code
// reads. As PHP 5 did, each back-reference in the code is the match with addslashes().
function fh_preg_replace(array $scope, $pattern, $replacement, $subject, $limit = -1, &$count = null)
{
	$patterns = (array) $pattern;
	$replacements = is_array($pattern) ? $replacement : array($replacement);
	$count = 0;
	foreach (array_values($patterns) as $i => $one)
	{
		$with = is_array($replacements) ? (array_values($replacements)[$i] ?? '') : $replacements;
		$done = 0;
		$subject = fh_preg_replace_one($scope, $one, $with, $subject, $limit, $done);
		$count += $done;
	}
	return $subject;
}

function fh_preg_replace_one(array $scope, $pattern, $replacement, $subject, $limit, &$count)
{
	$delimiter = $pattern[0];
	$end = strrpos($pattern, $delimiter === '(' ? ')' : ($delimiter === '{' ? '}' : $delimiter));
	$modifiers = substr($pattern, $end + 1);
	if (strpos($modifiers, 'e') === false)
		return preg_replace($pattern, $replacement, $subject, $limit, $count);

	$plain = substr($pattern, 0, $end + 1) . str_replace('e', '', $modifiers);
	return preg_replace_callback($plain, function ($match) use ($scope, $replacement)
	{
		$code = preg_replace_callback('~\\\\(\d+)|\$\{(\d+)\}|\$(\d+)~', function ($reference) use ($match)
		{
			$group = (int) ($reference[1] !== '' ? $reference[1] : ($reference[2] !== '' ? $reference[2] : $reference[3]));
			return addslashes($match[$group] ?? '');
		}, $replacement);
		extract($scope, EXTR_SKIP);
		return eval('return ' . $code . ';');
	}, $subject, $limit, $count);
}

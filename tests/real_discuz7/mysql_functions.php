<?php
// forum-harvest test harness (not part of Discuz!): PHP 5's ext/mysql, which Discuz! 6 and 7
// call and PHP 7 removed, as a thin layer over mysqli; with PHP 5's other removed functions
// (tests/real_phpwind/php5_functions.php). Loaded before every script (auto_prepend_file,
// tests/real_discuz7/port7.py). A link is a mysqli object, a result a mysqli_result; errors
// are return values (false), as ext/mysql gave them, not exceptions.
require_once __DIR__ . '/../real_phpwind/php5_functions.php';

mysqli_report(MYSQLI_REPORT_OFF);

$GLOBALS['php5_mysql_last_link'] = null;

function php5_mysql_link($link) {
    return $link ?: $GLOBALS['php5_mysql_last_link'];
}
function mysql_connect($host = null, $user = null, $password = null, $new_link = false, $flags = 0) {
    $port = null;
    if ($host !== null && strpos($host, ':') !== false) {
        list($host, $port) = explode(':', $host, 2);
    }
    $link = @mysqli_connect($host, $user, $password, '', $port === null ? null : (int) $port);
    if (!$link) {
        return false;
    }
    return $GLOBALS['php5_mysql_last_link'] = $link;
}
function mysql_pconnect($host = null, $user = null, $password = null, $flags = 0) {
    return mysql_connect($host, $user, $password);
}
function mysql_select_db($name, $link = null) {
    return mysqli_select_db(php5_mysql_link($link), $name);
}
function mysql_query($sql, $link = null) {
    return mysqli_query(php5_mysql_link($link), $sql);
}
function mysql_unbuffered_query($sql, $link = null) {
    return mysqli_query(php5_mysql_link($link), $sql, MYSQLI_USE_RESULT);
}
function mysql_fetch_array($result, $type = MYSQL_BOTH) {
    return $result instanceof mysqli_result ? (mysqli_fetch_array($result, $type) ?? false) : false;
}
function mysql_fetch_assoc($result) {
    return mysql_fetch_array($result, MYSQL_ASSOC);
}
function mysql_fetch_row($result) {
    return mysql_fetch_array($result, MYSQL_NUM);
}
function mysql_fetch_field($result, $offset = null) {
    if ($offset !== null) {
        mysqli_field_seek($result, $offset);
    }
    return mysqli_fetch_field($result);
}
function mysql_result($result, $row, $field = 0) {
    if (!$result instanceof mysqli_result || $row >= mysqli_num_rows($result)) {
        return false;
    }
    mysqli_data_seek($result, $row);
    $values = mysqli_fetch_array($result, MYSQLI_BOTH);
    return $values[$field] ?? false;
}
function mysql_num_rows($result) {
    return $result instanceof mysqli_result ? mysqli_num_rows($result) : false;
}
function mysql_num_fields($result) {
    return $result instanceof mysqli_result ? mysqli_num_fields($result) : false;
}
function mysql_free_result($result) {
    if ($result instanceof mysqli_result) {
        mysqli_free_result($result);
    }
    return true;
}
function mysql_affected_rows($link = null) {
    return mysqli_affected_rows(php5_mysql_link($link));
}
function mysql_insert_id($link = null) {
    return mysqli_insert_id(php5_mysql_link($link));
}
function mysql_error($link = null) {
    $link = php5_mysql_link($link);
    return $link ? mysqli_error($link) : (string) mysqli_connect_error();
}
function mysql_errno($link = null) {
    $link = php5_mysql_link($link);
    return $link ? mysqli_errno($link) : (int) mysqli_connect_errno();
}
function mysql_close($link = null) {
    $link = php5_mysql_link($link);
    return $link ? mysqli_close($link) : false;
}
// MariaDB sent old clients "5.5.5-10.x" (its version behind a MySQL 5.5 prefix) so that
// version tests written for MySQL ($this->version() > '4.1') still passed; mysqlnd strips
// the prefix, so it is put back.
function mysql_get_server_info($link = null) {
    $version = mysqli_get_server_info(php5_mysql_link($link));
    return stripos($version, 'mariadb') !== false && strpos($version, '5.5.5-') !== 0
        ? '5.5.5-' . $version : $version;
}
function mysql_escape_string($string) {
    $link = $GLOBALS['php5_mysql_last_link'];
    return $link ? mysqli_real_escape_string($link, $string) : addslashes($string);
}
function mysql_real_escape_string($string, $link = null) {
    return mysqli_real_escape_string(php5_mysql_link($link), $string);
}

// PHP 5.3's defaults for the HTML escapes (ISO-8859-1 passes every byte of a GBK or Big5
// text through): php5_htmlspecialchars and its twins, in php5_functions.php.

<?php
// forum-harvest test harness (not part of phpwind): list the methods of the classes in the
// files named on stdin (one path a line), as JSON lines
// {"file", "class", "method", "offset" (byte offset of its `function` keyword), "static",
// "uses_this"}, read with PHP's own tokenizer (port8.py marks some of them static).
foreach (preg_split('/\R/', trim(stream_get_contents(STDIN))) as $path) {
    $tokens = token_get_all(file_get_contents($path));
    $offset = 0;
    $class = null;
    $classDepth = 0;
    $depth = 0;
    $method = null;
    $modifiers = array();
    $expectClass = $expectMethod = false;
    foreach ($tokens as $token) {
        $text = is_array($token) ? $token[1] : $token;
        $id = is_array($token) ? $token[0] : null;
        if ($id === T_CLASS) {
            $expectClass = true;
        } elseif ($expectClass && $id === T_STRING) {
            $class = $text;
            $classDepth = $depth + 1;
            $expectClass = false;
        } elseif ($class !== null && $depth === $classDepth && in_array($id, array(T_STATIC, T_PUBLIC, T_PRIVATE, T_PROTECTED, T_ABSTRACT, T_FINAL), true)) {
            $modifiers[] = $id;
        } elseif ($class !== null && $depth === $classDepth && $id === T_FUNCTION) {
            $method = array('file' => $path, 'class' => $class, 'method' => null,
                            'offset' => $offset, 'static' => in_array(T_STATIC, $modifiers, true),
                            'uses_this' => false, 'depth' => $depth);
            $expectMethod = true;
        } elseif ($expectMethod && $id === T_STRING) {
            $method['method'] = $text;
            $expectMethod = false;
        } elseif ($method !== null && $id === T_VARIABLE && $text === '$this') {
            $method['uses_this'] = true;
        } elseif ($text === '{' || $id === T_CURLY_OPEN || $id === T_DOLLAR_OPEN_CURLY_BRACES) {
            $depth++;
        } elseif ($text === '}') {
            $depth--;
            if ($method !== null && $depth === $method['depth']) {
                unset($method['depth']);
                echo json_encode($method), "\n";
                $method = null;
            }
            if ($class !== null && $depth < $classDepth) {
                $class = null;
            }
        } elseif ($text === ';' && $method !== null && $method['method'] !== null && $depth === $method['depth']) {
            $method = null;  // an abstract or interface method: no body
        }
        if ($text === ';' || $text === '{' || $text === '}') {
            $modifiers = array();
        }
        $offset += strlen($text);
    }
}

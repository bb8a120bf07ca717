<?php
// Wind sends "HTTP/1.x 302 Found"; Apache keeps only the code, PHP's built-in server passes
// the line through and clients reject it. Re-state the code so PHP writes a valid status line.
header_register_callback(function () { header("HTTP/1.1 " . http_response_code()); });

<?php
// Before: if ($_SERVER['HTTP_AUTHORIZATION'] !== getenv('ZOOM_VERIFICATION_TOKEN')) { http_response_code(401); exit; }
// After: verify x-zm-signature with the Secret Token over the raw body, and refuse stale events.
function verify_zoom_signature(): bool {
    $body = file_get_contents('php://input');
    $timestamp = $_SERVER['HTTP_X_ZM_REQUEST_TIMESTAMP'] ?? '';
    $expected = 'v0=' . hash_hmac('sha256', "v0:{$timestamp}:{$body}", getenv('ZOOM_WEBHOOK_SECRET_TOKEN'));
    $fresh = ctype_digit($timestamp) && abs(time() - (int) $timestamp) <= 300;
    return $fresh && hash_equals($expected, $_SERVER['HTTP_X_ZM_SIGNATURE'] ?? '');
}

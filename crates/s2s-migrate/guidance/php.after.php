// Token host for your cloud: {{TOKEN_URL}}. Make API calls at the `api_url` the token
// response names (your account's regional host, e.g. https://api-eu.zoom.us), else {{API_URL}}.
function zoomToken(): string {
    static $token = null, $until = 0;
    if ($token && time() < $until) return $token;
    $ch = curl_init('{{TOKEN_URL}}');
    curl_setopt_array($ch, [
        CURLOPT_POST => true, CURLOPT_RETURNTRANSFER => true,
        CURLOPT_USERPWD => getenv('ZOOM_CLIENT_ID') . ':' . getenv('ZOOM_CLIENT_SECRET'),
        CURLOPT_POSTFIELDS => http_build_query(['grant_type' => 'account_credentials', 'account_id' => getenv('ZOOM_ACCOUNT_ID')]),
    ]);
    $body = json_decode(curl_exec($ch), true);
    $token = $body['access_token']; $until = time() + $body['expires_in'] - 60;
    return $token;
}

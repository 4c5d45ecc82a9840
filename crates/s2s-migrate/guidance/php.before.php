use Firebase\JWT\JWT;
$token = JWT::encode(['iss' => $apiKey, 'exp' => time() + 3600], $apiSecret, 'HS256');

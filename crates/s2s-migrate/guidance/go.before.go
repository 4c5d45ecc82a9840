token, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
    "iss": apiKey, "exp": time.Now().Add(time.Hour).Unix(),
}).SignedString([]byte(apiSecret))

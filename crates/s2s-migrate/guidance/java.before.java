String token = Jwts.builder().setIssuer(apiKey)
    .setExpiration(new Date(System.currentTimeMillis() + 3_600_000))
    .signWith(SignatureAlgorithm.HS256, apiSecret.getBytes()).compact();

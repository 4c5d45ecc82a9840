var token = new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
    issuer: apiKey, expires: DateTime.UtcNow.AddHours(1),
    signingCredentials: new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(apiSecret)), "HS256")));

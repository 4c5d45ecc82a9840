// Before: if (Request.Headers["authorization"] != Environment.GetEnvironmentVariable("ZOOM_VERIFICATION_TOKEN")) return Unauthorized();
// After: verify x-zm-signature with the Secret Token over the raw body, and refuse stale events.
static bool VerifyZoomSignature(string timestamp, string signature, byte[] body)
{
    var key = Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("ZOOM_WEBHOOK_SECRET_TOKEN")!);
    var message = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
    var expected = "v0=" + Convert.ToHexString(HMACSHA256.HashData(key, message)).ToLowerInvariant();
    var fresh = long.TryParse(timestamp, out var sent) && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - sent) <= 300;
    return fresh && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(signature ?? ""));
}

// A Zoom webhook receiver in C# with ASP.NET Core minimal APIs (.NET 8 or later).
// Run: ZOOM_WEBHOOK_SECRET_TOKEN=... dotnet run --urls http://localhost:8080
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

var secretToken = Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("ZOOM_WEBHOOK_SECRET_TOKEN")!);
const long MaxAgeSeconds = 5 * 60; // older signatures are replays
var app = WebApplication.CreateBuilder(args).Build();

string HmacHex(byte[] data) => Convert.ToHexString(HMACSHA256.HashData(secretToken, data)).ToLowerInvariant();

app.MapPost("/zoom/webhook", async (HttpRequest request) =>
{
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer); // the bytes Zoom signed
    var body = buffer.ToArray();
    var timestamp = request.Headers["x-zm-request-timestamp"].ToString();
    var signature = Encoding.UTF8.GetBytes(request.Headers["x-zm-signature"].ToString());
    var expected = Encoding.UTF8.GetBytes("v0=" + HmacHex(Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray()));
    if (!long.TryParse(timestamp, out var sent)
        || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - sent) > MaxAgeSeconds
        || !CryptographicOperations.FixedTimeEquals(signature, expected))
    {
        return Results.Unauthorized();
    }
    using var json = JsonDocument.Parse(body);
    if (json.RootElement.GetProperty("event").GetString() == "endpoint.url_validation")
    {
        var plainToken = json.RootElement.GetProperty("payload").GetProperty("plainToken").GetString()!;
        return Results.Ok(new { plainToken, encryptedToken = HmacHex(Encoding.UTF8.GetBytes(plainToken)) });
    }
    return Results.NoContent(); // answer within 3 seconds, then do the work
});

app.Run();

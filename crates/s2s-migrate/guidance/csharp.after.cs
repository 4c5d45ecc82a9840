// Token host for your cloud: {{TOKEN_URL}}. Make API calls at the `api_url` the token
// response names (your account's regional host, e.g. https://api-eu.zoom.us), else {{API_URL}}.
static string? token; static DateTime until;
static async Task<string> ZoomToken(HttpClient http) {
    if (token != null && DateTime.UtcNow < until) return token;
    var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Env("ZOOM_CLIENT_ID")}:{Env("ZOOM_CLIENT_SECRET")}"));
    var req = new HttpRequestMessage(HttpMethod.Post, "{{TOKEN_URL}}") {
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", basic) },
        Content = new FormUrlEncodedContent(new Dictionary<string, string> {
            ["grant_type"] = "account_credentials", ["account_id"] = Env("ZOOM_ACCOUNT_ID") }) };
    var body = JsonDocument.Parse(await (await http.SendAsync(req)).EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
    token = body.GetProperty("access_token").GetString();
    until = DateTime.UtcNow.AddSeconds(body.GetProperty("expires_in").GetInt32() - 60);
    return token!;
}

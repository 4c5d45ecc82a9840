//! How the integration should get its token after the migration, per language: the JWT signed
//! with the API secret replaced by the S2S token request (FACTS.md: `POST /oauth/token`,
//! `grant_type=account_credentials`, Basic auth, form body), cached until shortly before
//! `expires_in` runs out, because Zoom asks integrations to reuse tokens and each new token may
//! invalidate the previous one. API calls themselves stay the same.

use serde::Serialize;

use crate::format::Language;

/// One language's before/after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Guidance {
    /// The language.
    pub language: Language,
    /// Display name.
    pub name: &'static str,
    /// How the legacy code typically made its token.
    pub before: &'static str,
    /// The S2S way, with caching.
    pub after: &'static str,
}

/// Guidance for each language found (every language when none was found).
pub fn for_languages(found: &[Language]) -> Vec<Guidance> {
    let all = [
        Language::JavaScript,
        Language::TypeScript,
        Language::Python,
        Language::Php,
        Language::Ruby,
        Language::Java,
        Language::CSharp,
        Language::Go,
    ];
    let wanted: Vec<Language> = if found.is_empty() {
        all.to_vec()
    } else {
        found.to_vec()
    };
    wanted.into_iter().map(guidance).collect()
}

fn guidance(language: Language) -> Guidance {
    let (name, before, after) = match language {
        Language::JavaScript | Language::TypeScript => (
            if language == Language::TypeScript {
                "TypeScript"
            } else {
                "JavaScript"
            },
            r#"const jwt = require("jsonwebtoken");
const token = jwt.sign({ iss: process.env.ZOOM_API_KEY, exp: Math.floor(Date.now() / 1000) + 3600 },
                       process.env.ZOOM_API_SECRET);"#,
            r#"let cached = { token: null, until: 0 };
async function zoomToken() {
  if (cached.token && Date.now() < cached.until) return cached.token;
  const basic = Buffer.from(`${process.env.ZOOM_CLIENT_ID}:${process.env.ZOOM_CLIENT_SECRET}`).toString("base64");
  const res = await fetch("https://zoom.us/oauth/token", {
    method: "POST",
    headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "account_credentials", account_id: process.env.ZOOM_ACCOUNT_ID }),
  });
  if (!res.ok) throw new Error(`Zoom token: ${res.status} ${await res.text()}`);
  const { access_token, expires_in } = await res.json();
  cached = { token: access_token, until: Date.now() + (expires_in - 60) * 1000 };
  return access_token;
}"#,
        ),
        Language::Python => (
            "Python",
            r#"import jwt, time
token = jwt.encode({"iss": API_KEY, "exp": int(time.time()) + 3600}, API_SECRET, algorithm="HS256")"#,
            r#"import os, time, requests
_cache = {"token": None, "until": 0}
def zoom_token():
    if _cache["token"] and time.time() < _cache["until"]:
        return _cache["token"]
    r = requests.post("https://zoom.us/oauth/token",
                      auth=(os.environ["ZOOM_CLIENT_ID"], os.environ["ZOOM_CLIENT_SECRET"]),
                      data={"grant_type": "account_credentials", "account_id": os.environ["ZOOM_ACCOUNT_ID"]},
                      timeout=20)
    r.raise_for_status()
    body = r.json()
    _cache.update(token=body["access_token"], until=time.time() + body["expires_in"] - 60)
    return _cache["token"]"#,
        ),
        Language::Php => (
            "PHP",
            r#"use Firebase\JWT\JWT;
$token = JWT::encode(['iss' => $apiKey, 'exp' => time() + 3600], $apiSecret, 'HS256');"#,
            r#"function zoomToken(): string {
    static $token = null, $until = 0;
    if ($token && time() < $until) return $token;
    $ch = curl_init('https://zoom.us/oauth/token');
    curl_setopt_array($ch, [
        CURLOPT_POST => true, CURLOPT_RETURNTRANSFER => true,
        CURLOPT_USERPWD => getenv('ZOOM_CLIENT_ID') . ':' . getenv('ZOOM_CLIENT_SECRET'),
        CURLOPT_POSTFIELDS => http_build_query(['grant_type' => 'account_credentials', 'account_id' => getenv('ZOOM_ACCOUNT_ID')]),
    ]);
    $body = json_decode(curl_exec($ch), true);
    $token = $body['access_token']; $until = time() + $body['expires_in'] - 60;
    return $token;
}"#,
        ),
        Language::Ruby => (
            "Ruby",
            r#"token = JWT.encode({ iss: ENV["ZOOM_API_KEY"], exp: Time.now.to_i + 3600 }, ENV["ZOOM_API_SECRET"], "HS256")"#,
            r#"require "net/http"; require "json"
def zoom_token
  return @token if @token && Time.now < @until
  uri = URI("https://zoom.us/oauth/token")
  req = Net::HTTP::Post.new(uri)
  req.basic_auth(ENV.fetch("ZOOM_CLIENT_ID"), ENV.fetch("ZOOM_CLIENT_SECRET"))
  req.set_form_data(grant_type: "account_credentials", account_id: ENV.fetch("ZOOM_ACCOUNT_ID"))
  body = JSON.parse(Net::HTTP.start(uri.host, uri.port, use_ssl: true) { |h| h.request(req) }.body)
  @until = Time.now + body["expires_in"] - 60
  @token = body["access_token"]
end"#,
        ),
        Language::Java => (
            "Java",
            r#"String token = Jwts.builder().setIssuer(apiKey)
    .setExpiration(new Date(System.currentTimeMillis() + 3_600_000))
    .signWith(SignatureAlgorithm.HS256, apiSecret.getBytes()).compact();"#,
            r#"private String token; private Instant until = Instant.EPOCH;
synchronized String zoomToken() throws Exception {
  if (token != null && Instant.now().isBefore(until)) return token;
  String basic = Base64.getEncoder().encodeToString((System.getenv("ZOOM_CLIENT_ID") + ":" + System.getenv("ZOOM_CLIENT_SECRET")).getBytes(UTF_8));
  HttpRequest req = HttpRequest.newBuilder(URI.create("https://zoom.us/oauth/token"))
      .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
      .POST(BodyPublishers.ofString("grant_type=account_credentials&account_id=" + System.getenv("ZOOM_ACCOUNT_ID"))).build();
  JsonNode body = new ObjectMapper().readTree(HttpClient.newHttpClient().send(req, BodyHandlers.ofString()).body());
  token = body.get("access_token").asText();
  until = Instant.now().plusSeconds(body.get("expires_in").asLong() - 60);
  return token;
}"#,
        ),
        Language::CSharp => (
            "C#",
            r#"var token = new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
    issuer: apiKey, expires: DateTime.UtcNow.AddHours(1),
    signingCredentials: new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(apiSecret)), "HS256")));"#,
            r#"static string? token; static DateTime until;
static async Task<string> ZoomToken(HttpClient http) {
    if (token != null && DateTime.UtcNow < until) return token;
    var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Env("ZOOM_CLIENT_ID")}:{Env("ZOOM_CLIENT_SECRET")}"));
    var req = new HttpRequestMessage(HttpMethod.Post, "https://zoom.us/oauth/token") {
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", basic) },
        Content = new FormUrlEncodedContent(new Dictionary<string, string> {
            ["grant_type"] = "account_credentials", ["account_id"] = Env("ZOOM_ACCOUNT_ID") }) };
    var body = JsonDocument.Parse(await (await http.SendAsync(req)).EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement;
    token = body.GetProperty("access_token").GetString();
    until = DateTime.UtcNow.AddSeconds(body.GetProperty("expires_in").GetInt32() - 60);
    return token!;
}"#,
        ),
        Language::Go => (
            "Go",
            r#"token, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
    "iss": apiKey, "exp": time.Now().Add(time.Hour).Unix(),
}).SignedString([]byte(apiSecret))"#,
            r#"var mu sync.Mutex; var token string; var until time.Time
func zoomToken(ctx context.Context) (string, error) {
    mu.Lock(); defer mu.Unlock()
    if token != "" && time.Now().Before(until) { return token, nil }
    form := url.Values{"grant_type": {"account_credentials"}, "account_id": {os.Getenv("ZOOM_ACCOUNT_ID")}}
    req, _ := http.NewRequestWithContext(ctx, "POST", "https://zoom.us/oauth/token", strings.NewReader(form.Encode()))
    req.SetBasicAuth(os.Getenv("ZOOM_CLIENT_ID"), os.Getenv("ZOOM_CLIENT_SECRET"))
    req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
    res, err := http.DefaultClient.Do(req)
    if err != nil { return "", err }
    defer res.Body.Close()
    var body struct { AccessToken string `json:"access_token"`; ExpiresIn int `json:"expires_in"` }
    if err := json.NewDecoder(res.Body).Decode(&body); err != nil { return "", err }
    token, until = body.AccessToken, time.Now().Add(time.Duration(body.ExpiresIn-60)*time.Second)
    return token, nil
}"#,
        ),
    };
    Guidance {
        language,
        name,
        before,
        after,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_after_asks_for_account_credentials_and_caches() {
        for g in for_languages(&[]) {
            assert!(g.after.contains("account_credentials"), "{}", g.name);
            assert!(
                g.after.contains("expires_in"),
                "{} caches until expiry",
                g.name
            );
            assert!(!g.after.contains("API_SECRET"), "{}", g.name);
        }
        assert_eq!(for_languages(&[Language::Go]).len(), 1);
    }
}

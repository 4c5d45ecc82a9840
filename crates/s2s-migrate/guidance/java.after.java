// Token host for your cloud: {{TOKEN_URL}}. Make API calls at the `api_url` the token
// response names (your account's regional host, e.g. https://api-eu.zoom.us), else {{API_URL}}.
private String token; private Instant until = Instant.EPOCH;
synchronized String zoomToken() throws Exception {
  if (token != null && Instant.now().isBefore(until)) return token;
  String basic = Base64.getEncoder().encodeToString((System.getenv("ZOOM_CLIENT_ID") + ":" + System.getenv("ZOOM_CLIENT_SECRET")).getBytes(UTF_8));
  HttpRequest req = HttpRequest.newBuilder(URI.create("{{TOKEN_URL}}"))
      .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
      .POST(BodyPublishers.ofString("grant_type=account_credentials&account_id=" + System.getenv("ZOOM_ACCOUNT_ID"))).build();
  JsonNode body = new ObjectMapper().readTree(HttpClient.newHttpClient().send(req, BodyHandlers.ofString()).body());
  token = body.get("access_token").asText();
  until = Instant.now().plusSeconds(body.get("expires_in").asLong() - 60);
  return token;
}

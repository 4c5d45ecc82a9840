// Token host for your cloud: {{TOKEN_URL}}. Make API calls at the `api_url` the token
// response names (your account's regional host, e.g. https://api-eu.zoom.us), else {{API_URL}}.
var mu sync.Mutex; var token string; var until time.Time
func zoomToken(ctx context.Context) (string, error) {
    mu.Lock(); defer mu.Unlock()
    if token != "" && time.Now().Before(until) { return token, nil }
    form := url.Values{"grant_type": {"account_credentials"}, "account_id": {os.Getenv("ZOOM_ACCOUNT_ID")}}
    req, _ := http.NewRequestWithContext(ctx, "POST", "{{TOKEN_URL}}", strings.NewReader(form.Encode()))
    req.SetBasicAuth(os.Getenv("ZOOM_CLIENT_ID"), os.Getenv("ZOOM_CLIENT_SECRET"))
    req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
    res, err := http.DefaultClient.Do(req)
    if err != nil { return "", err }
    defer res.Body.Close()
    var body struct { AccessToken string `json:"access_token"`; ExpiresIn int `json:"expires_in"` }
    if err := json.NewDecoder(res.Body).Decode(&body); err != nil { return "", err }
    token, until = body.AccessToken, time.Now().Add(time.Duration(body.ExpiresIn-60)*time.Second)
    return token, nil
}

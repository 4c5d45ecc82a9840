// Before: if r.Header.Get("Authorization") != os.Getenv("ZOOM_VERIFICATION_TOKEN") { w.WriteHeader(401); return }
// After: verify x-zm-signature with the Secret Token over the raw body, and refuse stale events.
func verifyZoomSignature(r *http.Request, body []byte) bool {
	timestamp := r.Header.Get("x-zm-request-timestamp")
	mac := hmac.New(sha256.New, []byte(os.Getenv("ZOOM_WEBHOOK_SECRET_TOKEN")))
	mac.Write([]byte("v0:" + timestamp + ":" + string(body)))
	expected := "v0=" + hex.EncodeToString(mac.Sum(nil))
	sent, err := strconv.ParseInt(timestamp, 10, 64)
	age := time.Now().Unix() - sent
	return err == nil && age <= 300 && age >= -300 && hmac.Equal([]byte(expected), []byte(r.Header.Get("x-zm-signature")))
}

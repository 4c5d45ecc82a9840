// A Zoom webhook receiver in Go with net/http (Go 1.22 or later).
// Run: ZOOM_WEBHOOK_SECRET_TOKEN=... PORT=8080 go run main.go
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"
)

var secretToken = []byte(os.Getenv("ZOOM_WEBHOOK_SECRET_TOKEN"))

const maxAgeSeconds = 5 * 60 // older signatures are replays

func hmacHex(data []byte) string {
	mac := hmac.New(sha256.New, secretToken)
	mac.Write(data)
	return hex.EncodeToString(mac.Sum(nil))
}

func zoomWebhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20)) // the bytes Zoom signed
	if err != nil {
		http.Error(w, "unreadable body", http.StatusBadRequest)
		return
	}
	timestamp := r.Header.Get("x-zm-request-timestamp")
	sent, err := strconv.ParseInt(timestamp, 10, 64)
	age := time.Now().Unix() - sent
	expected := "v0=" + hmacHex([]byte("v0:"+timestamp+":"+string(body)))
	if err != nil || age > maxAgeSeconds || age < -maxAgeSeconds ||
		!hmac.Equal([]byte(r.Header.Get("x-zm-signature")), []byte(expected)) {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	var event struct {
		Event   string `json:"event"`
		Payload struct {
			PlainToken string `json:"plainToken"`
		} `json:"payload"`
	}
	if err := json.Unmarshal(body, &event); err != nil {
		http.Error(w, "not JSON", http.StatusBadRequest)
		return
	}
	if event.Event == "endpoint.url_validation" {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{
			"plainToken":     event.Payload.PlainToken,
			"encryptedToken": hmacHex([]byte(event.Payload.PlainToken)),
		})
		return
	}
	w.WriteHeader(http.StatusNoContent) // answer within 3 seconds, then do the work
}

func main() {
	http.HandleFunc("POST /zoom/webhook", zoomWebhook)
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.ListenAndServe(":"+port, nil)
}

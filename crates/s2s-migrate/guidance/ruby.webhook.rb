# Before: halt 401 unless request.env["HTTP_AUTHORIZATION"] == ENV["ZOOM_VERIFICATION_TOKEN"]
# After: verify x-zm-signature with the Secret Token over the raw body, and refuse stale events.
require "openssl"

def verify_zoom_signature(request)
  body = request.body.read
  timestamp = request.env["HTTP_X_ZM_REQUEST_TIMESTAMP"].to_s
  expected = "v0=" + OpenSSL::HMAC.hexdigest("SHA256", ENV.fetch("ZOOM_WEBHOOK_SECRET_TOKEN"), "v0:#{timestamp}:#{body}")
  fresh = timestamp.match?(/\A\d+\z/) && (Time.now.to_i - timestamp.to_i).abs <= 300
  fresh && OpenSSL.fixed_length_secure_compare(expected, request.env["HTTP_X_ZM_SIGNATURE"].to_s) rescue false
end

// Before: if (!request.getHeader("authorization").equals(System.getenv("ZOOM_VERIFICATION_TOKEN"))) return 401;
// After: verify x-zm-signature with the Secret Token over the raw body, and refuse stale events.
static boolean verifyZoomSignature(String timestamp, String signature, byte[] body) throws Exception {
    var mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(System.getenv("ZOOM_WEBHOOK_SECRET_TOKEN").getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update(("v0:" + timestamp + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String expected = "v0=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    boolean fresh = timestamp != null && timestamp.matches("\\d+") && Math.abs(java.time.Instant.now().getEpochSecond() - Long.parseLong(timestamp)) <= 300;
    return fresh && signature != null && java.security.MessageDigest.isEqual(expected.getBytes(), signature.getBytes());
}

// Zoom
class ZoomConfig {
  static final String ZOOM_API_SECRET = "LegacySecretValue0123456789";
}

package zoom

const zoomAPISecret = "LegacySecretValue0123456789"

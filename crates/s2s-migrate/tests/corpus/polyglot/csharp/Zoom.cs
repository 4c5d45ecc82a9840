// Zoom
var zoomApiKey = "LegacyApiKey0123456789";

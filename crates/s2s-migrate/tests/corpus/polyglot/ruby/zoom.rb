# zoom
ZOOM_API_KEY = 'LegacyApiKey0123456789'

<?php
// Zoom
define('ZOOM_API_KEY', 'LegacyApiKey0123456789');
$zoom_api_secret = "LegacySecretValue0123456789";

<?php
// Router for PHP's built-in web server (php -S): serves the wiki's entry points under
// /w, as $wgScriptPath says, and nothing else. Needs MW_INSTALL_PATH and MW_CONFIG_FILE.

// Every answer names the server that gave it, so a test knows it reached its own.
$wikiroundToken = getenv( 'WIKIROUND_SERVED_TOKEN' );
if ( $wikiroundToken ) {
	header( 'X-Wikiround-Served: ' . $wikiroundToken );
}

$wikiroundPath = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
if ( is_string( $wikiroundPath )
	&& preg_match( '#^/w/(api|index|load|rest)\.php(?:/|$)#', $wikiroundPath, $wikiroundMatch )
) {
	$wikiroundEntry = getenv( 'MW_INSTALL_PATH' ) . '/' . $wikiroundMatch[1] . '.php';
	$_SERVER['SCRIPT_NAME'] = '/w/' . $wikiroundMatch[1] . '.php';
	$_SERVER['SCRIPT_FILENAME'] = $wikiroundEntry;
	$_SERVER['PHP_SELF'] = $_SERVER['SCRIPT_NAME'];
	chdir( dirname( $wikiroundEntry ) );
	require $wikiroundEntry;
	return true;
}
http_response_code( 404 );
header( 'Content-Type: text/plain' );
echo "Not found\n";
return true;

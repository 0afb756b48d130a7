<?php
// Loaded through MW_CONFIG_FILE: the wiki that install.php wrote, plus the test harness.
// WIKIROUND_MEDIAWIKI names the folder made by setup.sh; WIKIROUND_MEDIAWIKI_DATA may
// point at another copy of the SQLite data folder (used for XML imports).

$wikiroundHome = getenv( 'WIKIROUND_MEDIAWIKI' );
if ( !$wikiroundHome || !is_file( "$wikiroundHome/conf/LocalSettings.php" ) ) {
	fwrite( STDERR, "WIKIROUND_MEDIAWIKI does not name a wiki made by tests/mediawiki/setup.sh\n" );
	exit( 2 );
}
require "$wikiroundHome/conf/LocalSettings.php";

$wikiroundData = getenv( 'WIKIROUND_MEDIAWIKI_DATA' );
if ( $wikiroundData ) {
	// Every SQLite file of the wiki moves along: sessions, jobs and localisation too.
	$wgSQLiteDataDir = $wikiroundData;
	$wgObjectCaches[CACHE_DB]['server']['dbDirectory'] = $wikiroundData;
	$wgLocalisationCacheConf['storeServer']['dbDirectory'] = $wikiroundData;
	$wgJobTypeConf['default']['server']['dbDirectory'] = $wikiroundData;
}

// A wiki served over HTTP (php -S on the loopback interface) knows its own address.
$wikiroundServer = getenv( 'WIKIROUND_MEDIAWIKI_SERVER' );
if ( $wikiroundServer ) {
	$wgServer = $wikiroundServer;
	$wgCanonicalServer = $wikiroundServer;
}

// Every parse must see the current pages and settings, never a cached result.
$wgMainCacheType = CACHE_NONE;
$wgParserCacheType = CACHE_NONE;
$wgMessageCacheType = CACHE_NONE;
$wgSessionCacheType = CACHE_DB;
// Localisation data is static; caching it in files keeps start-up short.
$wgCacheDirectory = "$wikiroundHome/cache";

$wgShowExceptionDetails = true;
$wgJobRunRate = 0;
$wgEnableUploads = false;
$wgArticlePath = '/wiki/$1';
// Language prefixes (rows added by setup) become interlanguage links, as on Wikipedia.
$wgInterwikiMagic = true;

$wgAutoloadClasses['WikiroundTemplateArgs'] = __DIR__ . '/TemplateArgs.php';
$wgAutoloadClasses['WikiroundPreprocessor'] = __DIR__ . '/TemplateArgs.php';
$wgAutoloadClasses['WikiroundFrame'] = __DIR__ . '/TemplateArgs.php';
$wgAutoloadClasses['WikiroundTemplateFrame'] = __DIR__ . '/TemplateArgs.php';
$wgExtensionMessagesFiles['WikiroundTemplateArgsMagic'] = __DIR__ . '/TemplateArgs.magic.php';
$wgHooks['ParserFirstCallInit'][] = 'WikiroundTemplateArgs::onParserFirstCallInit';

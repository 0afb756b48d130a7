<?php
// Maintenance script behind tests/mediawiki/oracle.py.
//
// Default: reads JSON lines {"title": ..., "text": ...} on stdin and writes one JSON line
// per document on stdout (parse result, template arguments, pre-save transform). With
// "cells": true in the request, the document is parsed a second time with the recording
// templates showing their values as Module:Infobox would, and "cells" gives what each
// value's table cell displays.
// --setup: creates the test templates and language interwiki prefixes (idempotent).
// --empty-wiki: deletes every page (prepares the database that XML dumps go into).
// --dump-pages: writes one JSON object {title: current wikitext} for every text page.
//
// Needs MW_INSTALL_PATH, MW_CONFIG_FILE (settings.php) and WIKIROUND_MEDIAWIKI.

use MediaWiki\MediaWikiServices;
use MediaWiki\Revision\SlotRecord;

$IP = getenv( 'MW_INSTALL_PATH' );
if ( !$IP ) {
	fwrite( STDERR, "MW_INSTALL_PATH is not set\n" );
	exit( 2 );
}
// Notices and warnings must never reach stdout, which carries JSON only.
ini_set( 'display_errors', 'stderr' );
require_once "$IP/maintenance/Maintenance.php";

class WikiroundOracle extends Maintenance {
	/** Pages whose body reports the arguments of any call. */
	private const TEMPLATES = [ 'Template:Infobox officeholder', 'Template:Infobox' ];
	private const LANGUAGES = [ 'ar', 'de', 'es', 'fr', 'it', 'ja', 'nl', 'pl', 'pt', 'ru', 'sv', 'zh' ];
	private const JSON_FLAGS = JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES
		| JSON_INVALID_UTF8_SUBSTITUTE | JSON_THROW_ON_ERROR;

	public function __construct() {
		parent::__construct();
		$this->addDescription( 'Offline MediaWiki oracle for the wikiround tests' );
		$this->addOption( 'setup', 'Create test templates and interwiki prefixes' );
		$this->addOption( 'empty-wiki', 'Delete every page' );
		$this->addOption( 'dump-pages', 'Print the current wikitext of every page as JSON' );
	}

	public function execute() {
		if ( $this->hasOption( 'setup' ) ) {
			$this->setUpWiki();
		} elseif ( $this->hasOption( 'empty-wiki' ) ) {
			$this->emptyWiki();
		} elseif ( $this->hasOption( 'dump-pages' ) ) {
			$this->dumpPages();
		} else {
			$this->serve();
		}
	}

	private function serve(): void {
		while ( ( $line = fgets( STDIN ) ) !== false ) {
			if ( trim( $line ) === '' ) {
				continue;
			}
			try {
				$request = json_decode( $line, true, 16, JSON_THROW_ON_ERROR );
				$result = $this->handle( $request );
			} catch ( Throwable $e ) {
				$result = [ 'error' => get_class( $e ) . ': ' . $e->getMessage() ];
				fwrite( STDERR, (string)$e . "\n" );
			}
			try {
				$json = json_encode( $result, self::JSON_FLAGS );
			} catch ( JsonException $e ) {
				$json = json_encode( [ 'error' => 'JSON encoding failed: ' . $e->getMessage() ] );
			}
			fwrite( STDOUT, $json . "\n" );
			fflush( STDOUT );
		}
	}

	private function handle( array $request ): array {
		$text = $request['text'] ?? null;
		if ( !is_string( $text ) ) {
			throw new InvalidArgumentException( 'request needs a string "text"' );
		}
		$title = Title::newFromText( $request['title'] ?? 'Test page' );
		if ( !$title ) {
			throw new InvalidArgumentException( 'invalid title' );
		}
		$services = MediaWikiServices::getInstance();

		WikiroundTemplateArgs::$calls = [];
		$parser = $services->getParserFactory()->create();
		WikiroundTemplateArgs::useOrderedFrames( $parser );
		$output = $parser->parse( $text, $title, ParserOptions::newFromAnon(), true, true );
		$html = $output->getText( [ 'enableSectionEditLinks' => false, 'unwrap' => true ] );
		$calls = WikiroundTemplateArgs::$calls;
		WikiroundTemplateArgs::$calls = [];

		$cells = empty( $request['cells'] ) ? null : $this->renderCells( $text, $title );

		if ( isset( $request['pst'] ) && $request['pst'] === false ) {
			// The caller wants the HTML only: what saving would store is not worked out.
			$pstText = $text;
		} else {
			$user = User::newFromName( 'Example' );
			$pst = $services->getContentTransformer()->preSaveTransform(
				new WikitextContent( $text ), $title, $user,
				ParserOptions::newFromUserAndLang( $user, $services->getContentLanguage() )
			);
			$pstText = $pst instanceof TextContent ? $pst->getText() : $text;
		}

		return [
			'calls' => $calls,
			'html' => $html,
			'text' => html_entity_decode( strip_tags( $html ), ENT_QUOTES | ENT_HTML5, 'UTF-8' ),
			'warnings' => array_values( $output->getWarnings() ),
			'categories' => array_map( 'strval', $output->getCategoryNames() ),
			'language_links' => array_values( $output->getLanguageLinks() ),
			'pst_changed' => $pstText !== $text,
			'pst_text' => $pstText,
			'cells' => $cells,
		];
	}

	/**
	 * Parses $text with the recording templates rendering their values as cells, and
	 * returns each cell: its call and argument index, its text content, its inner HTML and
	 * the names of the elements inside it.
	 */
	private function renderCells( string $text, Title $title ): array {
		$services = MediaWikiServices::getInstance();
		WikiroundTemplateArgs::$calls = [];
		WikiroundTemplateArgs::$renderCells = true;
		try {
			$parser = $services->getParserFactory()->create();
			WikiroundTemplateArgs::useOrderedFrames( $parser );
			$output = $parser->parse( $text, $title, ParserOptions::newFromAnon(), true, true );
		} finally {
			WikiroundTemplateArgs::$renderCells = false;
			WikiroundTemplateArgs::$calls = [];
		}
		$html = $output->getText( [ 'enableSectionEditLinks' => false, 'unwrap' => true ] );

		$document = new DOMDocument();
		$previous = libxml_use_internal_errors( true );
		$document->loadHTML( '<?xml encoding="utf-8"?><body>' . $html . '</body>', LIBXML_NONET );
		libxml_clear_errors();
		libxml_use_internal_errors( $previous );
		$xpath = new DOMXPath( $document );
		$cells = [];
		foreach ( $xpath->query( '//td[@data-wikiround-cell]' ) as $cell ) {
			[ $call, $argument ] = explode( '.', $cell->getAttribute( 'data-wikiround-cell' ) );
			$inner = '';
			foreach ( $cell->childNodes as $child ) {
				$inner .= $document->saveHTML( $child );
			}
			$elements = [];
			foreach ( $xpath->query( './/*', $cell ) as $element ) {
				$elements[$element->nodeName] = true;
			}
			$cells[] = [
				'call' => (int)$call,
				'argument' => (int)$argument,
				'text' => $cell->textContent,
				'html' => $inner,
				'elements' => array_keys( $elements ),
			];
		}
		return $cells;
	}

	private function setUpWiki(): void {
		$services = MediaWikiServices::getInstance();
		$user = User::newSystemUser( User::MAINTENANCE_SCRIPT_USER, [ 'steal' => true ] );
		foreach ( self::TEMPLATES as $name ) {
			$page = $services->getWikiPageFactory()->newFromTitle( Title::newFromText( $name ) );
			$body = '{{#templateargs:}}';
			$current = $page->getContent();
			if ( $current instanceof TextContent && $current->getText() === $body ) {
				$this->output( "page $name: unchanged\n" );
				continue;
			}
			$status = $page->doUserEditContent( new WikitextContent( $body ), $user, 'test harness' );
			if ( !$status->isOK() ) {
				$this->fatalError( "could not save $name: " . $status->getWikiText() );
			}
			$this->output( "page $name: saved\n" );
		}

		$dbw = $services->getDBLoadBalancer()->getConnection( DB_PRIMARY );
		$added = [];
		foreach ( self::LANGUAGES as $code ) {
			if ( $dbw->selectField( 'interwiki', 'iw_prefix', [ 'iw_prefix' => $code ], __METHOD__ ) !== false ) {
				continue;
			}
			$dbw->insert( 'interwiki', [
				'iw_prefix' => $code,
				'iw_url' => "https://$code.wikipedia.org/wiki/$1",
				'iw_api' => '',
				'iw_wikiid' => '',
				'iw_local' => 1,
				'iw_trans' => 0,
			], __METHOD__ );
			$added[] = $code;
		}
		$this->output( 'interwiki prefixes: ' . ( $added ? 'added ' . implode( ' ', $added ) : 'unchanged' ) . "\n" );
	}

	private function emptyWiki(): void {
		$services = MediaWikiServices::getInstance();
		$user = User::newSystemUser( User::MAINTENANCE_SCRIPT_USER, [ 'steal' => true ] );
		$dbr = $services->getDBLoadBalancer()->getConnection( DB_REPLICA );
		$ids = $dbr->selectFieldValues( 'page', 'page_id', [], __METHOD__ );
		foreach ( $ids as $id ) {
			$page = $services->getWikiPageFactory()->newFromID( (int)$id );
			$status = $services->getDeletePageFactory()->newDeletePage( $page, $user )
				->deleteUnsafe( 'empty wiki for imports' );
			if ( !$status->isOK() ) {
				$this->fatalError( 'could not delete page ' . $id . ': ' . $status->getWikiText() );
			}
		}
	}

	private function dumpPages(): void {
		$services = MediaWikiServices::getInstance();
		$dbr = $services->getDBLoadBalancer()->getConnection( DB_REPLICA );
		$pages = [];
		foreach ( $dbr->selectFieldValues( 'page', 'page_id', [], __METHOD__ ) as $id ) {
			$page = $services->getWikiPageFactory()->newFromID( (int)$id );
			$revision = $page ? $page->getRevisionRecord() : null;
			if ( !$revision ) {
				continue;
			}
			$content = $revision->getContent( SlotRecord::MAIN );
			if ( $content instanceof TextContent ) {
				$pages[$page->getTitle()->getPrefixedText()] = $content->getText();
			}
		}
		fwrite( STDOUT, json_encode( (object)$pages, self::JSON_FLAGS ) . "\n" );
	}
}

$maintClass = WikiroundOracle::class;
require_once RUN_MAINTENANCE_IF_MAIN;

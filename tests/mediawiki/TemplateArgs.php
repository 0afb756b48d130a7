<?php
// {{#templateargs:}}: placed in a template's body, records the arguments that the
// template was called with, each as {{{name}}} would give it. With $renderCells set, it
// also shows each value in a table cell the way Module:Infobox shows a data value.

use MediaWiki\MediaWikiServices;

class WikiroundTemplateArgs {
	/** @var array[] calls recorded since the last reset, in order of expansion */
	public static $calls = [];

	/** @var bool whether a call also renders its values as cells (see cells()) */
	public static $renderCells = false;

	/**
	 * Module:Infobox, which renders Infobox officeholder on Wikipedia, starts a data value
	 * on a new line when it begins with one of these, so that the value can be a list, an
	 * indent, a definition, a table or a rule.
	 */
	private const BLOCK_START = '/^(?:[*#:;]|\{\||----)/';

	public static function onParserFirstCallInit( Parser $parser ): void {
		$parser->setFunctionHook( 'templateargs', [ self::class, 'render' ], Parser::SFH_OBJECT_ARGS );
	}

	/**
	 * The frame a template's body sees does not keep the order in which its arguments
	 * were written (numbered and named ones are kept apart). Frames made through this
	 * preprocessor remember it; the parsing itself is unchanged.
	 */
	public static function useOrderedFrames( Parser $parser ): void {
		$services = MediaWikiServices::getInstance();
		$preprocessor = new WikiroundPreprocessor( $parser, $services->getMainWANObjectCache(), [
			'cacheThreshold' => $services->getMainConfig()->get( 'PreprocessorCacheThreshold' ),
			'disableLangConversion' => $services->getLanguageConverterFactory()->isConversionDisabled(),
		] );
		( function () use ( $preprocessor ) {
			$this->mPreprocessor = $preprocessor;
		} )->call( $parser );
	}

	public static function render( Parser $parser, PPFrame $frame, array $args ): string {
		if ( !( $frame instanceof PPTemplateFrame_Hash ) ) {
			return '';
		}
		$order = $frame instanceof WikiroundTemplateFrame ? $frame->argOrder : array_merge(
			array_keys( $frame->numberedArgs ), array_keys( $frame->namedArgs ) );
		$seen = [];
		$duplicates = [];
		$recorded = [];
		$values = [];
		$strip = $parser->getStripState();
		foreach ( $order as $key ) {
			$key = (string)$key;
			if ( isset( $seen[$key] ) ) {
				$duplicates[$key] = true;
				continue;
			}
			$seen[$key] = true;
			$value = $frame->getArgument( $key );
			if ( $value === false ) {
				continue;
			}
			$numbered = isset( $frame->numberedArgs[$key] );
			// The argument as written in the call, before any expansion.
			$node = $numbered ? $frame->numberedArgs[$key] : $frame->namedArgs[$key];
			$raw = $frame->parent->expand( $node, PPFrame::RECOVER_ORIG );
			$recorded[] = [ $key, $strip->unstripBoth( $value ), $numbered,
				$numbered ? $raw : trim( $raw ) ];
			$values[] = $value;
		}
		$title = $frame->title;
		self::$calls[] = [
			'template' => $title->getNamespace() === NS_TEMPLATE
				? $title->getText() : $title->getPrefixedText(),
			'args' => $recorded,
			'duplicates' => array_map( 'strval', array_keys( $duplicates ) ),
		];
		return self::$renderCells ? self::cells( count( self::$calls ) - 1, $values ) : '';
	}

	/**
	 * One table row per value, each cell laid out as Module:Infobox lays out a data cell:
	 * HTML tags on one line, the expanded value inside, after a newline when it begins
	 * with list, indent, definition, table or rule markup. The cells are marked
	 * "call.argument" so that the oracle can find them in the page's HTML.
	 */
	private static function cells( int $call, array $values ): string {
		$rows = '';
		foreach ( $values as $index => $value ) {
			$start = preg_match( self::BLOCK_START, $value ) ? "\n" : '';
			$rows .= "<tr><td data-wikiround-cell=\"$call.$index\">$start$value</td></tr>";
		}
		return "<table>$rows</table>";
	}
}

// phpcs:ignore Squiz.Classes.ValidClassName.NotCamelCaps
class WikiroundPreprocessor extends Preprocessor_Hash {
	public function newFrame() {
		return new WikiroundFrame( $this );
	}
}

trait WikiroundOrderedChildren {
	public function newChild( $args = false, $title = false, $indexOffset = 0 ) {
		$plain = parent::newChild( $args, $title, $indexOffset );
		$child = new WikiroundTemplateFrame( $this->preprocessor, $this,
			$plain->numberedArgs, $plain->namedArgs, $plain->title );
		$nodes = $args instanceof PPNode_Hash_Array ? $args->value : ( $args ?: [] );
		foreach ( $nodes as $node ) {
			// Same naming rule as PPFrame_Hash::newChild.
			$bits = $node->splitArg();
			$child->argOrder[] = $bits['index'] !== ''
				? $bits['index'] - $indexOffset
				: trim( $this->expand( $bits['name'], PPFrame::STRIP_COMMENTS ) );
		}
		return $child;
	}
}

class WikiroundFrame extends PPFrame_Hash {
	use WikiroundOrderedChildren;
}

class WikiroundTemplateFrame extends PPTemplateFrame_Hash {
	use WikiroundOrderedChildren;

	/** @var array<int|string> argument names in the order written, repeats included */
	public $argOrder = [];
}

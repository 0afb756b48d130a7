<?php
// Names the parser function {{#templateargs:}} (case-insensitive).
$magicWords = [];
$magicWords['en'] = [ 'templateargs' => [ 0, 'templateargs' ] ];

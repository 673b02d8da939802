// Package page reads parsed HTML pages of Chinese government websites: the
// links a page offers (to find columns), redirect stubs and frames, the item
// list of a column page and the metadata of a detail page.
//
// A page is parsed once with Parse and the document is shared by every
// reader. The readers walk the html.Node tree directly instead of running
// CSS selectors, and they take text from small subtrees only (one list row,
// one metadata cell), because the crawler reads thousands of pages a second
// and a whole-page .Text() per candidate would dominate the cost.
//
// Dates always come from visible text, never from raw HTML: attribute values,
// scripts, styles and comments are full of date-shaped numbers.
package page

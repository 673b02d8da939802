// Package text normalises the visible text of Chinese government web pages:
// it folds labels so that column names can be matched regardless of script,
// width, spacing and decoration, and it extracts publication dates from
// visible text and from URLs.
//
// Everything here is pure and allocation-conscious because it runs on every
// link and list item of every crawled page.
package text

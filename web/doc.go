// Package web serves the evaluators' pages of serve and demo: the overview
// of every site, a page per site (its scorecard, the stored copies of the
// pages that decided it, its history), a page per requirement, and the
// stored copies themselves.
//
// Pages are html/template with one embedded stylesheet and one small
// embedded script (sorting by column headers); nothing is loaded from
// elsewhere, so the pages work offline. Every page works without the
// script: sorting and filtering are also done by the server from the query
// string. The pages are read from the store's in-memory snapshot and from
// short store calls; no read transaction is held while a client is slow.
//
// Stored copies of government pages are served with a sandboxing
// Content-Security-Policy, so that a stored page can neither run scripts
// nor load anything.
package web

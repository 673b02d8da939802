// Package tamper finds spam injected into a government web page: gambling,
// pornography and other illicit advertising written into the page's text,
// and links to other sites hidden from the reader (黑链, 暗链). The 2019
// national inspection rules make such tampering a single veto, so the
// detector is built to stay silent on honest pages — a policy on lottery
// sales or a police notice against online gambling uses the same words as
// the spam it fights — and reports only what it can show as evidence.
//
// Scan reads the page with the HTML tokenizer, without building a DOM; it
// runs on every page an audit fetches.
package tamper

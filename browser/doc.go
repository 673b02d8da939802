// Package browser shows pages as a citizen's browser does: it drives a
// headless Chromium through the DevTools protocol (chromedp) for the pages
// whose content a script builds or a script cookie challenge guards.
//
// Chromium reaches nothing by itself. Every request it makes, documents and
// subresources alike, is paused with the DevTools Fetch domain and answered
// from Go through the site's crawler: robots.txt, the page budget and the
// per-host politeness are asked of the site's fetcher (crawler.SiteFetcher's
// Admit), and the request is sent through the site's transport, whose
// dialer is the SSRF guard. Chromium's own name resolution is switched off,
// so a request that escaped interception fails instead of leaving the host.
//
// One browser process serves an audit. It is started on the first page that
// needs it (an audit in which no page does never starts it), restarted when
// it dies, and killed with its process group on Close; on Linux the kernel
// kills it when govaudit dies.
package browser

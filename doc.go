// Package govaudit is the vocabulary every part of govaudit shares: sites,
// requirements and their catalog, statuses, results, census findings,
// verdicts, scores, and the Fetcher interface between the crawler and the
// checks. It imports only the standard library, so that the crawler, the
// store, the exports and the web UI can speak of an audit without
// compiling the engine that produces one or the HTML readers it uses.
package govaudit

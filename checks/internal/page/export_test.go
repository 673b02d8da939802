package page

// CheckStreamTokens exposes checkStreamTokens to the external tests, which
// run it on the whole page corpus.
var CheckStreamTokens = checkStreamTokens

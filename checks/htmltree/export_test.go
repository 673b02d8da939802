package htmltree

// ParseWithReason is parse for the external tests: it also says why a page
// was refused.
var ParseWithReason = parse

package demo

// ProbeRounds is how many home-page probe rounds the demo runs before its
// audit, to give the census availability rule a week's worth of evidence
// in a few seconds.
const ProbeRounds = 30

// flakyRequest is the request for its home page that the flaky site's
// server drops: the last probe of the burst, so that the audit's own fetch
// after it succeeds and the week shows one failure in ProbeRounds+1.
const flakyRequest = ProbeRounds

// Package demo is a synthetic province of Chinese government websites served
// on loopback, together with the verdicts a correct audit must reach on it.
//
// Every site is a model — its columns, their items, dates, 有效性 labels and
// reply statuses, and the menus that link them from the home page and the
// disclosure portal — rendered into the markup a real CMS produces (TRS WCM,
// Hanweb JCMS, Epoint, gov.cn-family templates, an old GBK ASP site,
// Liaoning's department template). The ground truth is computed from the
// same model with the rules the auditor implements, never written by hand,
// so a change to a site cannot leave its truth behind: Truth holds the
// verdict on every requirement of the catalog that applies to a site,
// Census the verdict and value of every national-census rule its audit
// judges.
//
// Some sites are built to fail: one server refuses connections, one answers
// 502, one hides behind a WAF, one drops one home-page request in thirty
// (ProbeRounds), one carries injected casino spam, and county portals show
// each census early warning and veto for stale, long-unupdated and empty
// columns and an unanswered mailbox.
//
// New builds the hand-made province that `govaudit demo` audits and the
// end-to-end test compares against; Synthetic builds the many-site province
// the throughput benchmark serves. Pages are rendered once, at construction,
// and served as bytes.
package demo

// Package demo is a synthetic province of Chinese government websites served
// on loopback, together with the verdicts a correct audit must reach on it.
//
// Every site is a model — its columns, their items, dates and 有效性 labels —
// rendered into the markup a real CMS produces (TRS WCM, Hanweb JCMS, Epoint,
// gov.cn-family templates, an old GBK ASP site, Liaoning's department
// template). The ground truth is computed from the same model with the rules
// the auditor implements, never written by hand, so a change to a site cannot
// leave its truth behind.
//
// New builds the hand-made province that `govaudit demo` audits and the
// end-to-end test compares against; Synthetic builds the many-site province
// the throughput benchmark serves. Pages are rendered once, at construction,
// and served as bytes.
package demo

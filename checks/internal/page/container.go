package page

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// region says what kind of page region an element sits in. It is computed
// top-down during a walk (a child inherits its parent's region), so no
// reader ever climbs the ancestors of a node.
type region uint8

const (
	// regionNav: <nav>, or a nav/menu/lanmu/daohang class or id.
	regionNav region = 1 << iota
	// regionHeader: <header>, or a header class or id.
	regionHeader
	// regionFooter: <footer>, or a footer/bottom/copyright class or id.
	regionFooter
	// regionCrumb: a breadcrumb (当前位置).
	regionCrumb
	// regionRelated: "related links" boxes next to an article or list.
	regionRelated
	// regionColumnish: a column/top class or id. Weaker than regionNav: it
	// marks links as menu-like but does not demote a list.
	regionColumnish
)

// notList are the regions whose links lose against any list elsewhere.
const notList = regionNav | regionHeader | regionFooter | regionCrumb | regionRelated

// navLike are the regions that make a link navigation.
const navLike = notList | regionColumnish

// enter returns the region of element n whose parent is in region r.
func enter(n *html.Node, r region) region {
	return r | tagRegion(n) | classRegion(classID(n))
}

// tagRegion is the region an element's own tag puts it in.
func tagRegion(n *html.Node) region {
	switch n.DataAtom {
	case atom.Nav:
		return regionNav
	case atom.Header:
		return regionHeader
	case atom.Footer:
		return regionFooter
	}
	return 0
}

// classRegion is the region a class/id string (classID) puts an element in.
func classRegion(ci string) region {
	if ci == "" {
		return 0
	}
	var r region
	if containsAny(ci, "nav", "menu", "lanmu", "daohang") {
		r |= regionNav
	}
	if containsAny(ci, "header") || hasToken(ci, "head", "top", "topbar", "topnav", "toplink", "toplinks", "topmenu") {
		// "top" as a whole word only: topic, stop and desktop are not menus.
		// A top bar is menu-like for links but should not demote a list
		// that a template happens to wrap in class="top".
		if containsAny(ci, "header") || hasToken(ci, "head") {
			r |= regionHeader
		} else {
			r |= regionColumnish
		}
	}
	if containsAny(ci, "footer", "foot", "bottom", "copyright", "banquan") {
		r |= regionFooter
	}
	if containsAny(ci, "crumb", "location", "position", "weizhi", "dqwz", "curpos") {
		r |= regionCrumb
	}
	if containsAny(ci, "related", "xgwz", "xglj", "xgxx", "xgwj") {
		r |= regionRelated
	}
	if containsAny(ci, "column") {
		r |= regionColumnish
	}
	return r
}

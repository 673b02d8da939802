package govaudit

// departments2016 are the department codes of docs/requirements.md, keyed by
// code, with the 2016 name the seed uses.
var departments2016 = map[string]string{
	"bgt": "省政府办公厅",
	"fgw": "省发展改革委",
	"jyt": "省教育厅",
	"gat": "省公安厅",
	"mzt": "省民政厅",
	"czt": "省财政厅",
	"rst": "省人力资源社会保障厅",
	"hbt": "省环保厅",
	"zjt": "省住房城乡建设厅",
	"nw":  "省农委",
	"wjw": "省卫生计生委",
	"sjt": "省审计厅",
	"gzw": "省国资委",
	"ds":  "省地税局",
	"gs":  "省国税局",
	"gsj": "省工商局",
	"syj": "省食品药品监管局",
	"wjj": "省物价局",
	"zwb": "省政务服务管理办公室",
}

// successors maps the code of a department created by the 2018 reforms to
// the 2016 codes whose rows it inherits.
var successors = map[string][]string{
	"sthj": {"hbt"},
	"nync": {"nw"},
	"wsjk": {"wjw"},
	"sw":   {"ds", "gs"},
	"scjg": {"gsj", "syj", "wjj"},
	"ysj":  {"zwb"},
}

// successorNames are today's names of the renamed departments.
var successorNames = map[string]string{
	"sthj": "省生态环境厅",
	"nync": "省农业农村厅",
	"wsjk": "省卫生健康委",
	"sw":   "国家税务总局辽宁省税务局",
	"scjg": "省市场监督管理局",
	"ysj":  "省营商环境建设局",
}

// KnownDepartment reports whether code is a department code that carries
// rows of its own (a 2016 code or a successor's). Other codes are allowed in
// a config but only get the all-* rows; config validation warns about them.
func KnownDepartment(code string) bool {
	if _, ok := departments2016[code]; ok {
		return true
	}
	_, ok := successors[code]
	return ok
}

// DepartmentName returns the name docs/requirements.md gives a code.
func DepartmentName(code string) string {
	if n, ok := departments2016[code]; ok {
		return n
	}
	return successorNames[code]
}

// DepartmentInherits reports whether a site of department code site carries
// the rows led by the 2016 department code lead.
func DepartmentInherits(site, lead string) bool {
	if site == lead {
		return true
	}
	for _, c := range successors[site] {
		if c == lead {
			return true
		}
	}
	return false
}

// localNames are the names a department code's counterpart carries in a
// city's or a county's government, without the 市 or 县（区） before it:
// a city's 生态环境局 is not the provincial 生态环境厅.
var localNames = map[string]string{
	"bgt":  "政府办公室",
	"fgw":  "发展改革委",
	"jyt":  "教育局",
	"gat":  "公安局",
	"mzt":  "民政局",
	"czt":  "财政局",
	"rst":  "人力资源社会保障局",
	"hbt":  "环保局",
	"zjt":  "住房城乡建设局",
	"nw":   "农委",
	"wjw":  "卫生计生委",
	"sjt":  "审计局",
	"gzw":  "国资委",
	"ds":   "地税局",
	"gs":   "国税局",
	"gsj":  "工商局",
	"syj":  "食品药品监管局",
	"wjj":  "物价局",
	"zwb":  "政务服务管理办公室",
	"sthj": "生态环境局",
	"nync": "农业农村局",
	"wsjk": "卫生健康委",
	"sw":   "税务局",
	"scjg": "市场监督管理局",
	"ysj":  "营商环境建设局",
}

// countyNames are the county-level names that differ from the city's:
// since the 2018 reform a county's environment office is a branch of the
// city's bureau, and counties have bureaus where cities have commissions.
var countyNames = map[string]string{
	"fgw":  "发展和改革局",
	"sthj": "生态环境分局",
	"hbt":  "环保分局",
	"wsjk": "卫生健康局",
	"wjw":  "卫生计生局",
	"nw":   "农业局",
	"gzw":  "国资局",
}

// DepartmentNameAt returns the name of a department code at a level of
// government: the provincial name for a provincial site, 市… for a city's
// and 县（区）… for a county's. "" for an unknown code.
func DepartmentNameAt(code string, level Level) string {
	switch level {
	case LevelCity:
		if n, ok := localNames[code]; ok {
			return "市" + n
		}
		return ""
	case LevelCounty:
		if n, ok := countyNames[code]; ok {
			return "县（区）" + n
		}
		if n, ok := localNames[code]; ok {
			return "县（区）" + n
		}
		return ""
	}
	return DepartmentName(code)
}

// Command govaudit audits Chinese government websites against the
// disclosure duties of 辽政办〔2016〕23号 and the national website rules.
//
// Usage: govaudit COMMAND [flags]; `govaudit --help` lists the commands and
// docs/cli.md describes them.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	_ "time/tzdata" // minimal images have no zoneinfo; the schedule needs Asia/Shanghai
)

// exit codes
const (
	exitOK    = 0
	exitError = 1 // the command could not do its job
	exitUsage = 2 // the command line or the config is wrong
)

// command is one sub-command: its synopsis (the flags it takes), one line
// saying what it does, and the function that runs it.
type command struct {
	name, synopsis, summary string
	run                     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands lists every sub-command in the order --help shows them. It is
// filled in init because the commands' help reads it.
var commands []command

func init() {
	commands = []command{
		{"demo", "[--listen ADDR] [--store FILE] [--once]", "演示：回环地址上的模拟省份，检查后提供服务 (a synthetic province audited and served on loopback)", cmdDemo},
		{"serve", "--config FILE", "守护进程：按计划检查，提供指标、评分卡、导出和 API (the daemon)", cmdServe},
		{"audit", "--config FILE [--site ID ...]", "立即检查一次 (one audit now)", cmdAudit},
		{"export", "(--config FILE | --server URL) [--format json|csv|xlsx|html|pdf] [--as-of YYYY-MM-DD] [--site ID ...] [--city C] [--level L] [--department D] [--status S] [--verdict V] [--out PATH]", "导出评分卡，不抓取 (scorecards from the store)", cmdExport},
		{"check-config", "FILE", "检查配置文件并逐行报告问题 (validate a config)", noContext(cmdCheckConfig)},
		{"catalog", "[--format table|json]", "列出要求目录 (the requirement catalog)", noContext(cmdCatalog)},
		{"compact", "--config FILE", "压缩存储文件（先停止 serve）(shrink the store file)", noContext(cmdCompact)},
		{"store", "check FILE | store salvage FILE NEWFILE", "检查存储文件；从损坏的文件中抢救可读记录 (verify a store; copy what a damaged one still holds; docs/store.md)", noContext(cmdStore)},
		{"health", "[--url URL] [--timeout D]", "探测运行中的 govaudit 的 /healthz (probe a running govaudit)", cmdHealth},
		{"notify-test", "--config FILE --receiver NAME", "向一个通知接收方发送测试消息 (send a test message to a receiver; docs/notify.md)", cmdNotifyTest},
		{"version", "", "版本、提交和 Go 版本 (version, commit and Go version)", noContext(cmdVersion)},
	}
}

func noContext(f func(args []string, stdout, stderr io.Writer) error) func(context.Context, []string, io.Writer, io.Writer) error {
	return func(_ context.Context, args []string, stdout, stderr io.Writer) error { return f(args, stdout, stderr) }
}

// usage is the top-level help.
func usage() string {
	var b strings.Builder
	b.WriteString("govaudit — 政府网站信息公开检查 (audits government websites against 辽政办〔2016〕23号 and the national website rules)\n\nUsage:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  govaudit %s %s\n      %s\n", c.name, c.synopsis, c.summary)
	}
	b.WriteString("  govaudit --version\n\n`govaudit COMMAND --help` shows a command's flags. --config may also come from the GOVAUDIT_CONFIG environment variable.\n")
	return b.String()
}

// usageError marks errors in how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errHelp is returned by a command asked for its help, which it has printed.
var errHelp = errors.New("help requested")

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches a command line and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage())
		return exitOK
	case "-version", "--version":
		args = []string{"version"}
	}
	var cmd *command
	for i := range commands {
		if commands[i].name == args[0] {
			cmd = &commands[i]
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "govaudit: unknown command %q\n\n%s", args[0], usage())
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	err := cmd.run(ctx, args[1:], stdout, stderr)
	if err == nil || errors.Is(err, errHelp) {
		return exitOK
	}
	fmt.Fprintf(stderr, "govaudit %s: %v\n", args[0], err)
	var ue usageError
	var ce configError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "usage: govaudit %s %s\n(govaudit %s --help for the flags)\n", cmd.name, cmd.synopsis, cmd.name)
		return exitUsage
	case errors.As(err, &ce):
		return exitUsage
	}
	return exitError
}

// synopsisOf is the usage line of a command, for its --help.
func synopsisOf(name string) (synopsis, summary string) {
	for _, c := range commands {
		if c.name == name {
			return c.synopsis, c.summary
		}
	}
	return "", ""
}
